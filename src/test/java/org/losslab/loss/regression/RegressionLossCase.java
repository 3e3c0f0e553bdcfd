package org.losslab.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossInputFixtures;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks every regression loss gets on every engine: the LOSSES.md example r = [0.1, 0.2] with default
 * hyperparameters, a naive reference on random [N,D] and [N] inputs, and refusal of mismatched shapes by name.
 * Subclasses add the loss's own cases.
 */
abstract class RegressionLossCase {

    /** The catalogue id. */
    abstract String id();

    /** Hyperparameters of the random-input comparison (not the defaults). */
    abstract Map<String, ?> referenceParams();

    /** d for r = [0.1, 0.2] with default hyperparameters (LOSSES.md). */
    abstract double workedExample();

    /** The naive reference for one example, from ‖r‖², with {@link #referenceParams()}. */
    abstract double reference(double squaredNorm);

    static List<String> engines() {
        return LossTesting.engines();
    }

    static Map<String, HostArray> residual(double[][] pred, double[][] target) {
        return Map.of("pred", HostArray.matrix(pred), "target", HostArray.matrix(target));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        // pred − target = [0.1, 0.2], offset from 0 so the residual is really formed inside the loss.
        var r = LossTesting.evaluate(engine, id(), Map.of(),
                residual(new double[][] {{1.1, -0.8}}, new double[][] {{1, -1}}), false);
        assertThat(r.loss()).isCloseTo(workedExample(), within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomMatrices(String engine) {
        Map<String, HostArray> in = LossInputFixtures.forSpec(
                LossTesting.loss(id(), Map.of()).terms().get(0).loss().spec(), 79, new LossInputFixtures.Sizes(7, 2, 3));
        double[] pred = in.get("pred").data();
        double[] target = in.get("target").data();
        double[] expected = new double[7];
        for (int i = 0; i < 7; i++) {
            double squaredNorm = 0;
            for (int d = 0; d < 3; d++) {
                double diff = pred[i * 3 + d] - target[i * 3 + d];
                squaredNorm += diff * diff;
            }
            expected[i] = reference(squaredNorm);
        }
        var r = LossTesting.evaluate(engine, id(), referenceParams(), in, false);
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
        assertThat(r.loss()).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void takesOneValuePerExampleForAVectorOfPredictions(String engine) {
        double[] pred = {0.5, -1.5, 2.0, 0.25};
        double[] target = {0.0, -1.0, -1.0, 0.25};
        var r = LossTesting.evaluate(engine, id(), referenceParams(),
                Map.of("pred", HostArray.vector(pred), "target", HostArray.vector(target)), true);
        for (int i = 0; i < pred.length; i++) {
            double diff = pred[i] - target[i];
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(reference(diff * diff), within(1e-12));
        }
        assertThat(r.gradients().get("pred").shape()).containsExactly(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesMismatchedShapesNamingBothInputs(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, id(), Map.of(),
                residual(new double[][] {{1, 2, 3}}, new double[][] {{1, 2}}), false))
                .hasMessageContaining("pred").hasMessageContaining("target").hasMessageContaining("[1, 3]");
    }
}
