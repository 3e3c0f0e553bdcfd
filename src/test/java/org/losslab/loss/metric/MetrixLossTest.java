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
import org.losslab.loss.PrepareContext;
import org.losslab.param.ParamValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * metrix: the worked example of LOSSES.md (the mix distance and L_mix) on both engines, a naive loop reference with
 * given λ on random embeddings, and the Beta(α, α) draws of {@code prepare}.
 */
class MetrixLossTest {
    private static final String ID = "metrix";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** a = [1,0] and p = [.8,.6] of class 0, n = [0,1] of class 1, λ = .7 for every pair. */
    static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("embeddings", HostArray.matrix(new double[][] {{1, 0}, {0.8, 0.6}, {0, 1}}));
        in.put("labels", HostArray.vector(0, 0, 1));
        in.put(MetrixLoss.LAMBDA_INPUT, HostArray.matrix(new double[][] {{0.7, 0.7, 0.7}, {0.7, 0.7, 0.7}, {0.7, 0.7, 0.7}}));
        return in;
    }

    /** d(a, normalise(λp + (1−λ)n)) on unit vectors. */
    static double mixDistance(double[] a, double[] p, double[] n, double lambda) {
        double[] m = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            m[k] = lambda * p[k] + (1 - lambda) * n[k];
        }
        return MetricTesting.distance(a, MetricTesting.unit(m));
    }

    /** {L_clean, L_mix} by loops over ordered pairs, with the hardest negative found by nearest distance. */
    static double[] reference(Map<String, HostArray> in, double mPlus, double mMinus) {
        double[][] raw = MetricTesting.rows(in.get("embeddings"));
        double[][] e = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            e[i] = MetricTesting.unit(raw[i]);
        }
        double[] y = in.get("labels").data();
        double[][] lambda = MetricTesting.rows(in.get(MetrixLoss.LAMBDA_INPUT));
        int n = e.length;
        double clean = 0;
        double mix = 0;
        int mixCount = 0;
        for (int i = 0; i < n; i++) {
            int hardest = -1;
            for (int j = 0; j < n; j++) {
                if (y[j] != y[i] && (hardest < 0 || MetricTesting.distance(e[i], e[j]) < MetricTesting.distance(e[i], e[hardest]))) {
                    hardest = j;
                }
            }
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double d = MetricTesting.distance(e[i], e[j]);
                clean += y[i] == y[j] ? Math.max(d - mPlus, 0) : Math.max(mMinus - d, 0);
                if (y[i] == y[j] && hardest >= 0) {
                    double l = lambda[i][j];
                    double dm = mixDistance(e[i], e[j], e[hardest], l);
                    mix += l * Math.max(dm - mPlus, 0) + (1 - l) * Math.max(mMinus - dm, 0);
                    mixCount++;
                }
            }
        }
        return new double[] {clean / (n * (n - 1)), mixCount == 0 ? 0 : mix / mixCount};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        double[] a = {1, 0};
        double[] p = {0.8, 0.6};
        double[] n = {0, 1};
        double d = mixDistance(a, p, n, 0.7);
        assertThat(d).isCloseTo(0.878703, within(1e-6));
        double mixOfA = 0.7 * d + 0.3 * Math.max(0.5 - d, 0);
        assertThat(mixOfA).isCloseTo(0.615092, within(1e-6));
        // the batch has two positive pairs, (a,p) and (p,a); w = 1 minus w = 0 leaves the mean of their L_mix
        double mixOfP = 0.7 * mixDistance(p, a, n, 0.7) + 0.3 * Math.max(0.5 - mixDistance(p, a, n, 0.7), 0);
        double withMix = LossTesting.evaluate(engine, ID, Map.of("w", 1.0), workedExample(), false).loss();
        double clean = LossTesting.evaluate(engine, ID, Map.of("w", 0.0), workedExample(), false).loss();
        assertThat(withMix - clean).isCloseTo((0.615092 + mixOfP) / 2, within(1e-6));
        assertThat(clean).isCloseTo(2 * MetricTesting.distance(a, p) / 6, within(1e-12));
        double[] expected = reference(workedExample(), 0, 0.5);
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .isCloseTo(expected[0] + 0.4 * expected[1], within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceWithGivenLambdas(String engine) {
        Map<String, HostArray> in = MetricTesting.randomEmbeddings(41, 10, 3, 3);
        Random r = new Random(5);
        double[] lambda = new double[100];
        for (int k = 0; k < lambda.length; k++) {
            lambda[k] = r.nextDouble();
        }
        in.put(MetrixLoss.LAMBDA_INPUT, HostArray.wrap(lambda, 10, 10));
        double[] expected = reference(in, 0.1, 0.8);
        assertThat(expected[1]).isGreaterThan(0.05);
        var result = LossTesting.evaluate(engine, ID, Map.of("w", 0.3, "mPlus", 0.1, "mMinus", 0.8), in, false);
        assertThat(result.loss()).isCloseTo(expected[0] + 0.3 * expected[1], within(1e-10));
        assertThat(result.perExample().shape()).containsExactly(1);
    }

    @Test
    void lambdasAreBetaDrawsFromTheRunsSeededSource() {
        var loss = LossCatalog.get().byId(ID);
        ParamValues defaults = ParamValues.defaults(ID, loss.spec().params());
        Map<String, HostArray> in = new HashMap<>(MetricTesting.randomEmbeddings(2, 40, 3, 4));
        double[] first = loss.prepare(in, defaults, PrepareContext.standalone(9)).get(MetrixLoss.LAMBDA_INPUT).data();
        double[] again = loss.prepare(in, defaults, PrepareContext.standalone(9)).get(MetrixLoss.LAMBDA_INPUT).data();
        assertThat(again).containsExactly(first);
        double mean = 0;
        for (double l : first) {
            assertThat(l).isStrictlyBetween(0.0, 1.0);
            mean += l / first.length;
        }
        double variance = 0;
        for (double l : first) {
            variance += (l - mean) * (l - mean) / first.length;
        }
        // Beta(2,2): mean 1/2, variance 1/20; 1600 draws
        assertThat(mean).isCloseTo(0.5, within(0.02));
        assertThat(variance).isCloseTo(0.05, within(0.006));
        Random random = new Random(3);
        double smallShape = 0;
        for (int k = 0; k < 20000; k++) {
            smallShape += MetrixLoss.gamma(random, 0.5) / 20000;
        }
        assertThat(smallShape).as("Gamma(0.5) mean").isCloseTo(0.5, within(0.03));
    }

    @Test
    void theHardestNegativeIsTheNearestOne() {
        var loss = LossCatalog.get().byId(ID);
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("embeddings", HostArray.matrix(new double[][] {{1, 0}, {0.9, 0.1}, {0, 1}, {0.6, 0.8}, {-1, 0}}));
        in.put("labels", HostArray.vector(0, 0, 1, 1, 2));
        Map<String, HostArray> prepared = loss.prepare(in, ParamValues.defaults(ID, loss.spec().params()),
                PrepareContext.standalone(0));
        assertThat(prepared.get(MetrixLoss.NEGATIVE_INPUT).data()).containsExactly(3, 3, 1, 1, 2);
        assertThat(prepared.get(MetrixLoss.HAS_NEGATIVE_INPUT).data()).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void refusesMismatchedLabelsByName() {
        Map<String, HostArray> in = new HashMap<>(workedExample());
        in.put("labels", HostArray.vector(0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("labels");
    }
}
