package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossTesting;

/**
 * ca-calibration: the LOSSES.md worked example, a naive loop reference, the gradient w.r.t. {@code temperature}
 * against finite differences on both engines, no gradient to the frozen logits, and bad inputs refused by name.
 * The catalogue-wide contract test covers it too, with temperatures from {@code LossInputFixtures}.
 */
class CorrectnessAwareCalibrationTest {
    private static final String ID = "ca-calibration";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: z = [[2,1,0],[1.5,1.2,0],[.2,.1,3]], y = [0,1,2], T = 1.5. */
    private static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new HashMap<>(LossTesting.classification(
                new double[][] {{2, 1, 0}, {1.5, 1.2, 0}, {.2, .1, 3}}, 0, 1, 2));
        in.put("temperature", HostArray.vector(1.5, 1.5, 1.5));
        return in;
    }

    /** Random logits in [-3, 3], labels, and temperatures in [0.3, 3]; seeded. */
    private static Map<String, HostArray> randomInputs(long seed, int n, int classes) {
        Map<String, HostArray> in = new HashMap<>(LossTesting.randomClassification(seed, n, classes));
        Random r = new Random(seed + 1);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.3 + 2.7 * r.nextDouble();
        }
        in.put("temperature", HostArray.vector(t));
        return in;
    }

    /** The formula with plain loops: {ŝ_i..., L}. */
    private static double[] reference(Map<String, HostArray> in) {
        HostArray z = in.get("logits");
        int n = z.dim(0);
        int c = z.dim(1);
        double[] s = new double[n];
        double[] correct = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double[] row = new double[c];
            int best = 0;
            for (int k = 0; k < c; k++) {
                row[k] = z.get(i, k) / in.get("temperature").data()[i];
                if (z.get(i, k) > z.get(i, best)) {
                    best = k;
                }
            }
            double[] p = LossTesting.softmax(row);
            double max = 0;
            for (double v : p) {
                max = Math.max(max, v);
            }
            s[i] = max;
            correct[i] = best == (int) in.get("labels").data()[i] ? 1 : 0;
            acc += correct[i] / n;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double w = correct[i] == 1 ? 1 - acc : acc;
            num += w * (s[i] - correct[i]) * (s[i] - correct[i]);
            den += w;
        }
        double[] out = new double[n + 1];
        System.arraycopy(s, 0, out, 0, n);
        out[n] = num / den;
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleFromTheCatalogue(String engine) {
        Map<String, HostArray> in = workedExample();
        double[] ref = reference(in);
        assertThat(ref[0]).isCloseTo(0.562742, within(1e-6));
        assertThat(ref[1]).isCloseTo(0.457329, within(1e-6));
        assertThat(ref[2]).isCloseTo(0.769643, within(1e-6));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
        assertThat(r.loss()).isCloseTo(0.165640, within(1e-6));
        // ℓ_i = N·w_i(ŝ_i − c_i)²/Σw with w = [1/3, 2/3, 1/3]
        double[] expected = {
            3 * (1.0 / 3) * Math.pow(ref[0] - 1, 2) / (4.0 / 3),
            3 * (2.0 / 3) * Math.pow(ref[1], 2) / (4.0 / 3),
            3 * (1.0 / 3) * Math.pow(ref[2] - 1, 2) / (4.0 / 3)};
        for (int i = 0; i < 3; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = randomInputs(31, 12, 4);
        double[] ref = reference(in);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
        assertThat(r.loss()).isCloseTo(ref[12], within(1e-12));
        double mean = 0;
        for (double v : r.perExample().data()) {
            mean += v / 12;
        }
        assertThat(mean).as("the per-example values average to the batch loss").isCloseTo(ref[12], within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void temperatureGradientMatchesFiniteDifferencesAndLogitsGetNone(String engine) {
        Map<String, HostArray> in = randomInputs(11, 6, 4);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.gradients()).containsOnlyKeys("temperature");
        HostArray t = in.get("temperature");
        double h = 1e-6;
        double[] numeric = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            numeric[i] = (lossWithTemperature(engine, in, i, h) - lossWithTemperature(engine, in, i, -h)) / (2 * h);
        }
        HostArray analytic = r.gradients().get("temperature");
        assertThat(GradientCheck.maxRelativeError(analytic, HostArray.wrap(numeric, t.shape()))).isLessThan(1e-6);
        assertThat(java.util.Arrays.stream(analytic.data()).map(Math::abs).max().orElseThrow())
                .as("a gradient that is not all zeros").isGreaterThan(1e-3);
    }

    private static double lossWithTemperature(String engine, Map<String, HostArray> in, int index, double delta) {
        double[] moved = in.get("temperature").data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(in);
        copy.put("temperature", HostArray.vector(moved));
        return LossTesting.evaluate(engine, ID, Map.of(), copy, false).loss();
    }

    @Test
    void enginesAgreeOnValueAndGradient() {
        List<String> engines = LossTesting.engines();
        Map<String, HostArray> in = randomInputs(23, 16, 5);
        LossEvaluation.Result first = LossTesting.evaluate(engines.get(0), ID, Map.of(), in, true);
        for (String engine : engines.subList(1, engines.size())) {
            LossEvaluation.Result other = LossTesting.evaluate(engine, ID, Map.of(), in, true);
            assertThat(other.loss()).isCloseTo(first.loss(), within(1e-9));
            assertThat(GradientCheck.maxRelativeError(other.gradients().get("temperature"),
                    first.gradients().get("temperature"))).isLessThan(1e-9);
        }
    }

    @Test
    void aBatchOfOnlyCorrectPredictionsWeighsExamplesEqually() {
        Map<String, HostArray> in = new HashMap<>(LossTesting.classification(new double[][] {{2, 0}, {0, 1}}, 0, 1));
        in.put("temperature", HostArray.vector(1, 2));
        double s0 = 1 / (1 + Math.exp(-2));
        double s1 = 1 / (1 + Math.exp(-0.5));
        double expected = (Math.pow(1 - s0, 2) + Math.pow(1 - s1, 2)) / 2;
        assertThat(LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false).loss())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void badInputsAreRefusedByName() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> shortT = workedExample();
        shortT.put("temperature", HostArray.vector(1, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), shortT, false))
                .hasMessageContaining("temperature").hasMessageContaining("[3]");
        Map<String, HostArray> zeroT = workedExample();
        zeroT.put("temperature", HostArray.vector(1, 0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), zeroT, false))
                .hasMessageContaining("temperature must be positive");
        Map<String, HostArray> nanT = workedExample();
        nanT.put("temperature", HostArray.vector(1, Double.NaN, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), nanT, false))
                .hasMessageContaining("temperature").hasMessageContaining("NaN");
        Map<String, HostArray> noT = workedExample();
        noT.remove("temperature");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), noT, false))
                .hasMessageContaining("temperature");
        Map<String, HostArray> shortLabels = workedExample();
        shortLabels.put("labels", HostArray.vector(0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), shortLabels, false))
                .hasMessageContaining("labels");
    }
}
