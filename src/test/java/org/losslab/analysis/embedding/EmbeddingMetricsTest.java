package org.losslab.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingMetricsTest {
    private static final EmbeddingMetrics.Distance EUCLIDEAN = EmbeddingMetrics.Distance.EUCLIDEAN;
    private static final EmbeddingMetrics.Distance COSINE = EmbeddingMetrics.Distance.COSINE;

    /** Two tight pairs far apart: each point's nearest neighbour has its label. */
    private static final double[][] PERFECT = {{0, 0}, {0.1, 0}, {10, 10}, {10, 10.1}};
    private static final int[] PERFECT_LABELS = {0, 0, 1, 1};

    @Test
    void recallAndKnnOfAPerfectEmbeddingAreOne() {
        assertThat(EmbeddingMetrics.recallAtK(PERFECT, PERFECT_LABELS, 1, EUCLIDEAN)).isEqualTo(1.0);
        assertThat(EmbeddingMetrics.knnAccuracy(PERFECT, PERFECT_LABELS, 1, EUCLIDEAN)).isEqualTo(1.0);
    }

    @Test
    void recallAtKCountsAHitAnywhereInTheKNearest() {
        // On a line: 0 (a), 1 (b), 3 (a), 7 (b). Nearest others: 0→1 (b), 1→0 (a), 3→1 (b), 7→3 (a).
        double[][] x = {{0}, {1}, {3}, {7}};
        int[] labels = {0, 1, 0, 1};
        assertThat(EmbeddingMetrics.recallAtK(x, labels, 1, EUCLIDEAN)).isEqualTo(0.0);
        // Two nearest: 0→{1,3} hit, 1→{0,3} miss, 3→{1,0} hit, 7→{3,1} hit.
        assertThat(EmbeddingMetrics.recallAtK(x, labels, 2, EUCLIDEAN)).isEqualTo(0.75);
    }

    @Test
    void cosineRanksByDirectionOnly() {
        // Points 0 and 1 are near in Euclidean distance but point opposite ways; each has a far, parallel partner.
        double[][] x = {{1, 0}, {-0.5, 0.1}, {100, 1}, {-100, 30}};
        int[] labels = {0, 1, 0, 1};
        assertThat(EmbeddingMetrics.recallAtK(x, labels, 1, COSINE)).isEqualTo(1.0);
        // Euclidean: 0 and 1 find each other (misses); 2 finds 0 and 3 finds 1 (hits).
        assertThat(EmbeddingMetrics.recallAtK(x, labels, 1, EUCLIDEAN)).isEqualTo(0.5);
    }

    @Test
    void knnVotesByMajorityAndBreaksTiesByTheNearest() {
        // Query 0 at 0: neighbours 1 (b) at 1, 2 (a) at 2, 3 (a) at 3 → 3-NN votes a:2 b:1 → a, correct.
        double[][] x = {{0}, {1}, {2}, {3}};
        int[] labels = {0, 1, 0, 0};
        // 1: {0 a, 2 a, 3 a} → a ≠ b; 2: {1 b, 3 a, 0 a} → a ✓; 3: {2 a, 1 b, 0 a} → a ✓.
        assertThat(EmbeddingMetrics.knnAccuracy(x, labels, 3, EUCLIDEAN)).isEqualTo(0.75);
        // 2-NN tie for point 0: {1 b, 2 a} → b (nearer), wrong; point 2: {1 b, 3 a}, equal distance, 1 first → b.
        assertThat(EmbeddingMetrics.knnAccuracy(x, labels, 2, EUCLIDEAN)).isEqualTo(0.25);
    }

    @Test
    void nmiOfIdenticalPartitionsIsOneAndOfIndependentOnesNearZero() {
        int[] a = {0, 0, 1, 1, 2, 2};
        assertThat(EmbeddingMetrics.nmi(a, a)).isCloseTo(1, within(1e-15));
        assertThat(EmbeddingMetrics.nmi(a, new int[] {2, 2, 0, 0, 1, 1})).isCloseTo(1, within(1e-15));
        // Exactly independent: each of a's blocks splits evenly over b's.
        assertThat(EmbeddingMetrics.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(0, within(1e-15));
        Random random = new Random(1);
        int[] x = new int[20000];
        int[] y = new int[20000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(5);
            y[i] = random.nextInt(5);
        }
        assertThat(EmbeddingMetrics.nmi(x, y)).isLessThan(0.002);
        // Hand-computed: a = {0,0,1,1}, b = {0,0,0,1}: H(a) = ln 2, H(b) = −(¾ ln ¾ + ¼ ln ¼),
        // I = ½ ln 2 + ¼ ln(4/3) + ¼ ln 2 ... = H(b) − H(b|a) with H(b|a) = ½ ln 2.
        double hb = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        double expected = (hb - 0.5 * Math.log(2)) / ((Math.log(2) + hb) / 2);
        assertThat(EmbeddingMetrics.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}))
                .isCloseTo(expected, within(1e-15));
    }

    @Test
    void kMeansFindsWellSeparatedClusters() {
        EmbeddingBenchmark.LabelledPoints data = EmbeddingBenchmark.gaussianClusters(300, 10, 4, 6, 5);
        assertThat(EmbeddingMetrics.kMeansNmi(data.points(), data.labels(), 7)).isCloseTo(1, within(1e-12));
        int[] clusters = EmbeddingMetrics.kMeans(data.points(), 4, 7, 100);
        assertThat(java.util.Arrays.stream(clusters).distinct().count()).isEqualTo(4);
        assertThat(EmbeddingMetrics.kMeans(data.points(), 4, 7, 100)).containsExactly(clusters);
    }

    @Test
    void linearProbeSeparatesLinearlySeparableClassesAndNotNoise() {
        EmbeddingBenchmark.LabelledPoints train = EmbeddingBenchmark.gaussianClusters(300, 8, 3, 2, 9);
        // Same centres (same seed for the centres is not shared), so test on a held-out part of one sample.
        EmbeddingBenchmark.LabelledPoints all = EmbeddingBenchmark.gaussianClusters(600, 8, 3, 2, 9);
        double[][] trainX = java.util.Arrays.copyOfRange(all.points(), 0, 400);
        int[] trainY = java.util.Arrays.copyOfRange(all.labels(), 0, 400);
        double[][] testX = java.util.Arrays.copyOfRange(all.points(), 400, 600);
        int[] testY = java.util.Arrays.copyOfRange(all.labels(), 400, 600);
        assertThat(EmbeddingMetrics.linearProbeAccuracy(trainX, trainY, testX, testY, 300)).isGreaterThan(0.95);
        // Labels unrelated to the features: a probe can do no better than chance (1/3) on held-out points.
        Random random = new Random(2);
        int[] noiseTrain = new int[400];
        int[] noiseTest = new int[200];
        for (int i = 0; i < 400; i++) {
            noiseTrain[i] = random.nextInt(3);
        }
        for (int i = 0; i < 200; i++) {
            noiseTest[i] = random.nextInt(3);
        }
        assertThat(EmbeddingMetrics.linearProbeAccuracy(trainX, noiseTrain, testX, noiseTest, 300)).isBetween(0.2, 0.47);
        assertThat(train.points()).hasNumberOfRows(300);
    }

    @Test
    void uniformityAlignmentAndToleranceOfHandMadePoints() {
        // Unit vectors at 0°, 90°, 180° (given at other lengths: only the direction counts):
        // squared distances 2, 2, 4 → log((e⁻⁴ + e⁻⁴ + e⁻⁸) / 3).
        double[][] z = {{3, 0}, {0, 0.5}, {-2, 0}};
        assertThat(EmbeddingMetrics.uniformity(z))
                .isCloseTo(Math.log((2 * Math.exp(-4) + Math.exp(-8)) / 3), within(1e-15));
        // Identical directions: every pair at distance 0 → log 1 = 0, the least uniform.
        assertThat(EmbeddingMetrics.uniformity(new double[][] {{1, 1}, {2, 2}, {5, 5}})).isCloseTo(0, within(1e-15));

        // Pairs (0°, 0°) and (0°, 90°): ‖·‖² = 0 and 2 → mean 1.
        assertThat(EmbeddingMetrics.alignment(new double[][] {{1, 0}, {2, 0}}, new double[][] {{5, 0}, {0, 3}}))
                .isCloseTo(1, within(1e-15));

        // Class 0: 0° and 60° (cos ½); class 1: 90°, 90°, 270° (cos 1, −1, −1) → mean of ½, 1, −1, −1 = −0.125.
        double[][] t = {{1, 0}, {0.5, Math.sqrt(3) / 2}, {0, 1}, {0, 2}, {0, -1}};
        int[] labels = {0, 0, 1, 1, 1};
        assertThat(EmbeddingMetrics.tolerance(t, labels)).isCloseTo(-0.125, within(1e-15));
    }

    @Test
    void negativeHardnessHistogramsCrossClassSimilarities() {
        // Cross-class pairs: (0°, 90°) cos 0, (0°, 180°) cos −1, (45°, 90°) cos √½, (45°, 180°) cos −√½.
        double[][] z = {{1, 0}, {1, 1}, {0, 1}, {-1, 0}};
        int[] labels = {0, 0, 1, 1};
        EmbeddingMetrics.Histogram h = EmbeddingMetrics.negativeHardness(z, labels, 4);
        assertThat(h.total()).isEqualTo(4);
        // Bins [−1, −½), [−½, 0), [0, ½), [½, 1]: −1 and −0.707 in the first, 0 in the third, 0.707 in the last.
        assertThat(h.counts()).containsExactly(2, 0, 1, 1);
        assertThat(h.mean()).isCloseTo(-0.25, within(1e-15));
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> EmbeddingMetrics.recallAtK(PERFECT, new int[] {0, 1}, 1, EUCLIDEAN))
                .hasMessageContaining("labels holds 2 labels for 4 rows");
        assertThatThrownBy(() -> EmbeddingMetrics.knnAccuracy(PERFECT, PERFECT_LABELS, 4, EUCLIDEAN))
                .hasMessageContaining("k must be in 1..3");
        assertThatThrownBy(() -> EmbeddingMetrics.uniformity(new double[][] {{1, 0}, {0, 0}}))
                .hasMessageContaining("row 1 is the zero vector");
        assertThatThrownBy(() -> EmbeddingMetrics.nmi(new int[] {0, -1}, new int[] {0, 0}))
                .hasMessageContaining("a[1] is negative");
    }
}
