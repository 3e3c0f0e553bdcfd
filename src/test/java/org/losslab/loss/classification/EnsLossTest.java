package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.WeightedLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ensloss: random calibrated derivatives per batch, assigned by margin; L = mean sg(g)·z. */
class EnsLossTest {

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: z = [−0.5, 2.0, 0.3], ε = [0.1, −1.0, 0.5]. */
    private static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.vector(-0.5, 2.0, 0.3));
        in.put("labels", HostArray.vector(1, 1, 1));
        in.put("epsilon", HostArray.vector(0.1, -1.0, 0.5));
        return in;
    }

    @Test
    void derivativesOfTheWorkedExample() {
        double[] g = EnsLoss.derivatives(new double[] {-0.5, 2.0, 0.3}, new double[] {0.1, -1.0, 0.5}, 0);
        assertThat(g[0]).isCloseTo(-1.000001, within(1e-6));
        assertThat(g[1]).isCloseTo(-0.183941, within(1e-6));
        assertThat(g[2]).isCloseTo(-1.000001, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleValueAndGradient(String engine) {
        var r = LossTesting.evaluate(engine, "ensloss", Map.of(), workedExample(), true);
        assertThat(r.loss()).isCloseTo(-0.055960, within(1e-6));
        double[] grad = r.gradients().get("logits").data();
        assertThat(grad[0]).isCloseTo(-0.333334, within(1e-6));
        assertThat(grad[1]).isCloseTo(-0.061314, within(1e-6));
        assertThat(grad[2]).isCloseTo(-0.333334, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void twoClassLogitsUseTheirDifferenceAndZeroOneLabels(String engine) {
        // f = z1 − z0 reproduces the worked example with labels 1 → +1 and a flipped example with label 0 → −1.
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.matrix(new double[][] {{0.5, 0}, {-1, 1}, {0, 0.3}}));
        in.put("labels", HostArray.vector(1, 1, 1));
        in.put("epsilon", HostArray.vector(0.1, -1.0, 0.5));
        var r = LossTesting.evaluate(engine, "ensloss", Map.of(), in, true);
        assertThat(r.loss()).isCloseTo(-0.055960, within(1e-6));
        double[] grad = r.gradients().get("logits").data();
        assertThat(grad[0]).isCloseTo(0.333334, within(1e-6));
        assertThat(grad[1]).isCloseTo(-0.333334, within(1e-6));

        in.put("logits", HostArray.matrix(new double[][] {{-0.5, 0}, {-1, 1}, {0, 0.3}}));
        in.put("labels", HostArray.vector(0, 1, 1));
        assertThat(LossTesting.evaluate(engine, "ensloss", Map.of(), in, false).loss()).isCloseTo(-0.055960, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientWithTheDrawsHeldMatchesFiniteDifferences(String engine) {
        // Margins within (−1, 1) and apart: small moves change neither the order nor the 1/z scaling, so the
        // surrogate's derivative is exactly the drawn g/N.
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.vector(-0.8, 0.2, 0.7, -0.3, 0.05));
        in.put("labels", HostArray.vector(1, 0, 1, 1, 0));
        in.put("epsilon", HostArray.vector(0.3, -0.2, 1.1, -1.5, 0.4));
        var r = LossTesting.evaluate(engine, "ensloss", Map.of("lambda", 0.5), in, true);
        double[] f = in.get("logits").data();
        double[] numeric = new double[f.length];
        double h = 1e-6;
        for (int i = 0; i < f.length; i++) {
            numeric[i] = (shifted(engine, in, i, h) - shifted(engine, in, i, -h)) / (2 * h);
        }
        assertThat(GradientCheck.maxRelativeError(r.gradients().get("logits"), HostArray.wrap(numeric, f.length)))
                .isLessThan(1e-6);
    }

    private static double shifted(String engine, Map<String, HostArray> in, int index, double delta) {
        double[] moved = in.get("logits").data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new LinkedHashMap<>(in);
        copy.put("logits", HostArray.wrap(moved, moved.length));
        return LossTesting.evaluate(engine, "ensloss", Map.of("lambda", 0.5), copy, false).loss();
    }

    @Test
    void boxCoxInverseMatchesItsDefinition() {
        assertThat(EnsLoss.inverseBoxCox(0.4, 0)).isCloseTo(Math.exp(0.4), within(1e-15));
        assertThat(EnsLoss.inverseBoxCox(0.4, 0.5)).isCloseTo(Math.pow(1.2, 2), within(1e-15));
        assertThat(EnsLoss.inverseBoxCox(-3, 0.5)).isZero();
    }

    @Test
    void largerMarginsGetDerivativesNearerZeroSoTheLossStaysConvex() {
        Random rng = new Random(4);
        double[] margin = new double[50];
        double[] eps = new double[50];
        for (int i = 0; i < margin.length; i++) {
            margin[i] = rng.nextDouble() * 1.8 - 0.9;
            eps[i] = rng.nextGaussian();
        }
        double[] g = EnsLoss.derivatives(margin, eps, 0);
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).isBetween(-1.000001, 0.0);
            for (int j = 0; j < g.length; j++) {
                if (margin[i] < margin[j]) {
                    assertThat(g[i]).isLessThanOrEqualTo(g[j]);
                }
            }
        }
    }

    @Test
    void drawsComeFromTheRunsSeededSourceAndDifferPerBatch() {
        WeightedLoss loss = LossTesting.loss("ensloss", Map.of());
        Map<String, HostArray> batch = new HashMap<>();
        batch.put("logits", HostArray.vector(0.1, -0.2, 0.3, 0.4));
        batch.put("labels", HostArray.vector(1, 0, 1, 0));
        PrepareContext a = new PrepareContext(new Random(5), 0, true, new HashMap<>());
        PrepareContext b = new PrepareContext(new Random(5), 0, true, new HashMap<>());
        double[] first = loss.prepare(batch, a).get(EnsLoss.DERIVATIVE_INPUT).data();
        assertThat(loss.prepare(batch, b).get(EnsLoss.DERIVATIVE_INPUT).data()).containsExactly(first);
        assertThat(loss.prepare(batch, a).get(EnsLoss.DERIVATIVE_INPUT).data()).isNotEqualTo(first);
    }

    @Test
    void refusesMoreThanTwoClassesAndMixedLabels() {
        Map<String, HostArray> three = LossTesting.randomClassification(1, 4, 3);
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), "ensloss", Map.of(), three, false))
                .hasMessageContaining("binary").hasMessageContaining("logits");
        Map<String, HostArray> mixed = new HashMap<>();
        mixed.put("logits", HostArray.vector(0.1, 0.2, 0.3));
        mixed.put("labels", HostArray.vector(-1, 0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), "ensloss", Map.of(), mixed, false))
                .hasMessageContaining("labels");
    }
}
