package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * soft-topk: the worked example of LOSSES.md (t, p, ℓ and ∂ℓ/∂s) on both engines, and on random scores the value
 * against a naive 200-step bisection and the gradient against the official backward diag(v) − vvᵀ/Σv.
 */
class SoftTopkLossTest {
    private static final String ID = "soft-topk";

    static List<String> engines() {
        return LossTesting.engines();
    }

    static Map<String, HostArray> inputs(double[][] s, double[][] positives) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.matrix(s));
        in.put("positives", HostArray.matrix(positives));
        return in;
    }

    /** t by plain bisection, far past convergence. */
    static double naiveThreshold(double[] s, int k, double alpha) {
        double lo = -1e3;
        double hi = 1e3;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double sum = 0;
            for (double v : s) {
                sum += 1 / (1 + Math.exp(-alpha * (v + mid)));
            }
            if (sum < k) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** {ℓ}, p and the official gradient ∂ℓ/∂s = Jᵀ∂ℓ/∂p with J = diag(v) − vvᵀ/Σv, v = ασ′. */
    static double[][] reference(double[] s, double[] positive, int k, double alpha) {
        double t = naiveThreshold(s, k, alpha);
        int n = s.length;
        double[] p = new double[n];
        double[] v = new double[n];
        double vSum = 0;
        int count = 0;
        for (int j = 0; j < n; j++) {
            p[j] = 1 / (1 + Math.exp(-alpha * (s[j] + t)));
            v[j] = alpha * p[j] * (1 - p[j]);
            vSum += v[j];
            count += positive[j] == 1 ? 1 : 0;
        }
        double loss = 0;
        double[] dp = new double[n];
        for (int j = 0; j < n; j++) {
            if (positive[j] == 1) {
                loss -= Math.log(p[j]) / count;
                dp[j] = -1 / p[j] / count;
            }
        }
        double[] grad = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                grad[j] += dp[i] * ((i == j ? v[i] : 0) - v[i] * v[j] / vSum);
            }
        }
        return new double[][] {{loss, t}, p, grad};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        double[] s = {2, 1, 0.5, -1};
        double t = SoftTopkLoss.threshold(s, 2, 2);
        assertThat(t).isCloseTo(-0.708960, within(1e-6));
        double[] expectedP = {0.929699, 0.641546, 0.397015, 0.031740};
        for (int j = 0; j < 4; j++) {
            assertThat(SoftTopkLoss.sigmoid(2 * (s[j] + t))).as("p_%d", j).isCloseTo(expectedP[j], within(1e-6));
        }
        var r = LossTesting.evaluate(engine, ID, Map.of("k", 2), inputs(new double[][] {s}, new double[][] {{1, 1, 0, 0}}), true);
        assertThat(r.loss()).isCloseTo(0.258384, within(1e-6));
        double[] expectedGrad = {-0.020742, -0.184082, 0.181522, 0.023303};
        double[] grad = r.gradients().get("logits").data();
        for (int j = 0; j < 4; j++) {
            assertThat(grad[j]).as("∂ℓ/∂s_%d", j).isCloseTo(expectedGrad[j], within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveBisectionAndTheOfficialBackwardOnRandomScores(String engine) {
        Random r = new Random(29);
        int b = 5;
        int labels = 12;
        double[][] s = new double[b][labels];
        double[][] p = new double[b][labels];
        for (int q = 0; q < b; q++) {
            for (int j = 0; j < labels; j++) {
                s[q][j] = -3 + 6 * r.nextDouble();
                p[q][j] = r.nextDouble() < 0.25 ? 1 : 0;
            }
            p[q][labels - 1 - q] = 1;
        }
        var result = LossTesting.evaluate(engine, ID, Map.of("k", 4, "alpha", 3.0), inputs(s, p), true);
        double[] grad = result.gradients().get("logits").data();
        for (int q = 0; q < b; q++) {
            double[][] expected = reference(s[q], p[q], 4, 3.0);
            assertThat(result.perExample().data()[q]).as("query %d", q).isCloseTo(expected[0][0], within(1e-10));
            for (int j = 0; j < labels; j++) {
                assertThat(grad[q * labels + j] * b).as("query %d label %d", q, j).isCloseTo(expected[2][j], within(1e-10));
            }
        }
    }

    @Test
    void thresholdSolvesTheConstraintToRoundOff() {
        double[] s = {4.2, -0.3, 1.1, 0.9, -2.5, 3.3, 0.0};
        double t = SoftTopkLoss.threshold(s, 3, 5.0);
        double sum = 0;
        for (double v : s) {
            sum += SoftTopkLoss.sigmoid(5.0 * (v + t));
        }
        assertThat(sum).isCloseTo(3.0, within(1e-13));
    }

    @Test
    void shiftingAllScoresOfAQueryChangesNothing() {
        String engine = LossTesting.engines().get(0);
        double[][] positives = {{0, 1, 0, 1, 0, 0, 1}};
        double base = LossTesting.evaluate(engine, ID, Map.of(),
                inputs(new double[][] {{0.3, 1.2, -0.7, 2.2, 0.1, -1.4, 0.8}}, positives), false).loss();
        double shifted = LossTesting.evaluate(engine, ID, Map.of(),
                inputs(new double[][] {{5.3, 6.2, 4.3, 7.2, 5.1, 3.6, 5.8}}, positives), false).loss();
        assertThat(shifted).isCloseTo(base, within(1e-10));
    }

    @Test
    void refusesKAtOrAboveTheNumberOfLabelsByName() {
        var in = inputs(new double[][] {{2, 1, 0.5, -1}}, new double[][] {{1, 1, 0, 0}});
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of("k", 4), in, false))
                .hasMessageContaining("'k'").hasMessageContaining("L = 4");
    }
}
