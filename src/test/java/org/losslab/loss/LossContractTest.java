package org.losslab.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every classification loss in the catalogue, on every engine, in double precision: the gradient of the reduced
 * loss w.r.t. the logits matches central finite differences, value and gradient agree across engines to 1e-6
 * relative, and bad inputs are refused by name.
 */
class LossContractTest {

    static Stream<Arguments> classificationLosses() {
        List<Arguments> out = new ArrayList<>();
        for (LossFunction loss : LossCatalog.get().family(Family.CLASSIFICATION)) {
            for (String engine : LossTesting.engines()) {
                out.add(Arguments.of(loss.spec().id(), engine));
            }
        }
        return out.stream();
    }

    static Stream<String> classificationIds() {
        return LossCatalog.get().family(Family.CLASSIFICATION).stream().map(l -> l.spec().id());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("classificationLosses")
    void gradientMatchesFiniteDifferences(String id, String engine) {
        Map<String, HostArray> in = heldConstants(id, LossTesting.randomClassification(11, 5, classesFor(id, 4)));
        LossEvaluation.Result r = LossTesting.evaluate(engine, id, Map.of(), in, true);
        HostArray analytic = r.gradients().get("logits");
        HostArray z = in.get("logits");
        double h = 1e-6;
        double[] numeric = new double[z.size()];
        for (int i = 0; i < z.size(); i++) {
            numeric[i] = (shifted(engine, id, in, i, h) - shifted(engine, id, in, i, -h)) / (2 * h);
        }
        assertThat(GradientCheck.maxRelativeError(analytic, HostArray.wrap(numeric, z.shape())))
                .as("%s on %s: analytic vs finite-difference gradient", id, engine)
                .isLessThan(1e-6);
    }

    private static double shifted(String engine, String id, Map<String, HostArray> in, int index, double delta) {
        double[] moved = in.get("logits").data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(in);
        copy.put("logits", HostArray.wrap(moved, in.get("logits").shape()));
        return LossTesting.evaluate(engine, id, Map.of(), copy, false).loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classificationIds")
    void enginesAgreeOnValueAndGradient(String id) {
        List<String> engines = LossTesting.engines();
        Map<String, HostArray> in = heldConstants(id, LossTesting.randomClassification(23, 16, classesFor(id, 5)));
        LossEvaluation.Result reference = LossTesting.evaluate(engines.get(0), id, Map.of(), in, true);
        for (String engine : engines.subList(1, engines.size())) {
            LossEvaluation.Result other = LossTesting.evaluate(engine, id, Map.of(), in, true);
            assertThat(relative(other.loss(), reference.loss())).as("%s value, %s vs %s", id, engine, engines.get(0))
                    .isLessThan(1e-6);
            assertThat(GradientCheck.maxRelativeError(other.perExample(), reference.perExample())).isLessThan(1e-6);
            assertThat(GradientCheck.maxRelativeError(other.gradients().get("logits"), reference.gradients().get("logits")))
                    .as("%s gradient, %s vs %s", id, engine, engines.get(0))
                    .isLessThan(1e-6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classificationIds")
    void refusesLabelsOfTheWrongLengthByName(String id) {
        Map<String, HostArray> in = new HashMap<>(LossTesting.randomClassification(5, 4, classesFor(id, 3)));
        in.put("labels", HostArray.vector(0, 1, 2));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), id, Map.of(), in, false))
                .hasMessageContaining("labels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classificationIds")
    void refusesNaNInputsByName(String id) {
        Map<String, HostArray> in = new HashMap<>(LossTesting.randomClassification(5, 2, 3));
        in.put("logits", HostArray.matrix(new double[][] {{0, Double.NaN, 1}, {1, 2, 3}}));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), id, Map.of(), in, false))
                .hasMessageContaining("logits").hasMessageContaining("NaN");
    }

    /** Binary-only losses (EnsLoss) get two classes. */
    private static int classesFor(String id, int classes) {
        return LossCatalog.get().byId(id).spec().binaryOnly() ? 2 : classes;
    }

    /**
     * The inputs plus the loss's prepared helpers computed once: a finite difference must move the logits with
     * the graph's constants (sorted draws, per-instance λ) held, as the analytic gradient does.
     */
    private static Map<String, HostArray> heldConstants(String id, Map<String, HostArray> in) {
        Map<String, HostArray> all = new HashMap<>(in);
        all.putAll(LossTesting.loss(id, Map.of()).prepare(in));
        return all;
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }
}
