package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mae: ℓ = mean_k |p_k − onehot_k|. */
class MeanAbsoluteErrorTest {

    static java.util.List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // z = [2, 1, 0], y = 0; p = softmax(z) = [0.665241, 0.244728, 0.090031]. By hand: (0.334759 + 0.244728 + 0.090031)/3 = 0.223173.
        var r = LossTesting.evaluate(engine, "mae", Map.of(), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(0.223173, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, (z, y) -> {
            double[] p = LossTesting.softmax(z);
            double s = 0;
            for (int k = 0; k < z.length; k++) {
                s += Math.abs(p[k] - (k == y ? 1 : 0));
            }
            return s / z.length;
        });
        var r = LossTesting.evaluate(engine, "mae", Map.of(), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        assertThat(r.loss()).isCloseTo(mean, within(1e-9));
    }
}
