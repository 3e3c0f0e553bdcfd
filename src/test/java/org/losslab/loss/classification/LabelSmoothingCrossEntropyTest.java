package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** label-smoothing-ce: ℓ = −Σ q_k log p_k with q = (1−ε)onehot + ε/C. */
class LabelSmoothingCrossEntropyTest {

    static java.util.List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // z = [2, 1, 0], y = 0; p = softmax(z) = [0.665241, 0.244728, 0.090031]. By hand: ℓ = CE + ε(z_y − mean z) = 0.407606 + 0.1·(2 − 1) = 0.507606.
        var r = LossTesting.evaluate(engine, "label-smoothing-ce", Map.of("epsilon", 0.1), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.507606, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double eps = 0.1;
            double[] p = LossTesting.softmax(z);
            double s = 0;
            for (int k = 0; k < z.length; k++) {
                double q = (k == y ? 1 - eps : 0) + eps / z.length;
                s -= q * Math.log(p[k]);
            }
            return s;
        });
        var r = LossTesting.evaluate(engine, "label-smoothing-ce", Map.of("epsilon", 0.1), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        assertThat(r.loss()).isCloseTo(mean, within(1e-9));
    }
}
