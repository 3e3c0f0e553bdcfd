package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * groco: the worked example of LOSSES.md (the soft permutation X and L) on both engines, a naive loop reference on
 * random views, and the stop-gradient on partners.
 */
class GrocoLossTest {
    private static final String ID = "groco";
    private static final double[][] WORKED_X = {
        {0.424804, 0.391968, 0.183229},
        {0.352055, 0.347568, 0.300376},
        {0.223141, 0.260464, 0.516395}};

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** The odd–even network by loops: X [n][n] for one row x. */
    static double[][] softSort(double[] input, double s) {
        double[] x = input.clone();
        int n = x.length;
        double[][] perm = new double[n][n];
        for (int i = 0; i < n; i++) {
            perm[i][i] = 1;
        }
        for (int layer = 0; layer < n; layer++) {
            for (int j = layer % 2; j + 1 < n; j += 2) {
                double a = x[j];
                double b = x[j + 1];
                double alpha = Math.atan(s * (b - a)) / Math.PI + 0.5;
                x[j] = alpha * a + (1 - alpha) * b;
                x[j + 1] = (1 - alpha) * a + alpha * b;
                for (int i = 0; i < n; i++) {
                    double left = perm[i][j];
                    double right = perm[i][j + 1];
                    perm[i][j] = alpha * left + (1 - alpha) * right;
                    perm[i][j + 1] = (1 - alpha) * left + alpha * right;
                }
            }
        }
        return perm;
    }

    /** ½[BCE(P_pos, T_pos) + BCE(P_neg, T_neg)] for one anchor's x with k negatives first. */
    static double anchorLoss(double[] x, int k, double s) {
        double[][] perm = softSort(x, s);
        int n = x.length;
        double bcePos = 0;
        double bceNeg = 0;
        for (int i = 0; i < n; i++) {
            double pPos = 0;
            for (int j = k; j < n; j++) {
                pPos += perm[i][j];
            }
            double t = i >= k ? 1 : 0;
            double pNeg = 1 - pPos;
            bcePos -= (t * Math.log(pPos) + (1 - t) * Math.log(1 - pPos)) / n;
            bceNeg -= ((1 - t) * Math.log(pNeg) + t * Math.log(1 - pNeg)) / n;
        }
        return (bcePos + bceNeg) / 2;
    }

    /** Per anchor (view1 rows, then view2 rows) by loops: pick, sort, soft-sort, BCE. */
    static double[] reference(double[][] v1, double[][] v2, int k, double s) {
        int n = v1.length;
        double[] out = new double[2 * n];
        for (int a = 0; a < 2 * n; a++) {
            out[a] = anchorReference(v1, v2, a, (a < n ? v1 : v2)[a % n], k, s);
        }
        return out;
    }

    /** ℓ of anchor a with the anchor's own vector replaced by {@code anchor}; the partners keep their values. */
    static double anchorReference(double[][] v1, double[][] v2, int a, double[] anchor, int k, double s) {
        int n = v1.length;
        int used = Math.min(k, n - 1);
        double[][] view = a < n ? v1 : v2;
        double[][] other = a < n ? v2 : v1;
        int i = a % n;
        double[] negatives = new double[n - 1];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                negatives[m++] = MetricTesting.cosine(anchor, view[j]);
            }
        }
        Arrays.sort(negatives);
        double[] x = new double[used + 1];
        System.arraycopy(negatives, n - 1 - used, x, 0, used);
        x[used] = MetricTesting.cosine(anchor, other[i]);
        return anchorLoss(x, used, s);
    }

    /** Anchor 0: a = [1,0]; its negatives have cosines .6, .2, −.3 and its positive .5. */
    static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("view1", HostArray.matrix(new double[][] {{1, 0}, MetricTesting.atCosine(0.6), MetricTesting.atCosine(0.2),
            MetricTesting.atCosine(-0.3)}));
        in.put("view2", HostArray.matrix(new double[][] {MetricTesting.atCosine(0.5), {0.2, 0.9}, {-0.7, 0.1}, {0.4, -0.8}}));
        return in;
    }

    @Test
    void naiveNetworkReproducesTheWorkedPermutation() {
        double[][] perm = softSort(new double[] {0.2, 0.6, 0.5}, 1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(perm[i][j]).as("X[%d][%d]", i, j).isCloseTo(WORKED_X[i][j], within(1e-6));
            }
        }
        assertThat(anchorLoss(new double[] {0.2, 0.6, 0.5}, 2, 1)).isCloseTo(0.406831, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void engineNetworkReproducesTheWorkedPermutation(String id) {
        try (Engine engine = Engines.create(id, Precision.FLOAT64);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, params) ->
                        Map.of("X", GrocoLoss.softSortMatrix(ops, in.get("x"), 1.0)))) {
            HostArray x = HostArray.matrix(new double[][] {{0.2, 0.6, 0.5}});
            double[] perm = program.run(RunRequest.of(Map.of("x", x)).fetch("X"), none).output("X").data();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(perm[i * 3 + j]).as("X[%d][%d]", i, j).isCloseTo(WORKED_X[i][j], within(1e-6));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of("k", 2), workedExample(), false);
        assertThat(r.perExample().shape()).containsExactly(8);
        assertThat(r.perExample().data()[0]).isCloseTo(0.406831, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomViews(String engine) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        Map<String, HostArray> random = MetricTesting.randomEmbeddings(23, 7, 3, 2);
        in.put("view1", random.get("embeddings"));
        in.put("view2", MetricTesting.randomEmbeddings(24, 7, 3, 2).get("embeddings"));
        double[] expected = reference(MetricTesting.rows(in.get("view1")), MetricTesting.rows(in.get("view2")), 4, 2.5);
        var r = LossTesting.evaluate(engine, ID, Map.of("k", 4, "s", 2.5), in, false);
        for (int a = 0; a < expected.length; a++) {
            assertThat(r.perExample().data()[a]).as("anchor %d", a).isCloseTo(expected[a], within(1e-10));
        }
        // k beyond N − 1 uses every negative
        double[] all = reference(MetricTesting.rows(in.get("view1")), MetricTesting.rows(in.get("view2")), 6, 1);
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), in, false).perExample().data()[3]).isCloseTo(all[3], within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void onlyTheAnchorReceivesGradient(String engine) {
        // ∂L/∂(view1 row 1) must be (1/2N)·∂ℓ_1/∂anchor with every partner held: the terms where row 1 is
        // somebody's negative or positive contribute nothing
        Map<String, HostArray> in = workedExample();
        double[][] v1 = MetricTesting.rows(in.get("view1"));
        double[][] v2 = MetricTesting.rows(in.get("view2"));
        double[] grad = LossTesting.evaluate(engine, ID, Map.of("k", 2), in, true).gradients().get("view1").data();
        double h = 1e-6;
        for (int c = 0; c < 2; c++) {
            double[] plus = v1[1].clone();
            double[] minus = v1[1].clone();
            plus[c] += h;
            minus[c] -= h;
            double numeric = (anchorReference(v1, v2, 1, plus, 2, 1) - anchorReference(v1, v2, 1, minus, 2, 1)) / (2 * h) / 8;
            assertThat(grad[2 + c]).as("∂L/∂view1[1][%d]", c).isCloseTo(numeric, within(1e-8));
        }
    }

    @Test
    void refusesMismatchedViewsByName() {
        Map<String, HostArray> in = new LinkedHashMap<>(workedExample());
        in.put("view2", HostArray.matrix(new double[][] {{1, 0}, {0, 1}}));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("view2");
    }
}
