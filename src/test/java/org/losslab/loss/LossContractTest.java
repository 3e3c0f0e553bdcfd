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
 * Every loss in the catalogue, of every family, on every engine, in double precision, on random inputs
 * built from its declared input names ({@link LossInputFixtures}): the gradient of the reduced loss w.r.t. each
 * differentiable input matches central finite differences, value and gradients agree across engines to 1e-6
 * relative, and bad inputs are refused by name.
 */
class LossContractTest {
    private static final List<Family> COVERED = List.of(Family.values());

    static Stream<String> ids() {
        return COVERED.stream().flatMap(f -> LossCatalog.get().family(f).stream()).map(l -> l.spec().id());
    }

    static Stream<Arguments> lossesOnEngines() {
        List<Arguments> out = new ArrayList<>();
        ids().forEach(id -> LossTesting.engines().forEach(engine -> out.add(Arguments.of(id, engine))));
        return out.stream();
    }

    static Stream<String> idsTakingLabels() {
        return ids().filter(id -> spec(id).inputs().contains("labels"));
    }

    private static LossSpec spec(String id) {
        return LossCatalog.get().byId(id).spec();
    }

    /** Binary-only losses (EnsLoss) get two classes. */
    private static Map<String, HostArray> inputs(String id, long seed, int batch, int classes) {
        int c = spec(id).binaryOnly() ? 2 : classes;
        return LossInputFixtures.forSpec(spec(id), seed, new LossInputFixtures.Sizes(batch, c, 3));
    }

    /**
     * The inputs plus the loss's prepared helpers computed once: a finite difference must move an input with the
     * graph's constants (sorted draws, per-instance λ) held, as the analytic gradient does.
     */
    private static Map<String, HostArray> heldConstants(String id, Map<String, HostArray> in) {
        Map<String, HostArray> all = new HashMap<>(in);
        all.putAll(LossTesting.loss(id, Map.of()).prepare(in));
        return all;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("lossesOnEngines")
    void gradientMatchesFiniteDifferences(String id, String engine) {
        Map<String, HostArray> in = heldConstants(id, inputs(id, 11, 5, 4));
        LossEvaluation.Result r = LossTesting.evaluate(engine, id, Map.of(), in, true);
        assertThat(r.gradients().keySet()).as("%s: gradients", id)
                .containsExactlyInAnyOrderElementsOf(spec(id).differentiableInputs());
        double h = 1e-6;
        for (String name : spec(id).differentiableInputs()) {
            HostArray x = in.get(name);
            double[] numeric = new double[x.size()];
            for (int i = 0; i < x.size(); i++) {
                numeric[i] = (shifted(engine, id, in, name, i, h) - shifted(engine, id, in, name, i, -h)) / (2 * h);
            }
            assertThat(GradientCheck.maxRelativeError(r.gradients().get(name), HostArray.wrap(numeric, x.shape())))
                    .as("%s on %s: analytic vs finite-difference gradient w.r.t. %s", id, engine, name)
                    .isLessThan(1e-6);
        }
    }

    private static double shifted(String engine, String id, Map<String, HostArray> in, String name, int index,
            double delta) {
        double[] moved = in.get(name).data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(in);
        copy.put(name, HostArray.wrap(moved, in.get(name).shape()));
        return LossTesting.evaluate(engine, id, Map.of(), copy, false).loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void enginesAgreeOnValueAndGradient(String id) {
        List<String> engines = LossTesting.engines();
        Map<String, HostArray> in = heldConstants(id, inputs(id, 23, 16, 5));
        LossEvaluation.Result reference = LossTesting.evaluate(engines.get(0), id, Map.of(), in, true);
        for (String engine : engines.subList(1, engines.size())) {
            LossEvaluation.Result other = LossTesting.evaluate(engine, id, Map.of(), in, true);
            assertThat(relative(other.loss(), reference.loss())).as("%s value, %s vs %s", id, engine, engines.get(0))
                    .isLessThan(1e-6);
            assertThat(GradientCheck.maxRelativeError(other.perExample(), reference.perExample())).isLessThan(1e-6);
            for (String name : spec(id).differentiableInputs()) {
                assertThat(GradientCheck.maxRelativeError(other.gradients().get(name), reference.gradients().get(name)))
                        .as("%s gradient w.r.t. %s, %s vs %s", id, name, engine, engines.get(0))
                        .isLessThan(1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idsTakingLabels")
    void refusesLabelsOfTheWrongLengthByName(String id) {
        Map<String, HostArray> in = new HashMap<>(inputs(id, 5, 4, 3));
        in.put("labels", HostArray.vector(0, 1, 2));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), id, Map.of(), in, false))
                .hasMessageContaining("labels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void refusesNaNInputsByName(String id) {
        for (String name : spec(id).inputs()) {
            Map<String, HostArray> in = new HashMap<>(inputs(id, 5, 2, 3));
            double[] poisoned = in.get(name).data().clone();
            poisoned[poisoned.length - 1] = Double.NaN;
            in.put(name, HostArray.wrap(poisoned, in.get(name).shape()));
            assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), id, Map.of(), in, false))
                    .as("%s with NaN in %s", id, name)
                    .hasMessageContaining(name).hasMessageContaining("NaN");
        }
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }
}
