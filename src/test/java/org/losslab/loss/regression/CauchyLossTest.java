package org.losslab.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossSpec;
import org.losslab.loss.LossTesting;
import org.losslab.loss.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cauchy: d = log(1 + ‖r‖²/(2c²)), as reconstructed. */
class CauchyLossTest extends RegressionLossCase {

    @Override
    String id() {
        return "cauchy";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("c", 0.8);
    }

    /** LOSSES.md: log(1 + 0.05/0.5) = log 1.1 = 0.095310. */
    @Override
    double workedExample() {
        return 0.095310;
    }

    @Override
    double reference(double squaredNorm) {
        return Math.log(1 + squaredNorm / (2 * 0.8 * 0.8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void outliersPullLessThanModerateResiduals(String engine) {
        // 1-D, c = 0.5: ∂d/∂r = 2r/(2c² + r²), largest at |r| = c·√2 ≈ 0.707 (value 1.414), 0.0199 at r = 100.
        double[] residuals = {0.1, Math.sqrt(0.5), 3, 100};
        var r = LossTesting.evaluate(engine, id(), Map.of("c", 0.5),
                Map.of("pred", HostArray.vector(residuals), "target", HostArray.zeros(4)), true);
        double[] grad = r.gradients().get("pred").data();
        for (int i = 0; i < 4; i++) {
            double x = residuals[i];
            assertThat(grad[i] * 4).as("r = %s", x).isCloseTo(2 * x / (0.5 + x * x), within(1e-14));
        }
        assertThat(grad[1]).isGreaterThan(grad[0]).isGreaterThan(grad[2]).isGreaterThan(grad[3]);
    }

    @Test
    void isShownAsReconstructedAndSaysWhatIsUnseen() {
        LossSpec spec = LossCatalog.get().byId(id()).spec();
        assertThat(spec.status()).isEqualTo(Status.UNCERTAIN);
        assertThat(spec.status().label()).isEqualTo("as reconstructed");
        assertThat(spec.citation()).contains("Improved Training Technique for Latent Consistency Models")
                .contains("scaling").contains("adaptive");
        assertThat(spec.intuition()).contains("scaling").contains("adaptive c").contains("unseen");
    }
}
