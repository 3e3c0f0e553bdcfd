package org.losslab.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TsneTest {

    /** Five Gaussian clusters in 20-D: centres ~N(0, 4²) per coordinate, unit noise, so ~25 σ apart. */
    private static EmbeddingBenchmark.LabelledPoints fiveClusters(int points) {
        return EmbeddingBenchmark.gaussianClusters(points, 20, 5, 4, 11);
    }

    private static double[][] rows(EmbeddingFrame frame) {
        double[][] r = new double[frame.size()][frame.dims()];
        for (int i = 0; i < frame.size(); i++) {
            for (int a = 0; a < frame.dims(); a++) {
                r[i][a] = frame.coordinate(i, a);
            }
        }
        return r;
    }

    @Test
    void exactMapOfWellSeparatedClustersKeepsThemAndTheObjectiveFalls() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(500);
        Tsne tsne = Tsne.coldStart(data.points(), Tsne.Settings.defaults());
        assertThat(tsne.barnesHut()).isFalse();
        assertThat(tsne.learningRate()).isEqualTo(50.0);
        tsne.step(10);
        double klAfter10 = tsne.klDivergence();
        tsne.step(290);
        double klAfter300 = tsne.klDivergence();
        double accuracy = EmbeddingMetrics.knnAccuracy(rows(tsne.frame()), data.labels(), 5,
                EmbeddingMetrics.Distance.EUCLIDEAN);

        assertThat(tsne.iterations()).isEqualTo(300);
        assertThat(klAfter300).isLessThan(klAfter10 * 0.6);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void barnesHutMapOfWellSeparatedClustersKeepsThem() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(1500);
        Tsne tsne = Tsne.coldStart(data.points(), Tsne.Settings.defaults());
        assertThat(tsne.barnesHut()).isTrue();
        tsne.step(10);
        double klAfter10 = tsne.klDivergence();
        tsne.step(290);
        double accuracy = EmbeddingMetrics.knnAccuracy(rows(tsne.frame()), data.labels(), 5,
                EmbeddingMetrics.Distance.EUCLIDEAN);

        assertThat(tsne.klDivergence()).isLessThan(klAfter10);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void barnesHutGradientIsCloseToTheExactOne() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(300);
        // Exact limit 0: a Barnes-Hut instance (sparse P) whose gradient can also be computed exactly.
        Tsne.Settings settings = Tsne.Settings.defaults().withExactLimit(0);
        java.util.Random random = new java.util.Random(3);
        double[] spread = new double[600];
        for (int c = 0; c < spread.length; c++) {
            spread[c] = 10 * random.nextGaussian();
        }
        Tsne scattered = Tsne.warmStart(data.points(), new EmbeddingFrame(spread, 2), settings);
        assertThat(scattered.barnesHut()).isTrue();
        assertThat(relativeError(scattered.gradient(true), scattered.gradient(false))).isLessThan(0.03);

        // Near convergence attraction and repulsion almost cancel, so the approximated half is compared on its own.
        Tsne converged = Tsne.coldStart(data.points(), settings);
        converged.step(300);
        assertThat(relativeError(converged.repulsiveForce(true), converged.repulsiveForce(false))).isLessThan(0.03);
        Tsne fine = Tsne.warmStart(data.points(), converged.frame(), settings.withTheta(0.01));
        assertThat(relativeError(fine.gradient(true), fine.gradient(false))).isLessThan(1e-4);
    }

    private static double relativeError(double[] approximate, double[] exact) {
        double diff = 0;
        double norm = 0;
        for (int c = 0; c < exact.length; c++) {
            diff += (exact[c] - approximate[c]) * (exact[c] - approximate[c]);
            norm += exact[c] * exact[c];
        }
        assertThat(norm).isGreaterThan(0);
        return Math.sqrt(diff / norm);
    }

    @Test
    void exactGradientMatchesFiniteDifferencesOfTheObjective() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(60);
        Tsne tsne = Tsne.coldStart(data.points(), Tsne.Settings.defaults().withPerplexity(10));
        tsne.step(100);
        double[] gradient = tsne.gradient(false);
        EmbeddingFrame frame = tsne.frame();
        double h = 1e-6;
        for (int c : new int[] {0, 7, 33, 118}) {
            double[] plus = frame.coordinates();
            double[] minus = frame.coordinates();
            plus[c] += h;
            minus[c] -= h;
            double numeric = (klAt(data.points(), plus) - klAt(data.points(), minus)) / (2 * h);
            assertThat(gradient[c]).as("coordinate %d", c).isCloseTo(numeric,
                    org.assertj.core.api.Assertions.within(1e-6 + 1e-4 * Math.abs(numeric)));
        }
    }

    private static double klAt(double[][] points, double[] layout) {
        Tsne t = Tsne.warmStart(points, new EmbeddingFrame(layout, 2), Tsne.Settings.defaults().withPerplexity(10));
        return t.klDivergence();
    }

    @Test
    void warmStartFromSlightlyMovedDataStaysCloseToThePreviousFrame() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(500);
        Tsne tsne = Tsne.coldStart(data.points(), Tsne.Settings.defaults());
        tsne.step(500);
        EmbeddingFrame first = tsne.frame();

        EmbeddingFrame second = tsne.next(EmbeddingBenchmark.drift(data.points(), 0.05, 5), 50);

        double relative = second.meanDisplacement(first) / first.spread();
        assertThat(relative).isLessThan(0.05);
        assertThat(relative).isGreaterThan(0);
        assertThat(EmbeddingMetrics.knnAccuracy(rows(second), data.labels(), 5, EmbeddingMetrics.Distance.EUCLIDEAN))
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void warmStartPlacesNewPointsNextToTheirNeighbours() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(400);
        double[][] first = java.util.Arrays.copyOf(data.points(), 300);
        Tsne tsne = Tsne.coldStart(first, Tsne.Settings.defaults());
        tsne.step(400);

        EmbeddingFrame grown = tsne.next(data.points(), 50);

        assertThat(grown.size()).isEqualTo(400);
        assertThat(EmbeddingMetrics.knnAccuracy(rows(grown), data.labels(), 5, EmbeddingMetrics.Distance.EUCLIDEAN))
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void threeDimensionalMapsWorkExactAndBarnesHut() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(300);
        for (int limit : new int[] {1000, 0}) {
            Tsne tsne = Tsne.coldStart(data.points(), Tsne.Settings.defaults().withDims(3).withExactLimit(limit));
            tsne.step(300);
            assertThat(tsne.frame().dims()).isEqualTo(3);
            assertThat(EmbeddingMetrics.knnAccuracy(rows(tsne.frame()), data.labels(), 5,
                    EmbeddingMetrics.Distance.EUCLIDEAN)).as("exact limit %d", limit).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void perplexityIsClampedForFewPointsAndBadInputIsRefused() {
        EmbeddingBenchmark.LabelledPoints data = fiveClusters(31);
        assertThat(Tsne.coldStart(data.points(), Tsne.Settings.defaults()).effectivePerplexity()).isEqualTo(10.0);
        assertThatThrownBy(() -> Tsne.coldStart(new double[3][4], Tsne.Settings.defaults()))
                .hasMessageContaining("at least 4 points");
        assertThatThrownBy(() -> Tsne.coldStart(new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}}, Tsne.Settings.defaults()))
                .hasMessageContaining("points row 1");
        assertThatThrownBy(() -> Tsne.Settings.defaults().withDims(4)).hasMessageContaining("dims");
        assertThatThrownBy(() -> Tsne.Settings.defaults().withPerplexity(0.5)).hasMessageContaining("perplexity");
    }
}
