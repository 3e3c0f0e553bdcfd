package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cldice: λ·dice + (1−λ)·clDice on the foreground channel, soft skeletons of 3 iterations. */
class ClDiceLossTest {
    private static final String ID = "cldice";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md on the dice image: skel(GT) = the row, Tprec = 1, Tsens = 0.825 → clDice 0.095890, total −0.389555. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        Map<String, HostArray> image = SegmentationTesting.diceImage();
        assertThat(LossTesting.evaluate(engine, ID, Map.of("diceWeight", 0.0), image, false).loss())
                .as("clDice alone").isCloseTo(0.095890, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), image, false).loss())
                .as("0.5·dice + 0.5·clDice").isCloseTo(-0.389555, within(1e-6));
    }

    /** The pieces of the example, from the naive skeleton: the GT skeleton is its row, Tprec = 1, Tsens = 0.825. */
    @Test
    void workedExamplePiecesByTheNaiveSkeleton() {
        double[] p = SegmentationTesting.diceImageForeground();
        double[] y = SegmentationTesting.diceImageTarget();
        double[] skeletonOfY = SegmentationTesting.softSkeleton(y, 5, 7, 3);
        assertThat(skeletonOfY).containsExactly(y, within(0.0));
        assertThat(naiveClDice(p, y, 5, 7, 3)).isCloseTo(0.095890, within(1e-6));
    }

    static double naiveClDice(double[] p, double[] y, int h, int w, int iterations) {
        double[] sp = SegmentationTesting.softSkeleton(p, h, w, iterations);
        double[] sy = SegmentationTesting.softSkeleton(y, h, w, iterations);
        double spY = 0;
        double spSum = 0;
        double syP = 0;
        double sySum = 0;
        for (int k = 0; k < p.length; k++) {
            spY += sp[k] * y[k];
            spSum += sp[k];
            syP += sy[k] * p[k];
            sySum += sy[k];
        }
        double precision = (spY + 1) / (spSum + 1);
        double sensitivity = (syP + 1) / (sySum + 1);
        return 1 - 2 * precision * sensitivity / (precision + sensitivity);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopOnRandomImages(String engine) {
        int n = 3;
        int h = 7;
        int w = 8;
        Map<String, HostArray> in = SegmentationTesting.randomLogits(21, n, 2, h, w);
        var r = LossTesting.evaluate(engine, ID, Map.of("diceWeight", 0.3, "iterations", 2), in, false);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = SegmentationTesting.foreground(in.get("logits"), i);
            double[] y = SegmentationTesting.image(in.get("target"), i);
            double dice = SegmentationTesting.negativeDice(
                    SegmentationTesting.classProbabilities(in.get("logits"), i), y);
            expected[i] = 0.3 * dice + 0.7 * naiveClDice(p, y, h, w, 2);
        }
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
    }

    @Test
    void refusesMoreThanTwoChannelsByName() {
        Map<String, HostArray> in = SegmentationTesting.randomLogits(2, 1, 3, 4, 4);
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("logits").hasMessageContaining("2 channels");
    }
}
