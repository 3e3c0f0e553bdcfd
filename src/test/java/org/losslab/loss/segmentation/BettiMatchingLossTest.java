package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossTesting;
import org.losslab.topology.BettiMatching;
import org.losslab.topology.Construction;
import org.losslab.topology.PersistenceInterval;
import org.losslab.topology.ScalarMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * betti-matching: the LOSSES.md example, a naive recomputation of L from the topology package's matching on random
 * batches whose images have different numbers of pairs, the gradient against the matching's own ∂L/∂P, the binary
 * special case, and refusals by name.
 */
class BettiMatchingLossTest {
    private static final String ID = "betti-matching";

    static List<String> engines() {
        return LossTesting.engines();
    }

    private static Map<String, HostArray> images(double[][][] prob, double[][][] target) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("prob", stack(prob));
        in.put("target", stack(target));
        return in;
    }

    private static HostArray stack(double[][][] images) {
        int n = images.length;
        int h = images[0].length;
        int w = images[0][0].length;
        double[] v = new double[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(images[i][r], 0, v, (i * h + r) * w, w);
            }
        }
        return HostArray.wrap(v, n, h, w);
    }

    /** LOSSES.md: matched (0.9, −∞) ↔ (1, −∞), unmatched (0.7, 0.2) → L = 2·0.1² + 0.5² = 0.27, both constructions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        double[][][] p = {{{.9, .2, .7}, {.1, .1, .1}, {.1, .1, .1}}};
        double[][][] g = {{{1, 0, 0}, {0, 0, 0}, {0, 0, 0}}};
        for (String construction : List.of("T", "V")) {
            LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of("construction", construction),
                    images(p, g), true);
            assertThat(r.loss()).as("construction %s", construction).isCloseTo(0.270000, within(1e-6));
            // ∂/∂P: 4(0.9 − 1) at the essential birth, ±2·0.5 at the birth (0.7) and death (0.2) of the extra bar
            assertThat(r.gradients().get("prob").data()).as("construction %s", construction)
                    .containsExactly(new double[] {-0.4, -1.0, 1.0, 0, 0, 0, 0, 0, 0}, within(1e-12));
        }
    }

    /** Seeded maps with many extrema (so images differ in their number of pairs) and random masks. */
    private static Map<String, HostArray> randomBatch(long seed, int n, int h, int w) {
        Random random = new Random(seed);
        double[] p = new double[n * h * w];
        double[] g = new double[n * h * w];
        for (int i = 0; i < n; i++) {
            double density = 0.2 + 0.6 * random.nextDouble();
            for (int k = 0; k < h * w; k++) {
                p[i * h * w + k] = 0.02 + 0.96 * random.nextDouble();
                g[i * h * w + k] = random.nextDouble() < density ? 1 : 0;
            }
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("prob", HostArray.wrap(p, n, h, w));
        in.put("target", HostArray.wrap(g, n, h, w));
        return in;
    }

    private static ScalarMap image(HostArray batch, int i, String name) {
        int h = batch.dim(1);
        int w = batch.dim(2);
        return ScalarMap.of(name, h, w, Arrays.copyOfRange(batch.data(), i * h * w, (i + 1) * h * w));
    }

    /** L written out from the intervals: matched 2((Δb)² + (Δd)²), unmatched of both maps (b − d)², essential d = 0. */
    private static double naiveLoss(BettiMatching.Result m) {
        double sum = 0;
        for (BettiMatching.MatchedPair pair : m.matched()) {
            PersistenceInterval p = pair.prediction();
            PersistenceInterval g = pair.target();
            double dp = p.isEssential() ? 0 : p.death();
            double dg = g.isEssential() ? 0 : g.death();
            sum += 2 * ((p.birth() - g.birth()) * (p.birth() - g.birth()) + (dp - dg) * (dp - dg));
        }
        for (List<PersistenceInterval> unmatched : List.of(m.unmatchedPrediction(), m.unmatchedTarget())) {
            for (PersistenceInterval i : unmatched) {
                double d = i.isEssential() ? 0 : i.death();
                sum += (i.birth() - d) * (i.birth() - d);
            }
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveRecomputationOnRandomBatchesWithDifferentPairCounts(String engine) {
        for (Construction construction : Construction.values()) {
            Map<String, HostArray> in = randomBatch(31 + construction.ordinal(), 5, 9, 11);
            int n = 5;
            double[] expected = new double[n];
            double[] expectedGradient = new double[in.get("prob").size()];
            int[] intervals = new int[n];
            for (int i = 0; i < n; i++) {
                BettiMatching.Result m = BettiMatching.match(image(in.get("prob"), i, "P"),
                        image(in.get("target"), i, "G"), construction);
                expected[i] = naiveLoss(m);
                intervals[i] = m.matched().size() + m.unmatchedPrediction().size() + m.unmatchedTarget().size();
                double[] g = m.predictionGradient();
                for (int k = 0; k < g.length; k++) {
                    expectedGradient[i * g.length + k] = g[k] / n;
                }
            }
            assertThat(Arrays.stream(intervals).distinct().count()).as("pair counts %s", Arrays.toString(intervals))
                    .isGreaterThan(1);
            LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of("construction", construction.name()),
                    in, true);
            assertThat(r.perExample().data()).as("%s", construction).containsExactly(expected, within(1e-12));
            assertThat(r.loss()).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-12));
            assertThat(r.gradients().get("prob").data()).as("%s gradient", construction)
                    .containsExactly(expectedGradient, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void onBinaryMapsTheLossCountsTheUnmatchedFeatures(String engine) {
        // P: two separate blobs (β0 = 2) and a ring around one pixel (β1 = 1); G: one blob, no hole.
        double[][][] p = {{
            {1, 1, 0, 0, 0, 0},
            {1, 1, 0, 1, 1, 1},
            {0, 0, 0, 1, 0, 1},
            {0, 0, 0, 1, 1, 1},
            {0, 0, 0, 0, 0, 0}}};
        double[][][] g = {{
            {1, 1, 0, 0, 0, 0},
            {1, 1, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0}}};
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), images(p, g), false);
        assertThat(r.loss()).isCloseTo(2.0, within(1e-12));
        // a perfect prediction costs nothing
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), images(g, g), false).loss()).isCloseTo(0, within(1e-15));
    }

    @Test
    void theConstructionsDifferOnDiagonalNeighbours() {
        // Two pixels touching at a corner: one component under T (8-connected), two under V (4-connected).
        double[][][] p = {{{.9, .1, .1}, {.1, .8, .1}, {.1, .1, .1}}};
        double[][][] g = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 0}}};
        String engine = engines().get(0);
        double t = LossTesting.evaluate(engine, ID, Map.of("construction", "T"), images(p, g), false).loss();
        double v = LossTesting.evaluate(engine, ID, Map.of("construction", "V"), images(p, g), false).loss();
        assertThat(t).isCloseTo(BettiMatching.match(image(stack(p), 0, "P"), image(stack(g), 0, "G"),
                Construction.T).loss(), within(1e-12));
        assertThat(v).isCloseTo(BettiMatching.match(image(stack(p), 0, "P"), image(stack(g), 0, "G"),
                Construction.V).loss(), within(1e-12));
        assertThat(t).isNotCloseTo(v, within(1e-3));
    }

    @Test
    void refusesBadInputsByName() {
        String engine = engines().get(0);
        Map<String, HostArray> soft = randomBatch(3, 2, 4, 5);
        double[] t = soft.get("target").data().clone();
        t[7] = 0.5;
        soft.put("target", HostArray.wrap(t, 2, 4, 5));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), soft, false))
                .hasMessageContaining("target").hasMessageContaining("0/1");

        Map<String, HostArray> shapes = randomBatch(3, 2, 4, 5);
        shapes.put("target", HostArray.zeros(2, 5, 4));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), shapes, false))
                .hasMessageContaining("target").hasMessageContaining("shape");

        Map<String, HostArray> flat = new HashMap<>();
        flat.put("prob", HostArray.zeros(2, 20));
        flat.put("target", HostArray.zeros(2, 20));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), flat, false))
                .hasMessageContaining("prob").hasMessageContaining("[N,H,W]");

        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of("construction", "X"), randomBatch(3, 2, 4, 5),
                false)).hasMessageContaining("construction");
    }

    @Test
    void refusesAPairingPreparedForAnotherBatch() {
        Map<String, HostArray> in = new HashMap<>(randomBatch(5, 3, 4, 5));
        Map<String, HostArray> stale = LossTesting.loss(ID, Map.of()).prepare(randomBatch(5, 2, 4, 5));
        in.putAll(stale);
        assertThatThrownBy(() -> LossTesting.evaluate(engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("prepared pairing");
    }

    @Test
    void pairingTimeIsMeasuredAndScalesWithThePixelCount() {
        double per64 = BettiMatchingLoss.measuredPrepareMillisPer64x64();
        assertThat(per64).isPositive().isFinite();
        assertThat(BettiMatchingLoss.estimatedPrepareMillis(4, 128, 128)).isCloseTo(16 * per64, within(1e-9));
        assertThatThrownBy(() -> BettiMatchingLoss.estimatedPrepareMillis(1, 0, 64)).hasMessageContaining("size");
    }
}
