package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * multi-sample-dropout: ℓ_i = (1/M)Σ_m CE(W(m_m ⊙ h_i) + b, y_i) with pre-scaled masks. The LOSSES.md example, the
 * undropped head without masks, M cross-entropies computed one by one, and gradients w.r.t. h, W and b.
 */
class MultiSampleDropoutTest {
    private static final String ID = "multi-sample-dropout";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** h = [1,2,−1,0.5], W = [[.5,−.2,.1,.3],[−.3,.4,.2,−.1]], b = 0, y = 1. */
    private static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("features", HostArray.matrix(new double[][] {{1, 2, -1, 0.5}}));
        in.put("headWeight", HostArray.matrix(new double[][] {{0.5, -0.2, 0.1, 0.3}, {-0.3, 0.4, 0.2, -0.1}}));
        in.put("headBias", HostArray.vector(0, 0));
        in.put("labels", HostArray.vector(1));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleWithTwoMasksAtHalfRate(String engine) {
        Map<String, HostArray> in = workedExample();
        // masks [1,0,1,1] and [0,1,1,0] scaled by 1/(1 − 0.5)
        in.put("headMasks", HostArray.wrap(new double[] {2, 0, 2, 2, 0, 2, 2, 0}, 2, 1, 4));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
        assertThat(r.loss()).isCloseTo(1.205083, within(1e-6));
        assertThat(r.loss()).isCloseTo((2.305083 + 0.105083) / 2, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withoutMasksItIsTheCrossEntropyOfTheUndroppedHead(String engine) {
        // logits W·h = (0.15, 0.25)
        double expected = Math.log(Math.exp(0.15) + Math.exp(0.25)) - 0.25;
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void equalsTheAverageOfMCrossEntropiesComputedOneByOne(String engine) {
        for (int samples : new int[] {1, 8}) {
            Map<String, HostArray> in = random(17 + samples, samples, 6, 5, 3);
            double[] expected = naive(in);
            LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
            for (int i = 0; i < expected.length; i++) {
                assertThat(r.perExample().data()[i]).as("M = %d, example %d", samples, i)
                        .isCloseTo(expected[i], within(1e-9));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientsOfFeaturesWeightAndBiasMatchFiniteDifferences(String engine) {
        Map<String, HostArray> in = random(5, 3, 4, 5, 3);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        for (String name : List.of("features", "headWeight", "headBias")) {
            HostArray numeric = FiniteDifferences.gradient(engine, ID, Map.of(), in, name);
            assertThat(GradientCheck.maxRelativeError(r.gradients().get(name), numeric)).as(name).isLessThan(1e-6);
        }
        assertThat(r.gradients()).as("the masks are constants").doesNotContainKey("headMasks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesMasksOfTheWrongShapeByName(String engine) {
        Map<String, HostArray> in = workedExample();
        in.put("headMasks", HostArray.wrap(new double[] {2, 0, 2, 2, 0, 2}, 2, 1, 3));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), in, false)).hasMessageContaining("headMasks");
        Map<String, HostArray> badWeight = workedExample();
        badWeight.put("headWeight", HostArray.matrix(new double[][] {{0.5, -0.2, 0.1}, {-0.3, 0.4, 0.2}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), badWeight, false))
                .hasMessageContaining("headWeight");
    }

    /** M masks at rate 0.5 (entries 0 or 2), features, head and labels; seeded. */
    private static Map<String, HostArray> random(long seed, int samples, int n, int width, int classes) {
        Random r = new Random(seed);
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("features", HostArray.matrix(FiniteDifferences.uniform(r, n, width, -2, 2)));
        in.put("headWeight", HostArray.matrix(FiniteDifferences.uniform(r, classes, width, -1, 1)));
        in.put("headBias", HostArray.vector(FiniteDifferences.uniform(r, 1, classes, -0.5, 0.5)[0]));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        in.put("labels", HostArray.vector(y));
        double[] masks = new double[samples * n * width];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = r.nextBoolean() ? 2 : 0;
        }
        in.put("headMasks", HostArray.wrap(masks, samples, n, width));
        return in;
    }

    /** For each example, M separate cross-entropies of W(m ⊙ h) + b, averaged. */
    private static double[] naive(Map<String, HostArray> in) {
        HostArray h = in.get("features");
        HostArray w = in.get("headWeight");
        HostArray b = in.get("headBias");
        HostArray masks = in.get("headMasks");
        int n = h.dim(0);
        int width = h.dim(1);
        int classes = w.dim(0);
        int samples = masks.dim(0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int y = (int) in.get("labels").data()[i];
            double sum = 0;
            for (int m = 0; m < samples; m++) {
                double[] z = new double[classes];
                for (int c = 0; c < classes; c++) {
                    z[c] = b.get(c);
                    for (int j = 0; j < width; j++) {
                        z[c] += w.get(c, j) * masks.get(m, i, j) * h.get(i, j);
                    }
                }
                sum += -Math.log(LossTesting.softmax(z)[y]);
            }
            out[i] = sum / samples;
        }
        return out;
    }
}
