package org.losslab.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.ClassificationMetrics;

/**
 * Temperature scaling on synthetic logits whose calibrated temperature is known: labels are drawn from
 * softmax(z*), and the calibrator sees z = 3·z*, an over-confident classifier whose NLL-optimal temperature is 3.
 */
class TemperatureScalingTest {
    private static final int N = 20_000;
    private static final int C = 5;
    private static final double OVERCONFIDENCE = 3;

    private record Synthetic(double[] logits, int[] labels) {}

    private static Synthetic overconfident(long seed) {
        Random rng = new Random(seed);
        double[] z = new double[N * C];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            double[] p = new double[C];
            double sum = 0;
            for (int k = 0; k < C; k++) {
                double calibrated = 1.5 * rng.nextGaussian();
                z[i * C + k] = OVERCONFIDENCE * calibrated;
                p[k] = Math.exp(calibrated);
                sum += p[k];
            }
            double u = rng.nextDouble() * sum;
            int label = 0;
            for (double acc = p[0]; acc < u && label < C - 1; acc += p[++label]) {
                // walks the cumulative distribution to the sampled class
            }
            y[i] = label;
        }
        return new Synthetic(z, y);
    }

    @Test
    void recoversTheKnownTemperatureAndImprovesNllAndEce() {
        Synthetic data = overconfident(1);
        double t = TemperatureScaling.fitTemperature(data.logits(), C, data.labels());
        assertThat(t).isCloseTo(OVERCONFIDENCE, within(0.1));

        Synthetic test = overconfident(2);
        ClassificationMetrics before = ClassificationMetrics.of(test.logits(), C, test.labels());
        double[] scaled = new double[test.logits().length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = test.logits()[i] / t;
        }
        ClassificationMetrics after = ClassificationMetrics.of(scaled, C, test.labels());
        assertThat(after.accuracy()).isEqualTo(before.accuracy());
        assertThat(before.ece()).as("the synthetic classifier is over-confident").isGreaterThan(0.15);
        assertThat(after.ece()).isLessThan(0.02);
        assertThat(after.nll()).isLessThan(before.nll() - 0.5);
    }

    @Test
    void theFittedTemperatureIsAStationaryPointOfTheNll() {
        Synthetic data = overconfident(3);
        double t = TemperatureScaling.fitTemperature(data.logits(), C, data.labels());
        double h = 1e-4;
        assertThat(nll(data, t)).isLessThan(nll(data, t * (1 + h))).isLessThan(nll(data, t * (1 + 10 * h)));
        assertThat(nll(data, t)).isLessThan(nll(data, t * (1 - h)));
    }

    private static double nll(Synthetic data, double t) {
        double[] scaled = new double[data.logits().length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = data.logits()[i] / t;
        }
        return ClassificationMetrics.of(scaled, C, data.labels()).nll();
    }

    @Test
    void anUnderConfidentClassifierGetsATemperatureBelowOne() {
        Synthetic data = overconfident(4);
        double[] timid = new double[data.logits().length];
        for (int i = 0; i < timid.length; i++) {
            timid[i] = data.logits()[i] / (OVERCONFIDENCE * 2);
        }
        assertThat(TemperatureScaling.fitTemperature(timid, C, data.labels())).isCloseTo(0.5, within(0.02));
    }

    @Test
    void temperaturesStayInsideTheirRange() {
        // every prediction wrong: the NLL keeps falling as T grows
        double[] wrong = {5, 0, 0, 5};
        assertThat(TemperatureScaling.fitTemperature(wrong, 2, new int[] {1, 0})).isEqualTo(TemperatureScaling.MAX_T);
        // every prediction right and separable: the NLL keeps falling as T shrinks
        assertThat(TemperatureScaling.fitTemperature(wrong, 2, new int[] {0, 1})).isEqualTo(TemperatureScaling.MIN_T);
    }

    @Test
    void badInputsAreRefused() {
        assertThatThrownBy(() -> TemperatureScaling.fitTemperature(new double[0], 3, new int[0]))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> TemperatureScaling.fitTemperature(new double[] {1, 2}, 2, new int[] {2}))
                .hasMessageContaining("label 2");
        assertThatThrownBy(() -> TemperatureScaling.fitTemperature(new double[] {1, 2, 3}, 2, new int[] {0}))
                .hasMessageContaining("logits");
    }
}
