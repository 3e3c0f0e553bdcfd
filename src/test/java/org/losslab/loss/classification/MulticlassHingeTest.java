package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** hinge: ℓ = [1 + max_{k≠y} z_k − z_y]₊. */
class MulticlassHingeTest extends ClassificationLossCase {

    @Override
    String id() {
        return "hinge";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of();
    }

    /** By hand: [1 + 1 − 2]₊ = 0: the true class wins by exactly the margin. */
    @Override
    double workedExample() {
        return 0.0;
    }

    @Override
    double reference(double[] z, int y) {
        double runnerUp = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            if (k != y) {
                runnerUp = Math.max(runnerUp, z[k]);
            }
        }
        return Math.max(0, 1 + runnerUp - z[y]);
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
