package org.losslab.loss.hyperbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossTesting;
import org.losslab.loss.WeightedLoss;
import org.losslab.param.ParamValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hyp-pc on both engines, in double precision: the worked example of LOSSES.md (atan and artanh), a naive reference
 * with mixed labels, the Hyp-OC total hyp-ce + hyp-pc, and refusal of bad inputs by name.
 */
class HyperbolicPairwiseConfusionTest {
    private static final String ID = "hyp-pc";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** u = [.5,0], v = [0,.5], both real. */
    static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("points", HostArray.matrix(new double[][] {{0.5, 0}, {0, 0.5}}));
        in.put("labels", HostArray.vector(0, 0));
        return in;
    }

    /** L_PC by loops over the real rows in order, paired first half with second half. */
    static double reference(Map<String, HostArray> in, double c, int realClass, boolean artanh) {
        double[][] x = HyperbolicCrossEntropyTest.rows(in.get("points"));
        List<double[]> real = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (in.get("labels").data()[i] == realClass) {
                real.add(x[i]);
            }
        }
        HostPoincareBall ball = new HostPoincareBall(c);
        int pairs = real.size() / 2;
        double sum = 0;
        for (int p = 0; p < pairs; p++) {
            double[] u = real.get(p);
            double[] w = ball.mobiusAdd(new double[] {-u[0], -u[1]}, real.get(p + pairs));
            double r = Math.sqrt(c) * Math.sqrt(HostPoincareBall.dot(w, w));
            double angle = artanh ? 0.5 * Math.log((1 + r) / (1 - r)) : Math.atan(r);
            sum += 2 / Math.sqrt(c) * angle;
        }
        return real.isEmpty() ? 0 : sum / real.size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        double[] w = new HostPoincareBall(0.1).mobiusAdd(new double[] {-0.5, 0}, new double[] {0, 0.5});
        assertThat(Math.sqrt(HostPoincareBall.dot(w, w))).isCloseTo(0.706879, within(1e-6));
        var r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), true);
        assertThat(r.loss()).isCloseTo(0.695446, within(1e-6));
        assertThat(r.perExample().data()).containsExactly(new double[] {0.695446, 0.695446}, within(1e-6));
        assertThat(2 * LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .as("atan distance").isCloseTo(1.390892, within(1e-6));
        assertThat(2 * LossTesting.evaluate(engine, ID, Map.of("distance", "artanh"), workedExample(), false).loss())
                .as("artanh distance").isCloseTo(1.438037, within(1e-6));
    }

    static Map<String, HostArray> random(long seed, int n, int classes, double c) {
        Random r = new Random(seed);
        HostPoincareBall ball = new HostPoincareBall(c);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ball.expmap0(new double[] {1.5 * r.nextGaussian(), 1.5 * r.nextGaussian()});
            y[i] = r.nextInt(classes);
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("points", HostArray.matrix(x));
        in.put("labels", HostArray.vector(y));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceWithMixedLabels(String engine) {
        Map<String, HostArray> in = random(8, 15, 3, 0.5);
        double[] labels = new double[15];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * i + i / 4) % 3; // 6, 5 and 4 rows: even and odd real counts, interleaved
        }
        in.put("labels", HostArray.vector(labels));
        for (String distance : List.of("atan", "artanh")) {
            for (int realClass = 0; realClass < 3; realClass++) {
                double expected = reference(in, 0.5, realClass, distance.equals("artanh"));
                assertThat(expected).isGreaterThan(0.1);
                assertThat(LossTesting.evaluate(engine, ID, Map.of("c", 0.5, "realClass", realClass, "distance", distance),
                        in, false).loss()).as("%s, real class %d", distance, realClass).isCloseTo(expected, within(1e-10));
            }
        }
    }

    @Test
    void anOddRealRowIsLeftOutAndNoRealRowsGiveZero() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("points", HostArray.matrix(new double[][] {{0.5, 0}, {0.9, 0.9}, {0, 0.5}, {-1, 0.3}}));
        in.put("labels", HostArray.vector(0, 1, 0, 0));
        // real rows 0, 2, 3: the pair (0, 2); row 3 unpaired; divided by B_real = 3
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), in, false).loss()).isCloseTo(1.390892 / 3, within(1e-6));
        var none = LossTesting.evaluate(engine, ID, Map.of("realClass", 2), in, true);
        assertThat(none.loss()).isEqualTo(0.0);
        for (double g : none.gradients().get("points").data()) {
            assertThat(Math.abs(g)).isLessThan(1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hypOcTotalIsCrossEntropyPlusPairwiseConfusion(String engine) {
        Map<String, HostArray> in = new HashMap<>(HyperbolicCrossEntropyTest.random(4, 10, 2, 2, 0.1));
        var ce = LossCatalog.get().byId("hyp-ce");
        var pc = LossCatalog.get().byId(ID);
        WeightedLoss total = new WeightedLoss(List.of(
                new WeightedLoss.Term(ce, 1.0, ParamValues.defaults("hyp-ce", ce.spec().params())),
                new WeightedLoss.Term(pc, 1.0, ParamValues.defaults(ID, pc.spec().params()))));
        double expected = java.util.Arrays.stream(HyperbolicCrossEntropyTest.reference(in, 0.1)).average().orElseThrow()
                + reference(in, 0.1, 0, false);
        assertThat(LossEvaluation.evaluate(engine, total, in, false).loss()).isCloseTo(expected, within(1e-10));
    }

    @Test
    void refusesBadInputsByName() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> outside = new HashMap<>(workedExample());
        outside.put("points", HostArray.matrix(new double[][] {{3.0, 1.2}, {0, 0.5}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), outside, false))
                .hasMessageContaining("points").hasMessageContaining("outside");
        Map<String, HostArray> labels = new HashMap<>(workedExample());
        labels.put("labels", HostArray.vector(0, 0, 0));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), labels, false)).hasMessageContaining("labels");
    }
}
