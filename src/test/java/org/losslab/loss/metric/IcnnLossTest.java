package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** icnn: the 7-step nearest-neighbour separability score of LOSSES.md, L = −log score. */
class IcnnLossTest {
    private static final String ID = "icnn";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: {(0,0),(0,1),(1,0)} class 0 and {(3,3),(3,4),(4,3)} class 1, ipc = 3. */
    private static Map<String, HostArray> workedExample() {
        return Map.of("embeddings", HostArray.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {3, 3}, {3, 4}, {4, 3}}),
                "labels", HostArray.vector(0, 0, 0, 1, 1, 1));
    }

    /** The procedure written out with loops, row by row: {λ_same, λ_diff, γ, L}. */
    static double[] reference(double[][] x, int[] y, int k, int ipc) {
        int n = x.length;
        int requestedK = k;
        if (k + 2 >= n) {
            k = n - 2;
        }
        if (ipc == 0) {
            ipc = k + 1;
        }
        int keep = Math.min(k, ipc);
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = Math.sqrt(MetricReference.squaredDistance(x[i], x[j]) + 1e-6);
            }
        }
        double sameTotal = 0;
        int sameRows = 0;
        int sameNeighbours = 0;
        List<double[]> otherRowsDistances = new ArrayList<>();
        double globalMax = 0;
        for (int i = 0; i < n; i++) {
            int row = i;
            int[] nb = IntStream.range(0, n).filter(j -> j != row).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> d[row][j]).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).limit(ipc).toArray();
            double nearestOther = Double.POSITIVE_INFINITY;
            for (int j : nb) {
                if (y[j] != y[i]) {
                    nearestOther = Math.min(nearestOther, d[i][j]);
                }
            }
            double[] r = new double[keep];
            double rowMax = 1;
            for (int t = 0; t < keep; t++) {
                r[t] = d[i][nb[t]] / (nearestOther + 1e-7);
                rowMax = Math.max(rowMax, r[t]);
            }
            double sum = 0;
            int count = 0;
            List<Double> others = new ArrayList<>();
            for (int t = 0; t < keep; t++) {
                if (y[nb[t]] == y[i]) {
                    sum += r[t] / rowMax;
                    count++;
                } else {
                    others.add(d[i][nb[t]]);
                    globalMax = Math.max(globalMax, d[i][nb[t]]);
                }
            }
            sameTotal += sum / (count + 1e-7);
            sameRows += count > 0 ? 1 : 0;
            sameNeighbours += count;
            otherRowsDistances.add(others.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double lambdaSame = 1 - sameTotal / (sameRows + 1e-7);
        double otherTotal = 0;
        int otherRows = 0;
        for (double[] others : otherRowsDistances) {
            double sum = 0;
            for (double v : others) {
                sum += v / (globalMax + 1e-7);
            }
            otherTotal += sum / (others.length + 1e-7);
            otherRows += others.length > 0 ? 1 : 0;
        }
        double lambdaDiff = otherRows == 0 ? 1 : otherTotal / (otherRows + 1e-7);
        double gamma = requestedK + 2 >= n ? 1 : (double) sameNeighbours / requestedK / n;
        double score = ((lambdaSame + lambdaDiff) / 2 + gamma) / 2;
        return new double[] {lambdaSame, lambdaDiff, gamma, -Math.log(score)};
    }

    @Test
    void theLoopReferenceReproducesTheWorkedExampleParts() {
        var in = workedExample();
        double[] parts = reference(MetricReference.rows(in.get("embeddings")),
                MetricReference.ints(in.get("labels")), 4, 3);
        assertThat(parts).containsExactly(new double[] {0.708055, 0.924918, 1, 0.096243}, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reproducesTheWorkedExample(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of("ipc", 3), workedExample(), true);
        assertThat(r.loss()).isCloseTo(0.096243, within(1e-6));
        assertThat(r.perExample().shape()).containsExactly(1);
        assertThat(r.gradients().get("embeddings").allFinite()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesTheLoopReferenceOnRandomBatches(String engine) {
        Random random = new Random(7);
        HostArray x = MetricReference.gaussian(random, 12, 3);
        HostArray y = MetricReference.labels(random, 12, 3);
        Map<String, HostArray> in = Map.of("embeddings", x, "labels", y);
        int[][] settings = {{4, 0}, {4, 3}, {6, 9}, {2, 5}, {10, 0}};
        for (int[] s : settings) {
            double expected = reference(MetricReference.rows(x), MetricReference.ints(y), s[0], s[1])[3];
            var r = LossTesting.evaluate(engine, ID, Map.of("k", s[0], "ipc", s[1]), in, false);
            assertThat(r.loss()).as("k = %d, ipc = %d", s[0], s[1]).isCloseTo(expected, within(1e-10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void gradientThroughTheSelectedDistancesMatchesFiniteDifferences(String engine) {
        // a batch large enough for γ to be counted (k + 2 < n), unlike the catalogue-wide check's batch of 5
        Random random = new Random(13);
        Map<String, HostArray> in = new HashMap<>(Map.of("embeddings", MetricReference.gaussian(random, 9, 2),
                "labels", MetricReference.labels(random, 9, 3)));
        Map<String, ?> params = Map.of("k", 4, "ipc", 6);
        in.putAll(LossTesting.loss(ID, params).prepare(in));
        var r = LossTesting.evaluate(engine, ID, params, in, true);
        HostArray x = in.get("embeddings");
        double h = 1e-6;
        double[] numeric = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            numeric[i] = (shifted(engine, params, in, i, h) - shifted(engine, params, in, i, -h)) / (2 * h);
        }
        assertThat(GradientCheck.maxRelativeError(r.gradients().get("embeddings"), HostArray.wrap(numeric, x.shape())))
                .isLessThan(1e-6);
    }

    private static double shifted(String engine, Map<String, ?> params, Map<String, HostArray> in, int index,
            double delta) {
        double[] moved = in.get("embeddings").data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(in);
        copy.put("embeddings", HostArray.wrap(moved, in.get("embeddings").shape()));
        return LossTesting.evaluate(engine, ID, params, copy, false).loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void perfectlySeparatedTightClustersScoreNearOne(String engine) {
        // far-apart classes with every kept neighbour of the same class: λ_same → 1 − tiny, λ_diff = 1, γ = 1
        Map<String, HostArray> in = Map.of("embeddings", HostArray.matrix(new double[][] {
                {0, 0}, {0.01, 0}, {0, 0.01}, {100, 100}, {100.01, 100}, {100, 100.01}}),
                "labels", HostArray.vector(0, 0, 0, 1, 1, 1));
        var r = LossTesting.evaluate(engine, ID, Map.of("ipc", 2), in, false);
        assertThat(r.loss()).isCloseTo(0, within(1e-3));
    }

    @Test
    void refusesMoreNeighboursThanTheBatchHasByName() {
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of("ipc", 6),
                workedExample(), false)).hasMessageContaining("ipc").hasMessageContaining("5 other points");
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(),
                Map.of("embeddings", HostArray.matrix(new double[][] {{0, 0}, {1, 1}}), "labels",
                        HostArray.vector(0, 1)), false)).hasMessageContaining("embeddings").hasMessageContaining("n ≥ 3");
    }
}
