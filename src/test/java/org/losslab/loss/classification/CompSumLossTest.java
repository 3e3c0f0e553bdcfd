package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** comp-sum: ℓ_τ = ((1+u)^{1−τ} − 1)/(1−τ), u = Σ_{k≠y} e^{z_k − z_y}; log(1+u) at τ = 1. */
class CompSumLossTest extends ClassificationLossCase {

    @Override
    String id() {
        return "comp-sum";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("tau", 0.4);
    }

    /** The default τ = 1 is cross-entropy: 0.407606. */
    @Override
    double workedExample() {
        return 0.407606;
    }

    /** The formula as written, through u. */
    @Override
    double reference(double[] z, int y) {
        return literal(z, y, 0.4);
    }

    private static double literal(double[] z, int y, double tau) {
        double u = 0;
        for (int k = 0; k < z.length; k++) {
            if (k != y) {
                u += Math.exp(z[k] - z[y]);
            }
        }
        return tau == 1 ? Math.log1p(u) : (Math.pow(1 + u, 1 - tau) - 1) / (1 - tau);
    }

    /** Cross-entropy by a shifted log-sum-exp, then Math.expm1: the accurate value of ℓ_τ. */
    private static double accurate(double[] z, int y, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        double crossEntropy = max + Math.log(s) - z[y];
        return Math.expm1((1 - tau) * crossEntropy) / (1 - tau);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMdAtTauZero(String engine) {
        // z = [2,1,0], y = 0: u = e^{-1} + e^{-2} = 0.503215 and ℓ_0 = u (the sum-exp loss).
        var r = LossTesting.evaluate(engine, id(), Map.of("tau", 0.0),
                LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.503215, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tauTwoIsOneMinusTheTrueClassProbability(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(3, 10, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> 1 - LossTesting.softmax(z)[y]);
        var r = LossTesting.evaluate(engine, id(), Map.of("tau", 2.0), in, false);
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tauWithinOneMillionthOfOneIsCrossEntropy(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(4, 10, 4);
        double[] crossEntropy = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, false).perExample().data();
        for (double tau : new double[] {1.0, 1 - 5e-7, 1 + 5e-7}) {
            var r = LossTesting.evaluate(engine, id(), Map.of("tau", tau), in, false);
            assertThat(r.perExample().data()).as("τ = %s", tau).containsExactly(crossEntropy, within(1e-15));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void keepsFullPrecisionJustOutsideTheCrossEntropyBand(String engine) {
        // With 1 − τ = ±2e-6, exp(x) − 1 would lose about ten digits to cancellation (error ~1e-16/2e-6 ≈ 1e-11).
        Map<String, HostArray> in = LossTesting.randomClassification(5, 12, 4);
        for (double tau : new double[] {1 - 2e-6, 1 + 2e-6}) {
            double[] expected = LossTesting.reference(in, (z, y) -> accurate(z, y, tau));
            var r = LossTesting.evaluate(engine, id(), Map.of("tau", tau), in, false);
            assertThat(r.perExample().data()).as("τ = %s", tau).containsExactly(expected, within(1e-14));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesTheFormulaAcrossTheWholeRange(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(6, 8, 5);
        for (double tau : new double[] {0, 0.25, 0.999, 1.001, 1.5, 2}) {
            double[] expected = LossTesting.reference(in, (z, y) -> literal(z, y, tau));
            var r = LossTesting.evaluate(engine, id(), Map.of("tau", tau), in, false);
            assertThat(r.perExample().data()).as("τ = %s", tau).containsExactly(expected, within(1e-10));
        }
    }
}
