package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** z-loss: ℓ = (1/a)·softplus(a(b − ẑ_y)), ẑ_y = (z_y − mean z)/std z (population std). */
class ZLossTest extends ClassificationLossCase {

    @Override
    String id() {
        return "z-loss";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("a", 2.5, "b", 0.4);
    }

    /** LOSSES.md: ẑ_y = 1.224745, ℓ = 0.257609. */
    @Override
    double workedExample() {
        return 0.257609;
    }

    @Override
    double reference(double[] z, int y) {
        double mean = 0;
        for (double v : z) {
            mean += v / z.length;
        }
        double variance = 0;
        for (double v : z) {
            variance += (v - mean) * (v - mean) / z.length;
        }
        double standardised = (z[y] - mean) / Math.sqrt(variance);
        return Math.log1p(Math.exp(2.5 * (0.4 - standardised))) / 2.5;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleHoldsForThreeZPlusFiveWhileCrossEntropyMoves(String engine) {
        var shiftedAndScaled = LossTesting.evaluate(engine, id(), Map.of(),
                LossTesting.classification(new double[][] {{11, 8, 5}}, 0), false);
        assertThat(shiftedAndScaled.loss()).isCloseTo(0.257609, within(1e-6));
        var crossEntropy = LossTesting.evaluate(engine, "cross-entropy", Map.of(),
                LossTesting.classification(new double[][] {{6, 3, 0}}, 0), false);
        assertThat(crossEntropy.loss()).isCloseTo(0.050946, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void isInvariantToPositiveScalingAndShiftingOfTheLogits(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(17, 12, 5);
        double[] base = LossTesting.evaluate(engine, id(), Map.of("b", 0.5), in, false).perExample().data();
        double[][] affine = {{0.05, -7}, {3, 5}, {40, 0.5}, {1, 1000}};
        for (double[] ab : affine) {
            double[] z = in.get("logits").data().clone();
            for (int i = 0; i < z.length; i++) {
                z[i] = ab[0] * z[i] + ab[1];
            }
            Map<String, HostArray> moved = Map.of("logits", HostArray.wrap(z, in.get("logits").shape()),
                    "labels", in.get("labels"));
            var r = LossTesting.evaluate(engine, id(), Map.of("b", 0.5), moved, false);
            assertThat(r.perExample().data()).as("z → %s·z + %s", ab[0], ab[1]).containsExactly(base, within(1e-10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theGradientIsOrthogonalToShiftsAndScalings(String engine) {
        // Invariance to z → αz + β means the directions 1 and z carry no gradient: Σ_k ∂ℓ/∂z_k = 0 = Σ_k z_k ∂ℓ/∂z_k.
        Map<String, HostArray> in = LossTesting.randomClassification(19, 6, 4);
        double[] grad = LossTesting.evaluate(engine, id(), Map.of(), in, true).gradients().get("logits").data();
        double[] z = in.get("logits").data();
        double largest = 0;
        for (int i = 0; i < 6; i++) {
            double alongOnes = 0;
            double alongZ = 0;
            for (int k = 0; k < 4; k++) {
                alongOnes += grad[i * 4 + k];
                alongZ += z[i * 4 + k] * grad[i * 4 + k];
                largest = Math.max(largest, Math.abs(grad[i * 4 + k]));
            }
            assertThat(alongOnes).as("row %d, Σ ∂ℓ/∂z", i).isCloseTo(0, within(1e-15));
            assertThat(alongZ).as("row %d, Σ z ∂ℓ/∂z", i).isCloseTo(0, within(1e-15));
        }
        assertThat(largest).as("the gradient itself is not zero").isGreaterThan(1e-3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void constantLogitsGiveAFiniteLossAndGradient(String engine) {
        // std = 0: ẑ_y would be 0/0. Exactly constant rows give ẑ_y = 0, so ℓ = softplus(0) = ln 2.
        var r = LossTesting.evaluate(engine, id(), Map.of(),
                LossTesting.classification(new double[][] {{0, 0, 0}, {2, 2, 2}}, 0, 2), true);
        assertThat(r.perExample().data()).containsExactly(new double[] {Math.log(2), Math.log(2)}, within(1e-15));
        assertThat(r.gradients().get("logits").allFinite()).isTrue();
    }
}
