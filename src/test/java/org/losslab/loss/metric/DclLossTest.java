package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dcl: L(z1,z2) + L(z2,z1) with the positive left out of the denominator; and its weighted form dclw. */
class DclLossTest {

    static List<String> engines() {
        return LossTesting.engines();
    }

    static final double[][] Z1 = {{1, 0}, {0.6, 0.8}};
    static final double[][] Z2 = {{0.8, 0.6}, {0.28, 0.96}};

    static Map<String, HostArray> views(double[][] first, double[][] second) {
        return Map.of("view1", HostArray.matrix(first), "view2", HostArray.matrix(second));
    }

    /**
     * One direction of the loss with loops; w null for DCL. Rows are normalised here as in the loss.
     */
    static double direction(double[][] a, double[][] b, double tau, double[] w) {
        int n = a.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] ai = MetricReference.unit(a[i]);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum += Math.exp(MetricReference.dot(ai, MetricReference.unit(a[j])) / tau)
                            + Math.exp(MetricReference.dot(ai, MetricReference.unit(b[j])) / tau);
                }
            }
            double weight = w == null ? 1 : w[i];
            total += -weight * MetricReference.dot(ai, MetricReference.unit(b[i])) / tau + Math.log(sum);
        }
        return total / n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reproducesBothDirectionsOfTheWorkedExample(String engine) {
        // LOSSES.md: L(z1,z2) = −0.846545 and L(z2,z1) = 0.214701; the loss is their sum. The loss is symmetric in
        // its inputs, so swapping the views gives the same total; each direction is checked via the loop reference.
        assertThat(direction(Z1, Z2, 0.1, null)).isCloseTo(-0.846545, within(1e-6));
        assertThat(direction(Z2, Z1, 0.1, null)).isCloseTo(0.214701, within(1e-6));
        var r = LossTesting.evaluate(engine, "dcl", Map.of(), views(Z1, Z2), false);
        assertThat(r.loss()).isCloseTo(-0.846545 + 0.214701, within(1e-6));
        var swapped = LossTesting.evaluate(engine, "dcl", Map.of(), views(Z2, Z1), false);
        assertThat(swapped.loss()).isCloseTo(r.loss(), within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsOnRandomViewsAndCanBeNegative(String engine) {
        // the total against both loop directions on random views; the worked example's total is below 0
        Random random = new Random(21);
        double[][] a = MetricReference.rows(MetricReference.gaussian(random, 5, 3));
        double[][] b = MetricReference.rows(MetricReference.gaussian(random, 5, 3));
        double tau = 0.3;
        double expected = direction(a, b, tau, null) + direction(b, a, tau, null);
        var r = LossTesting.evaluate(engine, "dcl", Map.of("tau", tau), views(a, b), false);
        assertThat(r.loss()).isCloseTo(expected, within(1e-10));
        assertThat(LossTesting.evaluate(engine, "dcl", Map.of(), views(Z1, Z2), false).loss()).isNegative();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void weightedFormReproducesTheWorkedExample(String engine) {
        double[] s = {MetricReference.dot(Z1[0], Z2[0]) / 0.5, MetricReference.dot(Z1[1], Z2[1]) / 0.5};
        double[] w = new double[2];
        for (int i = 0; i < 2; i++) {
            w[i] = 2 - 2 * Math.exp(s[i]) / (Math.exp(s[0]) + Math.exp(s[1]));
        }
        assertThat(w).containsExactly(new double[] {1.135168, 0.864832}, within(1e-6));
        assertThat(direction(Z1, Z2, 0.1, w)).isCloseTo(-0.754631, within(1e-6));
        double expected = direction(Z1, Z2, 0.1, w) + direction(Z2, Z1, 0.1, w);
        for (boolean detach : new boolean[] {false, true}) {
            var r = LossTesting.evaluate(engine, "dclw", Map.of("detachWeights", detach), views(Z1, Z2), false);
            assertThat(r.loss()).as("detachWeights = %s", detach).isCloseTo(expected, within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void detachingTheWeightsChangesOnlyTheGradient(String engine) {
        Random random = new Random(33);
        double[][] a = MetricReference.rows(MetricReference.gaussian(random, 4, 3));
        double[][] b = MetricReference.rows(MetricReference.gaussian(random, 4, 3));
        var through = LossTesting.evaluate(engine, "dclw", Map.of(), views(a, b), true);
        var held = LossTesting.evaluate(engine, "dclw", Map.of("detachWeights", true), views(a, b), true);
        assertThat(held.loss()).isCloseTo(through.loss(), within(1e-12));
        double gap = 0;
        for (int i = 0; i < 12; i++) {
            gap = Math.max(gap, Math.abs(held.gradients().get("view1").data()[i]
                    - through.gradients().get("view1").data()[i]));
        }
        assertThat(gap).isGreaterThan(1e-3);
        // with σ → ∞ the weights tend to 1 and DCLW to DCL
        var flat = LossTesting.evaluate(engine, "dclw", Map.of("sigma", 1e9), views(a, b), false);
        var dcl = LossTesting.evaluate(engine, "dcl", Map.of(), views(a, b), false);
        assertThat(flat.loss()).isCloseTo(dcl.loss(), within(1e-6));
    }
}
