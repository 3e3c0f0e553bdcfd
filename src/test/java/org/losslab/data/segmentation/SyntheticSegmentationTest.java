package org.losslab.data.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.losslab.topology.BettiNumbers;

/** The generators: seeded, values in range, and truth whose measured topology is the one they claim. */
class SyntheticSegmentationTest {

    static KnownTopology measured(SegmentationSet set, int i) {
        BettiNumbers b = BettiNumbers.of(TopoMortarTest.mask(set, i));
        return new KnownTopology(b.betti0(), b.betti1());
    }

    static void assertClaimedTopologyHolds(SegmentationSet set) {
        for (int i = 0; i < set.size(); i++) {
            assertThat(measured(set, i)).as(set.name(i)).isEqualTo(set.topology(i).orElseThrow());
        }
    }

    static void assertValid(SegmentationSet set, int count, int h, int w) {
        assertThat(set.size()).isEqualTo(count);
        assertThat(set.height()).isEqualTo(h);
        assertThat(set.width()).isEqualTo(w);
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.foregroundCount(i)).as(set.name(i)).isPositive().isLessThan(h * w);
        }
    }

    @Test
    void ringsAreOneComponentEachWithAHoleUnlessOpen() {
        SegmentationSet set = RingsGenerator.defaults().generate(40, 64, 48, 1);
        assertValid(set, 40, 64, 48);
        assertClaimedTopologyHolds(set);
        int open = 0;
        for (int i = 0; i < set.size(); i++) {
            KnownTopology t = set.topology(i).orElseThrow();
            assertThat(t.betti0()).isBetween(1, 3);
            open += t.betti0() - t.betti1();
        }
        assertThat(open).as("some rings are open").isPositive();
        SegmentationSet single = new RingsGenerator(1, 0).generate(10, 32, 32, 2);
        for (int i = 0; i < single.size(); i++) {
            assertThat(measured(single, i)).isEqualTo(new KnownTopology(1, 1));
        }
        SegmentationSet openOnly = new RingsGenerator(1, 1).generate(10, 32, 32, 2);
        for (int i = 0; i < openOnly.size(); i++) {
            assertThat(measured(openOnly, i)).isEqualTo(new KnownTopology(1, 0));
        }
    }

    @Test
    void brickWallMortarIsConnectedWithOneHolePerInnerBrick() {
        SegmentationSet set = BrickWallGenerator.clean().generate(20, 96, 128, 3);
        assertValid(set, 20, 96, 128);
        assertClaimedTopologyHolds(set);
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.topology(i).orElseThrow().betti0()).isEqualTo(1);
            assertThat(set.topology(i).orElseThrow().betti1()).isGreaterThan(3);
        }
    }

    @Test
    void brickWallLabelNoiseChangesTheMaskNotTheImage() {
        SegmentationSet clean = BrickWallGenerator.clean().generate(5, 64, 64, 4);
        SegmentationSet noisy = new BrickWallGenerator(0.3).generate(5, 64, 64, 4);
        int changedTopology = 0;
        for (int i = 0; i < 5; i++) {
            assertThat(noisy.image(i)).isEqualTo(clean.image(i));
            assertThat(noisy.mask(i)).isNotEqualTo(clean.mask(i));
            assertThat(noisy.topology(i)).isEmpty();
            changedTopology += measured(noisy, i).equals(clean.topology(i).orElseThrow()) ? 0 : 1;
        }
        assertThat(changedTopology).isPositive();
    }

    @Test
    void vesselTruthIsOneTreeWhileTheImageHasGaps() {
        SegmentationSet set = VesselsGenerator.defaults().generate(40, 64, 64, 5);
        assertValid(set, 40, 64, 64);
        assertClaimedTopologyHolds(set);
        // In a gap the truth continues over background-dark pixels.
        int darkTruth = 0;
        for (int i = 0; i < set.size(); i++) {
            double[] image = set.image(i);
            double[] mask = set.mask(i);
            for (int p = 0; p < image.length; p++) {
                darkTruth += mask[p] == 1 && image[p] < 0.2 ? 1 : 0;
            }
        }
        assertThat(darkTruth).isGreaterThan(50);
    }

    @Test
    void blobsAreSeparateAndSolid() {
        SegmentationSet set = BlobsGenerator.defaults().generate(30, 48, 48, 6);
        assertValid(set, 30, 48, 48);
        assertClaimedTopologyHolds(set);
        assertThat(set.topology(0).orElseThrow().betti1()).isZero();
    }

    @Test
    void generationIsSeededAndImagesAreInRange() {
        SegmentationSet a = VesselsGenerator.defaults().generate(3, 32, 40, 7);
        SegmentationSet b = VesselsGenerator.defaults().generate(5, 32, 40, 7);
        SegmentationSet c = VesselsGenerator.defaults().generate(3, 32, 40, 8);
        assertThat(b.image(2)).isEqualTo(a.image(2));
        assertThat(b.mask(2)).isEqualTo(a.mask(2));
        assertThat(c.mask(0)).isNotEqualTo(a.mask(0));
        assertThat(a.names()).containsExactly("vessels-000", "vessels-001", "vessels-002");
        for (double v : b.imagesData()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> RingsGenerator.defaults().generate(0, 64, 64, 1)).hasMessageContaining("count");
        assertThatThrownBy(() -> BrickWallGenerator.clean().generate(1, 16, 64, 1)).hasMessageContaining("at least 32×32");
        assertThatThrownBy(() -> new BrickWallGenerator(1.5)).hasMessageContaining("labelNoise");
        assertThatThrownBy(() -> new VesselsGenerator(2, -0.1)).hasMessageContaining("gapProbability");
        assertThatThrownBy(() -> new RingsGenerator(0, 0.5)).hasMessageContaining("maxRings");
    }
}
