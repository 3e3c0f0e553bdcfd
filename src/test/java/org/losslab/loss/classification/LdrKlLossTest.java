package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ldr-kl: ℓ = λ·log((1/C)Σ_k exp((z_k − z_y + c·1[k≠y])/λ)). */
class LdrKlLossTest extends ClassificationLossCase {

    @Override
    String id() {
        return "ldr-kl";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("lambda", 0.5, "c", 0.3);
    }

    /** Code defaults λ = 1, c = 2, by hand: log((1 + e^{1} + e^{0})/3) = 0.452832. */
    @Override
    double workedExample() {
        return 0.452832;
    }

    @Override
    double reference(double[] z, int y) {
        return literal(z, y, 0.5, 0.3);
    }

    private static double literal(double[] z, int y, double lambda, double c) {
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s += Math.exp((z[k] - z[y] + (k == y ? 0 : c)) / lambda) / z.length;
        }
        return lambda * Math.log(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfThePaperForm(String engine) {
        var r = LossTesting.evaluate(engine, id(), Map.of("c", 0.1, "lambda", 1.0),
                LossTesting.classification(new double[][] {{2, 0.5, -1}}, 0), false);
        assertThat(r.loss()).isCloseTo(-0.835003, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void lambdaOneWithoutMarginIsCrossEntropyMinusLogC(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(41, 10, 6);
        double[] crossEntropy = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, false).perExample().data();
        var r = LossTesting.evaluate(engine, id(), Map.of("lambda", 1.0, "c", 0.0), in, false);
        for (int i = 0; i < crossEntropy.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(crossEntropy[i] - Math.log(6), within(1e-13));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void smallLambdaApproachesTheMulticlassHinge(String engine) {
        // λ → 0: λ·log mean exp(·/λ) → max(0, max_{k≠y} z_k − z_y + c) − λ log C.
        Map<String, HostArray> in = LossTesting.randomClassification(43, 10, 4);
        double lambda = 1e-3;
        double[] hinge = LossTesting.reference(in, (z, y) -> {
            double worst = 0;
            for (int k = 0; k < z.length; k++) {
                if (k != y) {
                    worst = Math.max(worst, z[k] - z[y] + 0.5);
                }
            }
            return worst - lambda * Math.log(4);
        });
        var r = LossTesting.evaluate(engine, id(), Map.of("lambda", lambda, "c", 0.5), in, false);
        assertThat(r.perExample().data()).containsExactly(hinge, within(lambda * Math.log(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void codeNormalizeMapsLogitsToSoftplusOverItsRowMeanFirst(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(47, 10, 5);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double[] positive = new double[z.length];
            double mean = 0;
            for (int k = 0; k < z.length; k++) {
                positive[k] = Math.log1p(Math.exp(z[k]));
                mean += positive[k] / z.length;
            }
            for (int k = 0; k < z.length; k++) {
                positive[k] /= mean;
            }
            return literal(positive, y, 0.7, 0.2);
        });
        Map<String, Object> params = Map.of("lambda", 0.7, "c", 0.2, "codeNormalize", true);
        var normalised = LossTesting.evaluate(engine, id(), params, in, false);
        assertThat(normalised.perExample().data()).containsExactly(expected, within(1e-12));
        double[] paperForm = LossTesting.reference(in, (z, y) -> literal(z, y, 0.7, 0.2));
        assertThat(normalised.perExample().data()[0]).as("the flag changes the value")
                .isNotCloseTo(paperForm[0], within(1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void neverFallsBelowMinusLambdaLogC(String engine) {
        // The bound is reached when the true class wins by far: every wrong term vanishes, ℓ → −λ log C.
        var r = LossTesting.evaluate(engine, id(), Map.of("lambda", 2.0, "c", 0.1),
                LossTesting.classification(new double[][] {{200, 0, 0, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(-2 * Math.log(4) + 2 * Math.log(1 + 3 * Math.exp((0.1 - 200) / 2)),
                within(1e-12));
        assertThat(r.loss()).isGreaterThanOrEqualTo(-2 * Math.log(4));
    }
}
