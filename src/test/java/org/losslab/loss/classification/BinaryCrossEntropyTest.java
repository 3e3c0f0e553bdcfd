package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bce: ℓ = mean_k softplus(z_k) − y_k z_k (one-vs-rest). */
class BinaryCrossEntropyTest {

    static java.util.List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // z = [2, 1, 0], y = 0; p = softmax(z) = [0.665241, 0.244728, 0.090031]. By hand: (softplus(2) − 2 + softplus(1) + softplus(0))/3 = (0.126928 + 1.313262 + 0.693147)/3 = 0.711112.
        var r = LossTesting.evaluate(engine, "bce", Map.of(), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.711112, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double s = 0;
            for (int k = 0; k < z.length; k++) {
                s += Math.log1p(Math.exp(z[k])) - (k == y ? z[k] : 0);
            }
            return s / z.length;
        });
        var r = LossTesting.evaluate(engine, "bce", Map.of(), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        assertThat(r.loss()).isCloseTo(mean, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMdOnABinaryLogit(String engine) {
        // σ(z) = 0.8 ⇔ z = ln 4; y = 1 → −ln 0.8 = 0.223144 (LOSSES.md).
        Map<String, HostArray> in = Map.of("logits", HostArray.vector(Math.log(4)), "labels", HostArray.vector(1));
        var r = LossTesting.evaluate(engine, "bce", Map.of(), in, true);
        assertThat(r.loss()).isCloseTo(0.223144, within(1e-6));
        // ∂ℓ/∂z = σ(z) − y = −0.2
        assertThat(r.gradients().get("logits").data()[0]).isCloseTo(-0.2, within(1e-12));
    }
}
