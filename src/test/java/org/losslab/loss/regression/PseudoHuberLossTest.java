package org.losslab.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** pseudo-huber: d = sqrt(‖r‖² + c²) − c. */
class PseudoHuberLossTest extends RegressionLossCase {

    @Override
    String id() {
        return "pseudo-huber";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("c", 1.3);
    }

    /** LOSSES.md: sqrt(0.05 + 0.25) − 0.5 = 0.047723. */
    @Override
    double workedExample() {
        return 0.047723;
    }

    @Override
    double reference(double squaredNorm) {
        return Math.sqrt(squaredNorm + 1.3 * 1.3) - 1.3;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void keepsItsDigitsForTinyResiduals(String engine) {
        // ‖r‖² = 2e-18: sqrt(‖r‖² + c²) − c rounds to 0; the exact value is ‖r‖²/(2c) − … = 2e-18 to 1e-35.
        var r = LossTesting.evaluate(engine, id(), Map.of(),
                residual(new double[][] {{1e-9, -1e-9}}, new double[][] {{0, 0}}), false);
        assertThat(r.loss()).isCloseTo(2e-18, within(1e-30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void growsLinearlyWithAGradientOfAtMostOneForOutliers(String engine) {
        // r = [300, 400]: d = sqrt(250000.25) − 0.5, ∂d/∂r = r/sqrt(‖r‖² + c²), just under the unit vector (0.6, 0.8).
        var r = LossTesting.evaluate(engine, id(), Map.of(),
                residual(new double[][] {{300, 400}}, new double[][] {{0, 0}}), true);
        double root = Math.sqrt(250000.25);
        assertThat(r.loss()).isCloseTo(root - 0.5, within(1e-10));
        assertThat(r.gradients().get("pred").data()).containsExactly(new double[] {300 / root, 400 / root}, within(1e-15));
    }
}
