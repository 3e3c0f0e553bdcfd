package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bce: ℓ = mean_k softplus(z_k) − y_k z_k (one-vs-rest). */
class BinaryCrossEntropyTest extends ClassificationLossCase {

    @Override
    String id() {
        return "bce";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of();
    }

    /** By hand: (softplus(2) − 2 + softplus(1) + softplus(0))/3 = (0.126928 + 1.313262 + 0.693147)/3 = 0.711112. */
    @Override
    double workedExample() {
        return 0.711112;
    }

    @Override
    double reference(double[] z, int y) {
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s += Math.log1p(Math.exp(z[k])) - (k == y ? z[k] : 0);
        }
        return s / z.length;
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
