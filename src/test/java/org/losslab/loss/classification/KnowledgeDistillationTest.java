package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossInputFixtures;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kd: ℓ = T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)), student {@code logits}, {@code teacherLogits}; no labels. */
class KnowledgeDistillationTest {
    private static final String ID = "kd";

    static List<String> engines() {
        return LossTesting.engines();
    }

    private static Map<String, HostArray> pair(double[][] student, double[][] teacher) {
        return Map.of("logits", HostArray.matrix(student), "teacherLogits", HostArray.matrix(teacher));
    }

    private static Map<String, HostArray> random(long seed) {
        return LossInputFixtures.forSpec(KnowledgeDistillation.SPEC, seed, new LossInputFixtures.Sizes(9, 4, 1));
    }

    private static double[] row(HostArray a, int i) {
        int c = a.dim(1);
        double[] r = new double[c];
        System.arraycopy(a.data(), i * c, r, 0, c);
        return r;
    }

    private static double[] divided(double[] z, double t) {
        double[] out = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            out[k] = z[k] / t;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of(),
                pair(new double[][] {{1, 0, -1}}, new double[][] {{2, 0, 0}}), false);
        assertThat(r.loss()).isCloseTo(0.103107, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = random(61);
        double t = 2.5;
        var r = LossTesting.evaluate(engine, ID, Map.of("temperature", t), in, false);
        double mean = 0;
        for (int i = 0; i < 9; i++) {
            double[] pt = LossTesting.softmax(divided(row(in.get("teacherLogits"), i), t));
            double[] ps = LossTesting.softmax(divided(row(in.get("logits"), i), t));
            double kl = 0;
            for (int k = 0; k < pt.length; k++) {
                kl += pt[k] * Math.log(pt[k] / ps[k]);
            }
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(t * t * kl, within(1e-12));
            mean += t * t * kl / 9;
        }
        assertThat(r.loss()).isCloseTo(mean, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientIsTemperatureTimesTheSoftenedProbabilityGapAndReachesOnlyTheStudent(String engine) {
        // ∂ℓ_i/∂z_s = T²·(1/T)(p_s − p_t) = T(p_s − p_t); the mean over N divides by N.
        Map<String, HostArray> in = random(67);
        double t = 4;
        var r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.gradients().keySet()).containsExactly("logits");
        double[] grad = r.gradients().get("logits").data();
        for (int i = 0; i < 9; i++) {
            double[] pt = LossTesting.softmax(divided(row(in.get("teacherLogits"), i), t));
            double[] ps = LossTesting.softmax(divided(row(in.get("logits"), i), t));
            for (int k = 0; k < 4; k++) {
                assertThat(grad[i * 4 + k]).isCloseTo(t * (ps[k] - pt[k]) / 9, within(1e-14));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aStudentEqualToItsTeacherHasZeroLossAndGradient(String engine) {
        double[][] z = {{0.3, -2, 1.7}, {5, 5.5, -1}};
        var r = LossTesting.evaluate(engine, ID, Map.of("temperature", 3.0), pair(z, z), true);
        assertThat(r.perExample().data()).containsExactly(new double[] {0, 0}, within(1e-15));
        assertThat(r.gradients().get("logits").data()).containsExactly(new double[6], within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesTeacherLogitsOfAnotherShapeByName(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                pair(new double[][] {{1, 0, -1}}, new double[][] {{2, 0}}), false))
                .hasMessageContaining("teacherLogits").hasMessageContaining("[1, 3]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesAMissingTeacherByName(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("logits", HostArray.matrix(new double[][] {{1, 0}})), false))
                .hasMessageContaining("teacherLogits");
    }
}
