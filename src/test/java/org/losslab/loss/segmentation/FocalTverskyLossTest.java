package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** focal-tversky: ℓ = |1 − (TP+1)/(TP + 0.7FN + 0.3FP + 1)|^0.75 per image or volume. */
class FocalTverskyLossTest {
    private static final String ID = "focal-tversky";

    /**
     * The LOSSES.md volume p[x,y,z], laid out depth first as [1, D=z, H=x, W=y]: slice z = 0 is
     * [[.9,.1],[.2,.7]], z = 1 is [[.3,.8],[.1,.4]].
     */
    static final double[] VOLUME_PROB = {.9, .1, .2, .7, .3, .8, .1, .4};
    static final double[] VOLUME_TARGET = {1, 0, 0, 1, 0, 1, 0, 0};

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md: TP = 2.4, FN = 0.6, FP = 1.1 → (0.75/4.15)^0.75 = 0.277179. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleAsAVolumeAndAsAnImage(String engine) {
        var volume = LossTesting.evaluate(engine, ID, Map.of(), Map.of(
                "prob", HostArray.of(VOLUME_PROB, 1, 2, 2, 2), "target", HostArray.of(VOLUME_TARGET, 1, 2, 2, 2)),
                false);
        assertThat(volume.loss()).isCloseTo(0.277179, within(1e-6));
        var image = LossTesting.evaluate(engine, ID, Map.of(), Map.of(
                "prob", HostArray.of(VOLUME_PROB, 1, 2, 4), "target", HostArray.of(VOLUME_TARGET, 1, 2, 4)), false);
        assertThat(image.loss()).as("the sums ignore the layout").isCloseTo(volume.loss(), within(1e-15));
    }

    static double naive(double[] p, double[] y, int from, int to, double alpha, double beta, double gamma, double s) {
        double tp = 0;
        double fn = 0;
        double fp = 0;
        for (int k = from; k < to; k++) {
            tp += p[k] * y[k];
            fn += y[k] * (1 - p[k]);
            fp += (1 - y[k]) * p[k];
        }
        return Math.pow(Math.abs(1 - (tp + s) / (tp + alpha * fn + beta * fp + s)), gamma);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopPerImage(String engine) {
        Random r = new Random(11);
        int n = 4;
        int pixels = 5 * 6;
        double[] p = SegmentationTesting.uniform(r, 0.01, 0.99, n * pixels);
        double[] y = SegmentationTesting.binary(r, n * pixels);
        var result = LossTesting.evaluate(engine, ID, Map.of("alpha", 0.6, "beta", 0.4, "gamma", 1.3, "s", 0.5),
                Map.of("prob", HostArray.of(p, n, 5, 6), "target", HostArray.of(y, n, 5, 6)), false);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = naive(p, y, i * pixels, (i + 1) * pixels, 0.6, 0.4, 1.3, 0.5);
        }
        assertThat(result.perExample().data()).containsExactly(expected, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void missedForegroundCostsMoreThanAFalseAlarmOfTheSameSize(String engine) {
        double[] y = {1, 1, 0, 0};
        double on = 1 - 1e-9;
        double off = 1e-9;
        double[] missing = {on, off, off, off}; // one foreground pixel missed
        double[] extra = {on, on, on, off};     // all foreground found, plus one false pixel
        double missed = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(missing, 1, 2, 2), "target", HostArray.of(y, 1, 2, 2)), false).loss();
        double falseAlarm = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(extra, 1, 2, 2), "target", HostArray.of(y, 1, 2, 2)), false).loss();
        assertThat(missed).isGreaterThan(falseAlarm);
    }
}
