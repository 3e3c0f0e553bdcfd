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

/** triplet-margin: Euclidean triplet hinge with batch-all and batch-hard mining (LOSSES.md has no example). */
class TripletMarginLossTest {
    private static final String ID = "triplet-margin";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /**
     * 1-D points a=0, b=0.3 (class 0) and c=0.4, e=1 (class 1), m = 0.2. Triplets with ℓ &gt; 0:
     * (a,b,c) 0.3−0.4+0.2 = 0.1; (b,a,c) 0.3−0.1+0.2 = 0.4; (c,e,b) 0.6−0.1+0.2 = 0.7; (c,e,a) 0.6−0.4+0.2 = 0.4;
     * (e,c,b) 0.6−0.7+0.2 = 0.1; (a,b,e), (b,a,e), (e,c,a) are ≤ 0. Batch-all: 1.7/5 = 0.34.
     * Batch-hard per anchor: a 0.1, b 0.4, c 0.7, e 0.1 → mean 0.325.
     */
    private static Map<String, HostArray> lineOfFour() {
        return Map.of("embeddings", HostArray.wrap(new double[] {0, 0.3, 0.4, 1}, 4, 1),
                "labels", HostArray.vector(0, 0, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void handComputedLineOfFourPoints(String engine) {
        var all = LossTesting.evaluate(engine, ID, Map.of(), lineOfFour(), false);
        assertThat(all.loss()).isCloseTo(0.34, within(1e-9));
        assertThat(all.perExample().shape()).containsExactly(1);
        var hard = LossTesting.evaluate(engine, ID, Map.of("mining", "batchHard"), lineOfFour(), false);
        assertThat(hard.perExample().data()).containsExactly(new double[] {0.1, 0.4, 0.7, 0.1}, within(1e-9));
        assertThat(hard.loss()).isCloseTo(0.325, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsOnARandomBatch(String engine) {
        Random random = new Random(17);
        HostArray x = MetricReference.gaussian(random, 9, 4);
        HostArray y = MetricReference.labels(random, 9, 3);
        Map<String, HostArray> in = Map.of("embeddings", x, "labels", y);
        double margin = 1.5;
        double[][] e = MetricReference.rows(x);
        int[] labels = MetricReference.ints(y);
        int n = e.length;
        double total = 0;
        int active = 0;
        double[] hard = new double[n];
        for (int a = 0; a < n; a++) {
            double farthest = Double.NEGATIVE_INFINITY;
            double nearest = Double.POSITIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                farthest = Math.max(farthest, distance(e[a], e[p]));
                for (int q = 0; q < n; q++) {
                    if (labels[q] == labels[a]) {
                        continue;
                    }
                    nearest = Math.min(nearest, distance(e[a], e[q]));
                    double l = distance(e[a], e[p]) - distance(e[a], e[q]) + margin;
                    if (l > 0) {
                        total += l;
                        active++;
                    }
                }
            }
            hard[a] = Double.isInfinite(farthest) || Double.isInfinite(nearest) ? 0
                    : Math.max(0, farthest - nearest + margin);
        }
        assertThat(active).as("the draw has active triplets").isGreaterThan(5);
        var all = LossTesting.evaluate(engine, ID, Map.of("m", margin), in, false);
        assertThat(all.loss()).isCloseTo(total / active, within(1e-10));
        var batchHard = LossTesting.evaluate(engine, ID, Map.of("m", margin, "mining", "batchHard"), in, false);
        assertThat(batchHard.perExample().data()).containsExactly(hard, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void isZeroWhenEveryTripletKeepsTheMarginAndUnchangedByTranslation(String engine) {
        Map<String, HostArray> separated = Map.of("embeddings", HostArray.matrix(new double[][] {
                {0, 0}, {0.1, 0}, {5, 5}, {5, 5.1}}), "labels", HostArray.vector(0, 0, 1, 1));
        for (String mining : List.of("batchAll", "batchHard")) {
            var r = LossTesting.evaluate(engine, ID, Map.of("mining", mining), separated, true);
            assertThat(r.loss()).as(mining).isZero();
            assertThat(r.gradients().get("embeddings").data()).as(mining).containsOnly(0.0);
        }
        Random random = new Random(3);
        HostArray x = MetricReference.gaussian(random, 8, 3);
        HostArray y = MetricReference.labels(random, 8, 2);
        for (String mining : List.of("batchAll", "batchHard")) {
            double before = LossTesting.evaluate(engine, ID, Map.of("mining", mining, "m", 1.0),
                    Map.of("embeddings", x, "labels", y), false).loss();
            double after = LossTesting.evaluate(engine, ID, Map.of("mining", mining, "m", 1.0),
                    Map.of("embeddings", MetricReference.translated(x, 3, -2, 0.5), "labels", y), false).loss();
            assertThat(after).as(mining).isCloseTo(before, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void batchHardSendsTheGradientOnlyToTheSelectedDistances(String engine) {
        // The line of four, batch-hard: anchor a takes (b − a) − (c − a), b takes (b − a) − (c − b),
        // c takes (e − c) − (c − b), e takes (e − c) − (e − b); summed and divided by 4 the slopes are
        // [−1, 5, −5, 1]/4. Any gradient leaking to an unselected distance would change them.
        var r = LossTesting.evaluate(engine, ID, Map.of("mining", "batchHard"), lineOfFour(), true);
        assertThat(r.gradients().get("embeddings").data())
                .containsExactly(new double[] {-0.25, 1.25, -1.25, 0.25}, within(1e-9));
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(MetricReference.squaredDistance(a, b) + 1e-12);
    }
}
