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
 * decoupled-softmax: the worked example of LOSSES.md (value and analytic gradient) on both engines, a naive loop
 * reference on random scores, the softmax comparator, cosine scores and the empty-set cases.
 */
class DecoupledSoftmaxLossTest {
    private static final String ID = "decoupled-softmax";

    static List<String> engines() {
        return LossTesting.engines();
    }

    static Map<String, HostArray> inputs(double[][] s, double[][] positives) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.matrix(s));
        in.put("positives", HostArray.matrix(positives));
        return in;
    }

    /** LOSSES.md: s = [2, 1, .5, −1], P = {0, 1}. */
    static Map<String, HostArray> workedExample() {
        return inputs(new double[][] {{2, 1, 0.5, -1}}, new double[][] {{1, 1, 0, 0}});
    }

    /** −log(e^{s_p} / (e^{s_p} + Σ_neg e^{s_n})) for each label (NaN for negatives), by loops. */
    static double[] perPositive(double[] s, double[] positive) {
        double negatives = 0;
        for (int j = 0; j < s.length; j++) {
            if (positive[j] == 0) {
                negatives += Math.exp(s[j]);
            }
        }
        double[] out = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            out[j] = positive[j] == 1 ? -Math.log(Math.exp(s[j]) / (Math.exp(s[j]) + negatives)) : Double.NaN;
        }
        return out;
    }

    /** ℓ_q and ∂ℓ_q/∂s by loops: −(1 − q_p)/|P| for a positive, Σ_p q_{p,n}/|P| for a negative. */
    static double[][] reference(double[] s, double[] positive) {
        double[] terms = perPositive(s, positive);
        double negatives = 0;
        int count = 0;
        for (int j = 0; j < s.length; j++) {
            negatives += positive[j] == 0 ? Math.exp(s[j]) : 0;
            count += positive[j] == 1 ? 1 : 0;
        }
        double loss = 0;
        double[] grad = new double[s.length];
        for (int p = 0; p < s.length; p++) {
            if (positive[p] == 0) {
                continue;
            }
            loss += terms[p] / count;
            double denominator = Math.exp(s[p]) + negatives;
            grad[p] -= (1 - Math.exp(s[p]) / denominator) / count;
            for (int n = 0; n < s.length; n++) {
                if (positive[n] == 0) {
                    grad[n] += Math.exp(s[n]) / denominator / count;
                }
            }
        }
        return new double[][] {{loss}, grad};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        double[] terms = perPositive(new double[] {2, 1, 0.5, -1}, new double[] {1, 1, 0, 0});
        assertThat(terms[0]).isCloseTo(0.241311, within(1e-6));
        assertThat(terms[1]).isCloseTo(0.554957, within(1e-6));
        var r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), true);
        assertThat(r.loss()).isCloseTo(0.398134, within(1e-6));
        double[] expected = reference(new double[] {2, 1, 0.5, -1}, new double[] {1, 1, 0, 0})[1];
        double[] grad = r.gradients().get("logits").data();
        for (int j = 0; j < 4; j++) {
            assertThat(grad[j]).as("∂ℓ/∂s_%d", j).isCloseTo(expected[j], within(1e-12));
        }
    }

    @Test
    void liesBelowTheSoftmaxOverAllLabelsAndEqualsItForOnePositive() {
        String engine = LossTesting.engines().get(0);
        double[] s = {2, 1, 0.5, -1};
        double lse = Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.5) + Math.exp(-1));
        double softmax = ((lse - 2) + (lse - 1)) / 2;
        assertThat(softmax).isCloseTo(0.995182, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss()).isLessThan(softmax);
        double single = LossTesting.evaluate(engine, ID, Map.of(),
                inputs(new double[][] {s}, new double[][] {{0, 1, 0, 0}}), false).loss();
        assertThat(single).isCloseTo(lse - 1, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomScores(String engine) {
        Random r = new Random(17);
        int b = 6;
        int labels = 9;
        double[][] s = new double[b][labels];
        double[][] p = new double[b][labels];
        for (int q = 0; q < b; q++) {
            for (int j = 0; j < labels; j++) {
                s[q][j] = -4 + 8 * r.nextDouble();
                p[q][j] = r.nextDouble() < 0.3 ? 1 : 0;
            }
            p[q][q] = 1;
        }
        var result = LossTesting.evaluate(engine, ID, Map.of(), inputs(s, p), true);
        double[] grad = result.gradients().get("logits").data();
        for (int q = 0; q < b; q++) {
            double[][] expected = reference(s[q], p[q]);
            assertThat(result.perExample().data()[q]).as("query %d", q).isCloseTo(expected[0][0], within(1e-10));
            for (int j = 0; j < labels; j++) {
                assertThat(grad[q * labels + j] * b).as("query %d label %d", q, j).isCloseTo(expected[1][j], within(1e-10));
            }
        }
    }

    @Test
    void cosineScoresAreDividedByTau() {
        String engine = LossTesting.engines().get(0);
        var in = inputs(new double[][] {{0.1, 0.05, 0.025, -0.05}}, new double[][] {{1, 1, 0, 0}});
        assertThat(LossTesting.evaluate(engine, ID, Map.of("cosineScores", true), in, false).loss())
                .isCloseTo(0.398134, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("cosineScores", true, "tau", 0.1), in, false).loss())
                .isCloseTo(reference(new double[] {1, 0.5, 0.25, -0.5}, new double[] {1, 1, 0, 0})[0][0], within(1e-12));
    }

    @Test
    void queriesWithoutPositivesOrWithoutNegativesGiveZero() {
        String engine = LossTesting.engines().get(0);
        var in = inputs(new double[][] {{2, 1, 0.5}, {800, -900, 3}}, new double[][] {{0, 0, 0}, {1, 1, 1}});
        var r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.perExample().data()).containsExactly(0.0, 0.0);
        for (double g : r.gradients().get("logits").data()) {
            assertThat(Math.abs(g)).isLessThan(1e-15);
        }
        // far-apart scores stay finite: the negatives' sum is shifted by their own maximum
        var apart = inputs(new double[][] {{900, -900, -800}}, new double[][] {{0, 1, 0}});
        var far = LossTesting.evaluate(engine, ID, Map.of(), apart, true);
        assertThat(far.loss()).isCloseTo(1800, within(1e-9));
        assertThat(far.gradients().get("logits").data()).containsExactly(new double[] {1, -1, 0}, within(1e-12));
    }

    @Test
    void refusesBadPositivesByName() {
        String engine = LossTesting.engines().get(0);
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                inputs(new double[][] {{1, 2, 3}}, new double[][] {{1, 0.5, 0}}), false))
                .hasMessageContaining("positives").hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                inputs(new double[][] {{1, 2, 3}}, new double[][] {{1, 0}}), false))
                .hasMessageContaining("positives").hasMessageContaining("shape");
    }
}
