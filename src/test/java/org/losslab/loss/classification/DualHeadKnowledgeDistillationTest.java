package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dual-head-kd: ℓ_i = w_ce·CE(h1_i, y_i) + w_kd·T²·Σ_k[½log(½/d) + ½log(½/(1−d))], d = clamp(σ((h2 − z_t)/T)).
 * Worked example of LOSSES.md (both heads output z_s), a loop reference with two distinct heads, and
 * finite-difference gradients w.r.t. both heads, on every engine.
 */
class DualHeadKnowledgeDistillationTest {
    private static final String ID = "dual-head-kd";

    static List<String> engines() {
        return LossTesting.engines();
    }

    private static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>(LossTesting.classification(new double[][] {{1, 0, -1}}, 0));
        in.put("teacherLogits", HostArray.matrix(new double[][] {{2, 0, 0}}));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleWithBothHeadsEqual(String engine) {
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .isCloseTo(0.655044, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("kdWeight", 0.0), workedExample(), false).loss())
                .as("the cross-entropy part").isCloseTo(0.407606, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.0), workedExample(), false).loss())
                .as("the binary KL part at T = 2").isCloseTo(0.247438, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void anAuxiliaryHeadEqualToTheFirstGivesTheSameValue(String engine) {
        Map<String, HostArray> in = workedExample();
        in.put("auxLogits", in.get("logits"));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), in, false).loss()).isCloseTo(0.655044, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theKlPartVanishesWhenTheAuxiliaryHeadCopiesTheTeacher(String engine) {
        Map<String, HostArray> in = workedExample();
        in.put("auxLogits", in.get("teacherLogits"));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), in, false).loss()).isCloseTo(0.407606, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopWithTwoHeads(String engine) {
        Map<String, HostArray> in = randomTwoHeads(7, 9, 4);
        Map<String, Double> params = Map.of("temperature", 3.0, "ceWeight", 0.7, "kdWeight", 1.3);
        double[] expected = reference(in, 3.0, 0.7, 1.3);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, params, in, false);
        double mean = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
            mean += expected[i] / expected.length;
        }
        assertThat(r.loss()).as("the mean of the per-example values is L").isCloseTo(mean, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientsOfBothHeadsMatchFiniteDifferences(String engine) {
        Map<String, HostArray> in = randomTwoHeads(3, 5, 4);
        Map<String, Double> params = Map.of("temperature", 2.5, "ceWeight", 0.8, "kdWeight", 1.5);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, params, in, true);
        for (String head : List.of("logits", "auxLogits")) {
            HostArray numeric = FiniteDifferences.gradient(engine, ID, params, in, head);
            assertThat(GradientCheck.maxRelativeError(r.gradients().get(head), numeric)).as(head).isLessThan(1e-6);
        }
        assertThat(r.gradients()).as("the teacher is a constant").doesNotContainKey("teacherLogits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theCeGradientReachesOnlyTheFirstHeadAndTheKlOnlyTheSecond(String engine) {
        Map<String, HostArray> in = randomTwoHeads(4, 3, 3);
        LossEvaluation.Result ceOnly = LossTesting.evaluate(engine, ID, Map.of("kdWeight", 0.0), in, true);
        LossEvaluation.Result klOnly = LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.0), in, true);
        assertThat(maxAbs(ceOnly.gradients().get("auxLogits"))).isZero();
        assertThat(maxAbs(klOnly.gradients().get("logits"))).isZero();
        assertThat(maxAbs(ceOnly.gradients().get("logits"))).isPositive();
        assertThat(maxAbs(klOnly.gradients().get("auxLogits"))).isPositive();
    }

    /**
     * Teacher logits of ±40 against a fresh student saturate d at the clamp: each such logit's term is bounded
     * (½log(½/ε) + ½log(½/(1−ε)) with ε = 1e-8) and its gradient vanishes, in float64 and in float32, where
     * 1 − ε rounds to 1 and a literal clamp would give log 0.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aFarTeacherSaturatesAtTheClampInBothPrecisions(String engine) {
        Map<String, HostArray> in = new LinkedHashMap<>(LossTesting.classification(new double[][] {{0, 0, 0}}, 0));
        in.put("teacherLogits", HostArray.matrix(new double[][] {{40, -40, 1}}));
        double saturated = 0.5 * Math.log(0.5 / 1e-8) + 0.5 * Math.log(0.5 / (1 - 1e-8));
        double d = 1 / (1 + Math.exp(0.5));
        double expected = Math.log(3) + 4 * (2 * saturated + 0.5 * Math.log(0.5 / d) + 0.5 * Math.log(0.5 / (1 - d)));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.loss()).isCloseTo(expected, within(1e-6));
        assertThat(Math.abs(r.gradients().get("logits").get(0, 0) - (1.0 / 3 - 1))).as("only CE moves z_0")
                .isLessThan(1e-6);
        try (Engine e = Engines.create(engine, Precision.FLOAT32);
                ParameterStore none = e.createParameters(Map.of());
                CompiledProgram program = e.compile((ops, tensors, p) -> {
                    Tensor loss = LossTesting.loss(ID, Map.of()).reduced(ops, new LossInputs(tensors));
                    return Map.of("loss", loss);
                })) {
            double single = program.run(RunRequest.of(in).fetch("loss"), none).output("loss").item();
            assertThat(single).isCloseTo(expected, within(1e-4 * expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesTeacherLogitsOfAnotherShapeByName(String engine) {
        Map<String, HostArray> in = workedExample();
        in.put("teacherLogits", HostArray.matrix(new double[][] {{2, 0}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), in, false))
                .hasMessageContaining("teacherLogits");
        Map<String, HostArray> withoutTeacher = LossTesting.classification(new double[][] {{1, 0, -1}}, 0);
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), withoutTeacher, false))
                .hasMessageContaining("teacherLogits");
    }

    private static Map<String, HostArray> randomTwoHeads(long seed, int n, int classes) {
        Random r = new Random(seed);
        Map<String, HostArray> in = new LinkedHashMap<>(LossTesting.randomClassification(seed, n, classes));
        in.put("auxLogits", HostArray.matrix(FiniteDifferences.uniform(r, n, classes, -3, 3)));
        in.put("teacherLogits", HostArray.matrix(FiniteDifferences.uniform(r, n, classes, -4, 4)));
        return in;
    }

    /** Plain loops over the formula as LOSSES.md writes it. */
    private static double[] reference(Map<String, HostArray> in, double t, double ceWeight, double kdWeight) {
        HostArray h1 = in.get("logits");
        HostArray h2 = in.get("auxLogits");
        HostArray zt = in.get("teacherLogits");
        int n = h1.dim(0);
        int c = h1.dim(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = new double[c];
            for (int k = 0; k < c; k++) {
                row[k] = h1.get(i, k);
            }
            int y = (int) in.get("labels").data()[i];
            double ce = -Math.log(LossTesting.softmax(row)[y]);
            double kl = 0;
            for (int k = 0; k < c; k++) {
                double d = 1 / (1 + Math.exp(-(h2.get(i, k) - zt.get(i, k)) / t));
                d = Math.min(Math.max(d, 1e-8), 1 - 1e-8);
                kl += 0.5 * Math.log(0.5 / d) + 0.5 * Math.log(0.5 / (1 - d));
            }
            out[i] = ceWeight * ce + kdWeight * t * t * kl;
        }
        return out;
    }

    private static double maxAbs(HostArray a) {
        double m = 0;
        for (double v : a.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
