package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mse: ℓ = mean_k (p_k − onehot_k)². */
class MeanSquaredErrorTest extends ClassificationLossCase {

    @Override
    String id() {
        return "mse";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of();
    }

    /** By hand: ((0.334759)² + 0.244728² + 0.090031²)/3 = 0.060020. */
    @Override
    double workedExample() {
        return 0.060020;
    }

    @Override
    double reference(double[] z, int y) {
        double[] p = LossTesting.softmax(z);
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            double d = p[k] - (k == y ? 1 : 0);
            s += d * d;
        }
        return s / z.length;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMdOnRegressionInputs(String engine) {
        // [[0,1],[.5,.5],[1,0]] vs [[0,0],[1,1],[1,1]] → per row [0.5, 0.25, 0.5], mean 0.416667 (LOSSES.md).
        Map<String, HostArray> in = Map.of(
                "pred", HostArray.matrix(new double[][] {{0, 1}, {.5, .5}, {1, 0}}),
                "target", HostArray.matrix(new double[][] {{0, 0}, {1, 1}, {1, 1}}),
                "logits", HostArray.zeros(3, 2), "labels", HostArray.zeros(3));
        var r = LossTesting.evaluate(engine, "mse", Map.of(), in, false);
        assertThat(r.perExample().data()).containsExactly(new double[] {0.5, 0.25, 0.5}, within(1e-12));
        assertThat(r.loss()).isCloseTo(0.416667, within(1e-6));
    }
}
