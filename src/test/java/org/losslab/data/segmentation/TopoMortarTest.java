package org.losslab.data.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.data.DataException;
import org.losslab.topology.BettiNumbers;
import org.losslab.topology.BinaryMask;

class TopoMortarTest {

    static BinaryMask mask(SegmentationSet set, int i) {
        double[] m = set.mask(i);
        boolean[] fg = new boolean[m.length];
        for (int p = 0; p < m.length; p++) {
            fg[p] = m[p] == 1;
        }
        return BinaryMask.of(set.name(i), set.height(), set.width(), fg);
    }

    @Test
    void splitsHaveTheDocumentedCountsAndSizes() {
        Map<String, Integer> expected = Map.of("train", 50, "val", 20, "test-id", 50, "test-ood", 50);
        for (String split : TopoMortar.SPLITS) {
            SegmentationSet set = TopoMortar.read(split, TopoMortar.LabelKind.ACCURATE);
            assertThat(set.size()).as(split).isEqualTo(expected.get(split));
            assertThat(set.height()).isEqualTo(256);
            assertThat(set.width()).isEqualTo(256);
            assertThat(set.split()).isEqualTo(split);
            assertThat(set.imagesShape()).containsExactly(expected.get(split), 1, 256, 256);
            double min = 1;
            double max = 0;
            for (double v : set.imagesData()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).isGreaterThanOrEqualTo(0).isLessThan(0.2);
            assertThat(max).isLessThanOrEqualTo(1).isGreaterThan(0.8);
            for (int i = 0; i < set.size(); i++) {
                // mortar is a minority of the pixels, but present
                assertThat(set.foregroundCount(i)).as("%s/%s", split, set.name(i)).isBetween(100, 256 * 256 / 2);
            }
        }
        assertThat(TopoMortar.entries()).hasSize(170);
    }

    @Test
    void accurateLabelsHaveTheRecordedBettiNumbers() {
        SegmentationSet train = TopoMortar.read("train", TopoMortar.LabelKind.ACCURATE);
        assertThat(train.name(0)).isEqualTo("001");
        assertThat(train.topology(0)).contains(new KnownTopology(2, 30));
        for (String split : TopoMortar.SPLITS) {
            SegmentationSet set = TopoMortar.read(split, TopoMortar.LabelKind.ACCURATE);
            for (int i = 0; i < set.size(); i++) {
                KnownTopology recorded = set.topology(i).orElseThrow();
                BettiNumbers measured = BettiNumbers.of(mask(set, i));
                assertThat(new KnownTopology(measured.betti0(), measured.betti1())).as("%s/%s", split, set.name(i))
                        .isEqualTo(recorded);
            }
        }
    }

    @Test
    void noisyAndPseudoLabelsForTrainAndValOnly() {
        SegmentationSet noisy = TopoMortar.read("train", TopoMortar.LabelKind.NOISY);
        SegmentationSet accurate = TopoMortar.read("train", TopoMortar.LabelKind.ACCURATE);
        SegmentationSet pseudo = TopoMortar.read("val", TopoMortar.LabelKind.parse("Pseudo"));
        assertThat(noisy.size()).isEqualTo(50);
        assertThat(pseudo.size()).isEqualTo(20);
        assertThat(noisy.topology(0)).isEmpty();
        assertThat(noisy.image(3)).isEqualTo(accurate.image(3));
        assertThat(noisy.mask(3)).isNotEqualTo(accurate.mask(3));
        assertThatThrownBy(() -> TopoMortar.read("test-ood", TopoMortar.LabelKind.NOISY))
                .isInstanceOf(DataException.class).hasMessageContaining("test-ood").hasMessageContaining("only accurate");
        assertThatThrownBy(() -> TopoMortar.read("test", TopoMortar.LabelKind.ACCURATE))
                .hasMessageContaining("'test'").hasMessageContaining("test-id");
        assertThatThrownBy(() -> TopoMortar.LabelKind.parse("clean")).hasMessageContaining("accurate, noisy or pseudo");
    }

    @Test
    void outOfDistributionGroupsAreRecorded() {
        assertThat(TopoMortar.entries("test-ood")).extracting(TopoMortar.Entry::group)
                .contains("graffiti", "shadows", "occlusion").doesNotContain("indistr");
        assertThat(TopoMortar.entries("train")).extracting(TopoMortar.Entry::group).containsOnly("indistr");
    }
}
