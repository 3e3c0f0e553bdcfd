package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
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

/** aldr-kl: LDR-KL with a per-instance λ_i updated from the predictions and remembered per instance. */
class AdaptiveLdrKlTest extends ClassificationLossCase {

    @Override
    String id() {
        return "aldr-kl";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("lambda", 2.0, "c", 0.5, "alpha", 3.0);
    }

    /**
     * By hand (float64): q = softmax([2,1,0]) = [0.665241, 0.244728, 0.090031], KL(q‖u) = 0.266217,
     * λ = 1 − 0.266217/(2 ln 3) = 0.878840; ℓ = λ·log((1 + e^{−1/λ·(1−2)}… )/3) − (ln 3)(λ − 1)² = 0.453666.
     */
    @Override
    double workedExample() {
        return 0.453666;
    }

    @Override
    double reference(double[] z, int y) {
        double lambda0 = 2.0;
        double c = 0.5;
        double alpha = 3.0;
        int classes = z.length;
        double[] q = LossTesting.softmax(divide(z, lambda0));
        double kl = 0;
        for (double v : q) {
            kl += v * Math.log(v * classes);
        }
        double lambda = lambda0 - lambda0 * kl / (alpha * Math.log(classes));
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp((z[k] - z[y] + (k == y ? 0 : c)) / lambda);
        }
        return lambda * Math.log(sum / classes) - alpha * Math.log(classes) / (2 * lambda0) * Math.pow(lambda - lambda0, 2);
    }

    private static double[] divide(double[] z, double by) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] / by;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withLambdaHeldAtLambda0AndNoPullItIsLdrKl(String engine) {
        // λ_i = λ0 = 1 and c = 0: CE − log C.
        Map<String, HostArray> in = new HashMap<>(LossTesting.randomClassification(3, 6, 4));
        in.put(AdaptiveLdrKl.LAMBDA_INPUT, HostArray.vector(1, 1, 1, 1, 1, 1));
        var aldr = LossTesting.evaluate(engine, id(), Map.of("c", 0.0), in, false);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, false);
        assertThat(aldr.loss()).isCloseTo(ce.loss() - Math.log(4), within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientWithTheLambdasHeldMatchesFiniteDifferences(String engine) {
        Map<String, HostArray> in = new LinkedHashMap<>(LossTesting.randomClassification(9, 5, 3));
        in.put(AdaptiveLdrKl.LAMBDA_INPUT, HostArray.vector(0.7, 1.3, 0.9, 1.0, 0.6));
        var r = LossTesting.evaluate(engine, id(), Map.of(), in, true);
        double[] z = in.get("logits").data();
        double[] numeric = new double[z.length];
        double h = 1e-6;
        for (int i = 0; i < z.length; i++) {
            numeric[i] = (shifted(engine, in, i, h) - shifted(engine, in, i, -h)) / (2 * h);
        }
        assertThat(GradientCheck.maxRelativeError(r.gradients().get("logits"),
                HostArray.wrap(numeric, in.get("logits").shape()))).isLessThan(1e-6);
    }

    private double shifted(String engine, Map<String, HostArray> in, int index, double delta) {
        double[] moved = in.get("logits").data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new LinkedHashMap<>(in);
        copy.put("logits", HostArray.wrap(moved, in.get("logits").shape()));
        return LossTesting.evaluate(engine, id(), Map.of(), copy, false).loss();
    }

    @Test
    void lambdaIsRememberedPerInstanceAcrossTrainingBatches() {
        WeightedLoss loss = LossTesting.loss(id(), Map.of());
        PrepareContext training = new PrepareContext(new Random(1), 0, true, new HashMap<>());
        Map<String, HostArray> batch = new HashMap<>(LossTesting.classification(new double[][] {{2, 1, 0}, {0, 0, 3}}, 0, 1));
        batch.put("instanceIds", HostArray.vector(7, 8));
        double first = loss.prepare(batch, training).get(AdaptiveLdrKl.LAMBDA_INPUT).data()[0];
        double second = loss.prepare(batch, training).get(AdaptiveLdrKl.LAMBDA_INPUT).data()[0];
        assertThat(first).isCloseTo(0.878840, within(1e-6));
        // The second update starts from λ = 0.878840, not from λ0: softmax(z/λ) is sharper, so λ drops further.
        double expected = 1 - AdaptiveLdrKl.klToUniform(new double[] {2, 1, 0}, 0, 3, first) / (2 * Math.log(3));
        assertThat(second).isCloseTo(expected, within(1e-12)).isLessThan(first);
        // Evaluation batches never read or write the memory: they start from λ0.
        PrepareContext evaluation = new PrepareContext(new Random(1), 0, false, training.state());
        assertThat(loss.prepare(batch, evaluation).get(AdaptiveLdrKl.LAMBDA_INPUT).data()[0])
                .isCloseTo(0.878840, within(1e-6));
    }

    @Test
    void lambdaStaysAboveHalfLambda0ForAlphaTwo() {
        double kl = AdaptiveLdrKl.klToUniform(new double[] {50, 0, 0}, 0, 3, 1.0);
        assertThat(kl).isCloseTo(Math.log(3), within(1e-9));
        assertThat(1 - kl / (2 * Math.log(3))).isCloseTo(0.5, within(1e-9));
    }
}
