package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** hinge: ℓ = [1 + max_{k≠y} z_k − z_y]₊. */
class MulticlassHingeTest {

    static java.util.List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // z = [2, 1, 0], y = 0; p = softmax(z) = [0.665241, 0.244728, 0.090031]. By hand: [1 + 1 − 2]₊ = 0: the true class wins by exactly the margin.
        var r = LossTesting.evaluate(engine, "hinge", Map.of(), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.0, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double runnerUp = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                if (k != y) {
                    runnerUp = Math.max(runnerUp, z[k]);
                }
            }
            return Math.max(0, 1 + runnerUp - z[y]);
        });
        var r = LossTesting.evaluate(engine, "hinge", Map.of(), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        assertThat(r.loss()).isCloseTo(mean, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void violatedMarginAndItsSubgradient(String engine) {
        // z = [0.5, 1.5, −1], y = 0: [1 + 1.5 − 0.5]₊ = 2; gradient −1 on z_y, +1 on the runner-up.
        var r = LossTesting.evaluate(engine, "hinge", Map.of(),
                LossTesting.classification(new double[][] {{0.5, 1.5, -1}}, 0), true);
        assertThat(r.loss()).isCloseTo(2.0, within(1e-12));
        assertThat(r.gradients().get("logits").data()).containsExactly(new double[] {-1, 1, 0}, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void binaryHingeOnSignedLabels(String engine) {
        // [1 − y·f]₊ for f = [0.3, −2], y = [+1, −1] → [0.7, 0]
        Map<String, HostArray> in = Map.of("logits", HostArray.vector(0.3, -2), "labels", HostArray.vector(1, -1));
        var r = LossTesting.evaluate(engine, "hinge", Map.of(), in, false);
        assertThat(r.perExample().data()).containsExactly(new double[] {0.7, 0}, within(1e-12));
    }
}
