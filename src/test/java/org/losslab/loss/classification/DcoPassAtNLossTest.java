package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dco-pass-at-n: ℓ = −log(1 − (1 − p_y)^N). */
class DcoPassAtNLossTest extends ClassificationLossCase {

    @Override
    String id() {
        return "dco-pass-at-n";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("n", 3);
    }

    /** N = 4 by hand: −log(1 − 0.334759^4) = 0.012638. */
    @Override
    double workedExample() {
        return 0.012638;
    }

    @Override
    double reference(double[] z, int y) {
        return -Math.log(1 - Math.pow(1 - LossTesting.softmax(z)[y], 3));
    }

    /** −log(1 − (1−p)^n) through log1p/expm1, accurate wherever p is. */
    private static double accurate(double p, int n) {
        return -Math.log(-Math.expm1(n * Math.log1p(-p)));
    }

    /** The gradient factor F = N p(1−p)^{N−1}/(1 − (1−p)^N). */
    private static double factor(double p, int n) {
        return n * p * Math.pow(1 - p, n - 1) / (1 - Math.pow(1 - p, n));
    }

    /** Logits whose softmax is [p, (1−p)/2, (1−p)/2], label 0. */
    private static Map<String, HostArray> trueClassProbability(double p) {
        double other = Math.log((1 - p) / 2);
        return LossTesting.classification(new double[][] {{Math.log(p), other, other}}, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMdAndItsGradientFactor(String engine) {
        // p̂ = 0.3, N = 4: pass@4 = 0.7599, ℓ = 0.274568, CE = 1.203973, F = 0.541650.
        Map<String, HostArray> in = trueClassProbability(0.3);
        var dco = LossTesting.evaluate(engine, id(), Map.of("n", 4), in, true);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, true);
        assertThat(dco.loss()).isCloseTo(0.274568, within(1e-6));
        assertThat(ce.loss()).isCloseTo(1.203973, within(1e-6));
        double[] dcoGrad = dco.gradients().get("logits").data();
        double[] ceGrad = ce.gradients().get("logits").data();
        assertThat(dcoGrad[0] / ceGrad[0]).as("F, from ∂/∂z_y").isCloseTo(0.541650, within(1e-6));
        for (int k = 1; k < 3; k++) {
            assertThat(dcoGrad[k]).as("∇ℓ = F·∇CE, class %d", k).isCloseTo(0.541650 * ceGrad[k], within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void confidentExamplesStopBeingPushed(String engine) {
        // p̂ = 1/(1 + 2e^{-3}) ≈ 0.909, N = 4: F ≈ 0.0027, so DCO pushes ~370 times less than CE does.
        double p = 1 / (1 + 2 * Math.exp(-3));
        Map<String, HostArray> in = LossTesting.classification(new double[][] {{3, 0, 0}}, 0);
        var dco = LossTesting.evaluate(engine, id(), Map.of("n", 4), in, true);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, true);
        double[] dcoGrad = dco.gradients().get("logits").data();
        double[] ceGrad = ce.gradients().get("logits").data();
        for (int k = 0; k < 3; k++) {
            assertThat(dcoGrad[k] / ceGrad[k]).as("class %d", k).isCloseTo(factor(p, 4), within(1e-9 * factor(p, 4)));
        }
        assertThat(factor(p, 4)).isLessThan(0.003);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void budgetOneIsCrossEntropy(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(53, 10, 4);
        var dco = LossTesting.evaluate(engine, id(), Map.of("n", 1), in, true);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, true);
        assertThat(dco.perExample().data()).containsExactly(ce.perExample().data(), within(1e-14));
        assertThat(dco.gradients().get("logits").data())
                .containsExactly(ce.gradients().get("logits").data(), within(1e-14));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyBudgetMatchesTheClosedForm(String engine) {
        // The doubling walks the bits of N: small budgets cover every pattern of the low bits.
        Map<String, HostArray> in = LossTesting.randomClassification(59, 6, 4);
        for (int n : new int[] {2, 3, 4, 5, 6, 7, 8, 9, 37, 1000, 123_457}) {
            double[] expected = LossTesting.reference(in, (z, y) -> accurate(LossTesting.softmax(z)[y], n));
            var r = LossTesting.evaluate(engine, id(), Map.of("n", n), in, false);
            assertThat(r.perExample().data()).as("N = %d", n).containsExactly(expected, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void staysFiniteAndAccurateAtBothEnds(String engine) {
        // p̂ ≈ 4.4e-27: 1 − (1 − p̂)^4 is 0 in floating point, yet ℓ ≈ −log(4p̂) = 59.306853.
        double tiny = Math.exp(-60) / (2 + Math.exp(-60));
        var unlikely = LossTesting.evaluate(engine, id(), Map.of("n", 4),
                LossTesting.classification(new double[][] {{-60, 0, 0}}, 0), true);
        assertThat(unlikely.loss()).isCloseTo(accurate(tiny, 4), within(1e-9));
        assertThat(unlikely.gradients().get("logits").allFinite()).isTrue();
        // p̂ → 1 with an astronomical budget: (1 − p̂)^N underflows and ℓ is 0, not NaN.
        var certain = LossTesting.evaluate(engine, id(), Map.of("n", Integer.MAX_VALUE),
                LossTesting.classification(new double[][] {{40, 0, 0}}, 0), true);
        assertThat(certain.loss()).isCloseTo(0, within(1e-300));
        assertThat(certain.gradients().get("logits").data()).containsExactly(new double[] {0, 0, 0}, within(1e-300));
    }
}
