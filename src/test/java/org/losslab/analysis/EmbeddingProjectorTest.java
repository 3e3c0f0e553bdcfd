package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.embedding.EmbeddingBenchmark;
import org.losslab.analysis.embedding.EmbeddingFrame;
import org.losslab.analysis.embedding.EmbeddingMetrics;

class EmbeddingProjectorTest {

    private static Shown take(BlockingQueue<EmbeddingProjector.Projection> frames) throws InterruptedException {
        EmbeddingProjector.Projection p = frames.poll(60, TimeUnit.SECONDS);
        assertThat(p).as("a frame within a minute").isNotNull();
        return new Shown(p);
    }

    /** Wraps a frame with the checks the tests share. */
    private record Shown(EmbeddingProjector.Projection p) {
        double[][] rows() {
            EmbeddingFrame f = p.frame();
            double[][] r = new double[f.size()][f.dims()];
            for (int i = 0; i < f.size(); i++) {
                for (int a = 0; a < f.dims(); a++) {
                    r[i][a] = f.coordinate(i, a);
                }
            }
            return r;
        }
    }

    @Test
    void tsneFramesAreWarmStartedOffTheCallersThreadAndStayPut() throws Exception {
        EmbeddingBenchmark.LabelledPoints data = EmbeddingBenchmark.gaussianClusters(400, 16, 4, 4, 3);
        BlockingQueue<EmbeddingProjector.Projection> frames = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        EmbeddingProjector.Settings settings = EmbeddingProjector.Settings.defaults();
        try (EmbeddingProjector projector = new EmbeddingProjector(settings, p -> {
            threads.add(Thread.currentThread().getName());
            frames.add(p);
        })) {
            projector.submit(10, data.points(), data.labels(), EmbeddingProjector.Method.TSNE);
            Shown first = take(frames);
            projector.submit(20, EmbeddingBenchmark.drift(data.points(), 0.05, 1), data.labels(),
                    EmbeddingProjector.Method.TSNE);
            Shown second = take(frames);

            assertThat(threads.poll()).isEqualTo("losslab-embedding");
            assertThat(first.p().step()).isEqualTo(10);
            assertThat(second.p().step()).isEqualTo(20);
            assertThat(second.p().barnesHut()).isFalse();
            assertThat(second.p().labels()).containsExactly(data.labels());
            assertThat(EmbeddingMetrics.knnAccuracy(second.rows(), data.labels(), 5,
                    EmbeddingMetrics.Distance.EUCLIDEAN)).isGreaterThanOrEqualTo(0.95);
            double moved = second.p().frame().meanDisplacement(first.p().frame()) / first.p().frame().spread();
            assertThat(moved).isLessThan(0.05);
            assertThat(projector.latest()).isSameAs(second.p());
            assertThat(projector.error()).isEmpty();
        }
    }

    @Test
    void pcaFramesAreAlignedToThePreviousOne() throws Exception {
        EmbeddingBenchmark.LabelledPoints data = EmbeddingBenchmark.gaussianClusters(300, 10, 3, 4, 4);
        BlockingQueue<EmbeddingProjector.Projection> frames = new LinkedBlockingQueue<>();
        try (EmbeddingProjector projector = new EmbeddingProjector(EmbeddingProjector.Settings.defaults(),
                frames::add)) {
            projector.submit(1, data.points(), data.labels(), EmbeddingProjector.Method.PCA);
            Shown first = take(frames);
            // The same points mirrored through the origin: PCA's own sign convention flips nothing back
            // by itself, only the alignment to the previous frame does.
            double[][] mirrored = new double[300][10];
            for (int i = 0; i < 300; i++) {
                for (int a = 0; a < 10; a++) {
                    mirrored[i][a] = -data.points()[i][a];
                }
            }
            projector.submit(2, mirrored, data.labels(), EmbeddingProjector.Method.PCA);
            Shown second = take(frames);
            assertThat(second.p().frame().meanDisplacement(first.p().frame())).isLessThan(1e-9);
        }
    }

    @Test
    void rawNeedsTheViewsDimensionsAndStaleSubmissionsAreDropped() throws Exception {
        EmbeddingBenchmark.LabelledPoints data = EmbeddingBenchmark.gaussianClusters(200, 2, 2, 4, 5);
        EmbeddingBenchmark.LabelledPoints wide = EmbeddingBenchmark.gaussianClusters(200, 5, 2, 4, 5);
        BlockingQueue<EmbeddingProjector.Projection> frames = new LinkedBlockingQueue<>();
        try (EmbeddingProjector projector = new EmbeddingProjector(EmbeddingProjector.Settings.defaults(),
                frames::add)) {
            projector.submit(1, data.points(), data.labels(), EmbeddingProjector.Method.RAW);
            Shown raw = take(frames);
            assertThat(raw.rows()[7]).containsExactly(data.points()[7]);

            projector.submit(2, wide.points(), wide.labels(), EmbeddingProjector.Method.RAW);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (projector.error().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(projector.error()).hasValueSatisfying(m -> assertThat(m).contains("RAW needs 2-dimensional"));

            // A burst while the thread is busy with a cold t-SNE start: the middle ones never run.
            EmbeddingBenchmark.LabelledPoints big = EmbeddingBenchmark.gaussianClusters(800, 16, 4, 4, 6);
            for (int s = 10; s < 20; s++) {
                projector.submit(s, big.points(), big.labels(), EmbeddingProjector.Method.TSNE);
            }
            EmbeddingProjector.Projection last = null;
            while (last == null || last.step() != 19) {
                last = frames.poll(120, TimeUnit.SECONDS);
                assertThat(last).isNotNull();
            }
            assertThat(projector.skipped()).isGreaterThanOrEqualTo(1);
            assertThat(projector.computed()).isLessThan(2 + 10);
        }
        assertThatThrownBy(() -> new EmbeddingProjector.Settings(4, org.losslab.analysis.embedding.Tsne.Settings
                .defaults(), 10, 10)).hasMessageContaining("dims");
    }
}
