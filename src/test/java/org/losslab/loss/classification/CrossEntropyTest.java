package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cross-entropy: ℓ = logsumexp(z) − z_y. */
class CrossEntropyTest extends ClassificationLossCase {

    @Override
    String id() {
        return "cross-entropy";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of();
    }

    /** LOSSES.md: 0.407606. */
    @Override
    double workedExample() {
        return 0.407606;
    }

    @Override
    double reference(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s) - z[y];
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
