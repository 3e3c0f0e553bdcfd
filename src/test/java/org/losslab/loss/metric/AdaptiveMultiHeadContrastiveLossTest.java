package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossTesting;
import org.losslab.loss.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * amcl: the worked example of LOSSES.md (C = 1, d′ = 2) on both engines, a naive loop reference with three heads and
 * per-pair temperatures, and refusal of bad temperatures and shapes by name.
 */
class AdaptiveMultiHeadContrastiveLossTest {
    private static final String ID = "amcl";

    static List<String> engines() {
        return LossTesting.engines();
    }

    static double omega(double tau, double dimension) {
        return dimension / 2 * Math.log(tau) + 1 / tau;
    }

    /**
     * Anchor 0 is z = [1,0] with positive [.6,.8] and negatives [0,1], [−.6,.8], [.8,−.6]; τ⁺ = .5, τ⁻ = .2. Rows 1–3
     * of view1Heads are other anchors.
     */
    static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("view1Heads", HostArray.wrap(new double[] {1, 0, 0.3, 0.9, -0.5, 0.2, 0.7, 0.7}, 4, 1, 2));
        in.put("view2Heads", HostArray.wrap(new double[] {0.6, 0.8, 0, 1, -0.6, 0.8, 0.8, -0.6}, 4, 1, 2));
        in.put("tauPositive", HostArray.wrap(new double[] {0.5, 0.5, 0.5, 0.5}, 4, 1));
        double[] tauNegative = new double[16];
        java.util.Arrays.fill(tauNegative, 0.2);
        in.put("tauNegative", HostArray.wrap(tauNegative, 4, 4, 1));
        return in;
    }

    /** ℓ_i by loops: per head, cosines, the max of sim⁻/τ⁻ over j ≠ i, and Ω. */
    static double[] reference(Map<String, HostArray> in, double beta) {
        HostArray v1 = in.get("view1Heads");
        int n = v1.dim(0);
        int c = v1.dim(1);
        int d = v1.dim(2);
        double[] a = v1.data();
        double[] b = in.get("view2Heads").data();
        double[] tp = in.get("tauPositive").data();
        double[] tn = in.get("tauNegative").data();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < c; h++) {
                double[] anchor = java.util.Arrays.copyOfRange(a, (i * c + h) * d, (i * c + h + 1) * d);
                double positive = MetricTesting.cosine(anchor,
                        java.util.Arrays.copyOfRange(b, (i * c + h) * d, (i * c + h + 1) * d));
                double best = Double.NEGATIVE_INFINITY;
                double bestTau = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double tau = tn[(i * n + j) * c + h];
                    double score = MetricTesting.cosine(anchor,
                            java.util.Arrays.copyOfRange(b, (j * c + h) * d, (j * c + h + 1) * d)) / tau;
                    if (score > best) {
                        best = score;
                        bestTau = tau;
                    }
                }
                double tauPlus = tp[i * c + h];
                out[i] += -positive / tauPlus + best + beta * omega(tauPlus, d) - beta * omega(bestTau, d);
            }
        }
        return out;
    }

    @Test
    void isMarkedAsReconstructed() {
        var spec = LossCatalog.get().byId(ID).spec();
        assertThat(spec.status()).isEqualTo(Status.UNCERTAIN);
        assertThat(spec.intuition()).startsWith("As reconstructed:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        assertThat(omega(0.5, 2)).isCloseTo(1.306853, within(1e-6));
        assertThat(omega(0.2, 2)).isCloseTo(3.390562, within(1e-6));
        var r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), true);
        assertThat(r.perExample().data()[0]).isCloseTo(2.779163, within(1e-6));
        double[] expected = reference(workedExample(), 0.01);
        for (int i = 0; i < 4; i++) {
            assertThat(r.perExample().data()[i]).as("anchor %d", i).isCloseTo(expected[i], within(1e-12));
        }
        // ∂ℓ_0/∂τ⁺ = (s⁺/τ⁺² + β(d′/2 · 1/τ⁺ − 1/τ⁺²))/N with s⁺ = .6
        double dTauPlus = (0.6 / 0.25 + 0.01 * (1 / 0.5 - 1 / 0.25)) / 4;
        assertThat(r.gradients().get("tauPositive").data()[0]).isCloseTo(dTauPlus, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceWithThreeHeads(String engine) {
        Random r = new Random(13);
        int n = 6;
        int c = 3;
        int d = 4;
        double[] a = new double[n * c * d];
        double[] b = new double[n * c * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = r.nextGaussian();
            b[k] = r.nextGaussian();
        }
        double[] tp = new double[n * c];
        double[] tn = new double[n * n * c];
        for (int k = 0; k < tp.length; k++) {
            tp[k] = 0.1 + 1.8 * r.nextDouble();
        }
        for (int k = 0; k < tn.length; k++) {
            tn[k] = 0.1 + 1.8 * r.nextDouble();
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("view1Heads", HostArray.wrap(a, n, c, d));
        in.put("view2Heads", HostArray.wrap(b, n, c, d));
        in.put("tauPositive", HostArray.wrap(tp, n, c));
        in.put("tauNegative", HostArray.wrap(tn, n, n, c));
        double[] expected = reference(in, 0.3);
        var result = LossTesting.evaluate(engine, ID, Map.of("beta", 0.3), in, false);
        for (int i = 0; i < n; i++) {
            assertThat(result.perExample().data()[i]).as("anchor %d", i).isCloseTo(expected[i], within(1e-10));
        }
    }

    @Test
    void refusesBadTemperaturesAndShapesByName() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> zeroTau = new HashMap<>(workedExample());
        zeroTau.put("tauPositive", HostArray.wrap(new double[] {0.5, 0, 0.5, 0.5}, 4, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), zeroTau, false))
                .hasMessageContaining("tauPositive").hasMessageContaining("positive");
        Map<String, HostArray> wrongTau = new HashMap<>(workedExample());
        wrongTau.put("tauNegative", HostArray.wrap(new double[] {0.2, 0.2, 0.2, 0.2}, 4, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), wrongTau, false))
                .hasMessageContaining("tauNegative");
        Map<String, HostArray> wrongView = new HashMap<>(workedExample());
        wrongView.put("view2Heads", HostArray.wrap(new double[] {1, 0, 0, 1}, 2, 1, 2));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), wrongView, false))
                .hasMessageContaining("view2Heads");
    }
}
