package org.losslab.data.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatchSamplerTest {
    static final SegmentationSet VESSELS = VesselsGenerator.defaults().generate(4, 64, 64, 11);

    static double foregroundFraction(SegmentationSet set) {
        double fg = 0;
        for (int i = 0; i < set.size(); i++) {
            fg += set.foregroundCount(i);
        }
        return fg / ((double) set.size() * set.height() * set.width());
    }

    @Test
    void patchesAreSeededCropsOfTheirImages() {
        SegmentationSet patches = PatchSampler.sample(VESSELS, 16, 30, 0.5, 1);
        assertThat(patches.size()).isEqualTo(30);
        assertThat(patches.imagesShape()).containsExactly(30, 1, 16, 16);
        assertThat(PatchSampler.sample(VESSELS, 16, 30, 0.5, 1).imagesData()).isEqualTo(patches.imagesData());
        assertThat(PatchSampler.sample(VESSELS, 16, 30, 0.5, 2).imagesData()).isNotEqualTo(patches.imagesData());
        for (int k = 0; k < patches.size(); k++) {
            String name = patches.name(k); // e.g. vessels-002@13,40#7
            int source = VESSELS.names().indexOf(name.substring(0, name.indexOf('@')));
            String[] at = name.substring(name.indexOf('@') + 1, name.indexOf('#')).split(",");
            int top = Integer.parseInt(at[0]);
            int left = Integer.parseInt(at[1]);
            assertThat(top).isBetween(0, 48);
            assertThat(left).isBetween(0, 48);
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16; c++) {
                    assertThat(patches.pixel(k, r, c)).isEqualTo(VESSELS.pixel(source, top + r, left + c));
                    assertThat(patches.foreground(k, r, c)).isEqualTo(VESSELS.foreground(source, top + r, left + c));
                }
            }
        }
    }

    @Test
    void foregroundBiasRaisesTheForegroundShare() {
        double uniform = foregroundFraction(PatchSampler.sample(VESSELS, 16, 200, 0, 3));
        double biased = foregroundFraction(PatchSampler.sample(VESSELS, 16, 200, 1, 3));
        assertThat(biased).isGreaterThan(1.5 * uniform);
        // every fully biased patch contains foreground
        SegmentationSet patches = PatchSampler.sample(VESSELS, 8, 50, 1, 4);
        for (int k = 0; k < patches.size(); k++) {
            assertThat(patches.foregroundCount(k)).isPositive();
        }
    }

    @Test
    void successiveBatchesContinueTheStream() {
        PatchSampler sampler = new PatchSampler(VESSELS, 16, 0.3, 5);
        SegmentationSet first = sampler.next(4);
        SegmentationSet second = sampler.next(4);
        assertThat(second.imagesData()).isNotEqualTo(first.imagesData());
        assertThat(second.name(0)).endsWith("#4");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> PatchSampler.sample(VESSELS, 65, 1, 0, 1)).hasMessageContaining("patchSize");
        assertThatThrownBy(() -> PatchSampler.sample(VESSELS, 16, 0, 0, 1)).hasMessageContaining("patch count");
        assertThatThrownBy(() -> PatchSampler.sample(VESSELS, 16, 1, 2, 1)).hasMessageContaining("foregroundBias");
    }
}
