package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.losslab.param.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** generalized-ce: ℓ = (1 − p_y^q)/q, which is comp-sum with τ = 1 + q. */
class GeneralizedCrossEntropyTest extends ClassificationLossCase {

    @Override
    String id() {
        return "generalized-ce";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("q", 0.3);
    }

    /** By hand: (1 − 0.665241^0.7)/0.7 = 0.354614. */
    @Override
    double workedExample() {
        return 0.354614;
    }

    @Override
    double reference(double[] z, int y) {
        return (1 - Math.pow(LossTesting.softmax(z)[y], 0.3)) / 0.3;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void equalsCompSumWithTauOnePlusQInValueAndGradient(String engine) {
        // LOSSES.md gives no worked example for GCE; it is tested through this identity.
        Map<String, HostArray> in = LossTesting.randomClassification(8, 10, 4);
        for (double q : new double[] {0.05, 0.7, 1.0}) {
            var gce = LossTesting.evaluate(engine, id(), Map.of("q", q), in, true);
            var compSum = LossTesting.evaluate(engine, "comp-sum", Map.of("tau", 1 + q), in, true);
            assertThat(gce.perExample().data()).as("q = %s", q)
                    .containsExactly(compSum.perExample().data(), within(1e-13));
            assertThat(gce.gradients().get("logits").data()).as("q = %s gradient", q)
                    .containsExactly(compSum.gradients().get("logits").data(), within(1e-13));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aConfidentMistakeCostsAtMostOneOverQ(String engine) {
        // p_y = e^{-60}/(1 + e^{-60}): p_y^0.7 ≈ 6e-19, so ℓ = 1/0.7 to double precision; CE would be 60.
        var r = LossTesting.evaluate(engine, id(), Map.of(),
                LossTesting.classification(new double[][] {{-30, 30}}, 0), true);
        assertThat(r.loss()).isCloseTo(1 / 0.7, within(1e-12));
        // ∂ℓ/∂z = p_y^q·(p − onehot): the implausible example is all but ignored.
        assertThat(r.gradients().get("logits").data()).containsExactly(new double[] {0, 0}, within(1e-17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void itsGradientIsCrossEntropysScaledByTheTrueClassProbabilityToTheQ(String engine) {
        double[][] z = {{0.3, -1.2, 2.0}};
        var gce = LossTesting.evaluate(engine, id(), Map.of(), LossTesting.classification(z, 1), true);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), LossTesting.classification(z, 1), true);
        double scale = Math.pow(LossTesting.softmax(z[0])[1], 0.7);
        double[] ceGrad = ce.gradients().get("logits").data();
        double[] gceGrad = gce.gradients().get("logits").data();
        for (int k = 0; k < 3; k++) {
            assertThat(gceGrad[k]).isCloseTo(scale * ceGrad[k], within(1e-14));
        }
    }

    @Test
    void refusesQOutsideZeroToOne() {
        for (double q : new double[] {0, 1.5}) {
            assertThatThrownBy(() -> LossTesting.loss(id(), Map.of("q", q)))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'q'");
        }
    }
}
