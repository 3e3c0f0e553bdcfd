package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** skeleton-recall: a·CE − (ΣP₁·Y·S + 1e-5)/(ΣY·S + 1e-5), S = dilate²(ZhangSuen(Y)) ∩ Y prepared on the host. */
class SkeletonRecallLossTest {
    private static final String ID = "skeleton-recall";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md on the dice image: L_SR = −5.6/7 = −0.800000, CE = 0.105080, CE + SR = −0.694920. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        Map<String, HostArray> image = SegmentationTesting.diceImage();
        assertThat(LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.0), image, false).loss())
                .as("L_SR").isCloseTo(-0.800000, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), image, false).loss())
                .as("CE + SR").isCloseTo(-0.694920, within(1e-6));
    }

    @Test
    void theRecallTargetOfARowIsTheRow() {
        Map<String, HostArray> prepared = LossTesting.loss(ID, Map.of()).prepare(SegmentationTesting.diceImage());
        assertThat(prepared.get(SkeletonRecallLoss.SKELETON_INPUT).data())
                .containsExactly(SegmentationTesting.diceImageTarget(), within(0.0));
    }

    @Test
    void theRecallTargetOfAThickBarIsItsThickenedCentrelineInsideTheMask() {
        // a 5-pixel-high bar across a 9×12 image: Zhang–Suen leaves a thin centre line; two 3×3 dilations cover
        // the whole bar height (±2 rows), and the intersection keeps it inside the mask
        int h = 9;
        int w = 12;
        boolean[] bar = new boolean[h * w];
        for (int r = 2; r <= 6; r++) {
            for (int c = 1; c <= 10; c++) {
                bar[r * w + c] = true;
            }
        }
        boolean[] tube = SkeletonRecallLoss.recallTarget(bar, h, w);
        int inside = 0;
        for (int p = 0; p < h * w; p++) {
            assertThat(!tube[p] || bar[p]).as("pixel %d inside the mask", p).isTrue();
            inside += tube[p] ? 1 : 0;
        }
        assertThat(inside).isGreaterThan(0).isLessThanOrEqualTo(50);
        for (int c = 3; c <= 8; c++) {
            assertThat(tube[4 * w + c]).as("centre row, column %d", c).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopOnRandomImages(String engine) {
        int n = 3;
        int h = 6;
        int w = 7;
        Map<String, HostArray> in = SegmentationTesting.randomLogits(31, n, 2, h, w);
        var r = LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.5), in, true);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = SegmentationTesting.foreground(in.get("logits"), i);
            double[] y = SegmentationTesting.image(in.get("target"), i);
            boolean[] mask = new boolean[h * w];
            for (int k = 0; k < mask.length; k++) {
                mask[k] = y[k] == 1;
            }
            boolean[] s = SkeletonRecallLoss.recallTarget(mask, h, w);
            double covered = 0;
            double size = 0;
            for (int k = 0; k < mask.length; k++) {
                double weight = (mask[k] && s[k]) ? 1 : 0;
                covered += p[k] * weight;
                size += weight;
            }
            expected[i] = 0.5 * SegmentationTesting.crossEntropy(in.get("logits"), in.get("target"), i)
                    - (covered + 1e-5) / (size + 1e-5);
        }
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
    }
}
