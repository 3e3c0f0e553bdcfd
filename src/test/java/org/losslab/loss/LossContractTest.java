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
        for (LossFunction loss : logitLosses()) {
            for (String engine : LossTesting.engines()) {
                out.add(Arguments.of(loss.spec().id(), engine));
            }
        }
        return out.stream();
    }

    static Stream<String> classificationIds() {
        return logitLosses().stream().map(l -> l.spec().id());
    }

    /** The losses these random logits and labels fully feed; one with more inputs has its own contract test. */
    private static List<LossFunction> logitLosses() {
        return LossCatalog.get().family(Family.CLASSIFICATION).stream()
                .filter(l -> List.of("logits", "labels").containsAll(l.spec().inputs()))
                .toList();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("classificationLosses")
    void gradientMatchesFiniteDifferences(String id, String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(11, 5, 4);
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
        Map<String, HostArray> in = LossTesting.randomClassification(23, 16, 5);
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
        Map<String, HostArray> in = new HashMap<>(LossTesting.randomClassification(5, 4, 3));
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

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }
}
