package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cross-entropy: ℓ = logsumexp(z) − z_y. */
class CrossEntropyTest {

    static java.util.List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // z = [2, 1, 0], y = 0; p = softmax(z) = [0.665241, 0.244728, 0.090031]. LOSSES.md: 0.407606.
        var r = LossTesting.evaluate(engine, "cross-entropy", Map.of(), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.407606, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - max);
            }
            return max + Math.log(s) - z[y];
        });
        var r = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        assertThat(r.loss()).isCloseTo(mean, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientIsSoftmaxMinusOneHot(String engine) {
        var r = LossTesting.evaluate(engine, "cross-entropy", Map.of(),
                LossTesting.classification(new double[][] {{2, 1, 0}}, 0), true);
        double[] p = LossTesting.softmax(new double[] {2, 1, 0});
        assertThat(r.gradients().get("logits").data())
                .containsExactly(new double[] {p[0] - 1, p[1], p[2]}, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void staysFiniteForHugeLogits(String engine) {
        // logsumexp is shifted by the row maximum: 1000 and 0 give ℓ = 1000 for the losing class.
        var r = LossTesting.evaluate(engine, "cross-entropy", Map.of(),
                LossTesting.classification(new double[][] {{1000, 0}}, 1), false);
        assertThat(r.loss()).isCloseTo(1000, within(1e-9));
    }
}
