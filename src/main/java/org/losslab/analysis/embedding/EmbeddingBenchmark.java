package org.losslab.analysis.embedding;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The figures of {@code losslab bench embedding}: milliseconds per refresh of the live embedding view, on MNIST-like
 * synthetic embeddings (Gaussian clusters) that drift a little between refreshes as they would during training.
 * A t-SNE refresh is {@link Tsne#next} (new P, warm start, 50 iterations, Procrustes); a PCA refresh is a fit,
 * a projection and the alignment to the previous frame.
 */
public final class EmbeddingBenchmark {

    /**
     * Labelled points.
     *
     * @param points [N][d]
     * @param labels [N] cluster of each point, 0..clusters−1
     */
    public record LabelledPoints(double[][] points, int[] labels) {}

    /**
     * Timings of one workload: wall-clock quantiles, and the mean CPU time of the whole process per refresh (over
     * all refreshes, since the clock ticks in milliseconds), which a machine shared with other jobs inflates much
     * less than the wall-clock time.
     *
     * @param workload what was measured
     * @param method how the gradient was computed (t-SNE) or the covariance diagonalised (PCA)
     */
    public record Result(String workload, String method, int points, int inputDims, int refreshes, double medianMs,
            double p10Ms, double p90Ms, double meanCpuMs) {}

    private EmbeddingBenchmark() {}

    /**
     * {@code clusters} isotropic Gaussian clusters of unit standard deviation per coordinate, centres drawn from
     * N(0, separation²) per coordinate; point i belongs to cluster {@code i % clusters}.
     */
    public static LabelledPoints gaussianClusters(int points, int dims, int clusters, double separation, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[clusters][dims];
        for (double[] c : centres) {
            for (int a = 0; a < dims; a++) {
                c[a] = separation * random.nextGaussian();
            }
        }
        double[][] x = new double[points][dims];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = i % clusters;
            for (int a = 0; a < dims; a++) {
                x[i][a] = centres[labels[i]][a] + random.nextGaussian();
            }
        }
        return new LabelledPoints(x, labels);
    }

    /** The same points moved by N(0, amount²) per coordinate: one training interval's drift. */
    public static double[][] drift(double[][] points, double amount, long seed) {
        Random random = new Random(seed);
        double[][] moved = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            moved[i] = points[i].clone();
            for (int a = 0; a < moved[i].length; a++) {
                moved[i][a] += amount * random.nextGaussian();
            }
        }
        return moved;
    }

    /**
     * Warm-started t-SNE refreshes: one cold start (not timed), then {@code refreshes} timed {@link Tsne#next} calls
     * of {@code iterations} each on drifting data.
     */
    public static Result tsneRefresh(int points, int dims, int clusters, int iterations, int refreshes,
            Tsne.Settings settings) {
        LabelledPoints data = gaussianClusters(points, dims, clusters, 4, 1);
        Tsne tsne = Tsne.coldStart(data.points(), settings);
        tsne.step(settings.exaggerationIterations() + 100);
        double[][][] drifted = drifting(data.points(), refreshes);
        double[] ms = new double[refreshes];
        long startCpu = processCpuNanos();
        for (int r = 0; r < refreshes; r++) {
            long start = System.nanoTime();
            tsne.next(drifted[r], iterations);
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        double cpu = (processCpuNanos() - startCpu) / 1e6 / refreshes;
        String method = (tsne.barnesHut() ? "Barnes-Hut θ=" + settings.theta() : "exact")
                + (settings.parallel() ? ", parallel" : ", 1 thread");
        return summarise("t-SNE warm, " + iterations + " it", method, points, dims, ms, cpu);
    }

    /** PCA refreshes: fit + project + align to the previous frame, on drifting data. */
    public static Result pcaRefresh(int points, int dims, int clusters, int refreshes) {
        LabelledPoints data = gaussianClusters(points, dims, clusters, 4, 1);
        EmbeddingFrame previous = Pca.frame(data.points(), 2);
        double[][][] drifted = drifting(data.points(), refreshes);
        double[] ms = new double[refreshes];
        long startCpu = processCpuNanos();
        for (int r = 0; r < refreshes; r++) {
            long start = System.nanoTime();
            previous = Procrustes.align(Pca.frame(drifted[r], 2), previous);
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        double cpu = (processCpuNanos() - startCpu) / 1e6 / refreshes;
        return summarise("PCA 2-D", dims <= Pca.JACOBI_LIMIT ? "Jacobi" : "orthogonal iteration", points, dims, ms,
                cpu);
    }

    /** The points after each of {@code refreshes} successive drifts, made before the clock starts. */
    private static double[][][] drifting(double[][] points, int refreshes) {
        double[][][] states = new double[refreshes][][];
        double[][] current = points;
        for (int r = 0; r < refreshes; r++) {
            current = drift(current, 0.05, 100 + r);
            states[r] = current;
        }
        return states;
    }

    /** The standard workloads: 2,000 points in 32-D, 10 clusters; t-SNE on one thread and on all cores; PCA. */
    public static void run(PrintStream out, int refreshes) {
        Tsne.Settings settings = Tsne.Settings.defaults();
        Result[] results = {
            tsneRefresh(2000, 32, 10, 50, refreshes, settings),
            tsneRefresh(2000, 32, 10, 50, refreshes, settings.withParallel(true)),
            tsneRefresh(1000, 32, 10, 50, refreshes, settings),
            pcaRefresh(2000, 32, 10, refreshes * 4),
        };
        out.printf("%-20s %-26s %6s %5s %10s %10s %10s %12s%n", "workload", "method", "points", "dims", "median ms",
                "p10 ms", "p90 ms", "mean cpu ms");
        for (Result r : results) {
            out.printf("%-20s %-26s %6d %5d %10.1f %10.1f %10.1f %12.1f%n", r.workload(), r.method(), r.points(),
                    r.inputDims(), r.medianMs(), r.p10Ms(), r.p90Ms(), r.meanCpuMs());
        }
        out.printf("%d refreshes each (PCA %d) on %d cores, load average %.1f when done; t-SNE target: under 1,000 ms per"
                + " refresh.%n", refreshes, refreshes * 4, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Result summarise(String workload, String method, int points, int dims, double[] ms, double cpu) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Result(workload, method, points, dims, ms.length, quantile(sorted, 0.5), quantile(sorted, 0.1),
                quantile(sorted, 0.9), cpu);
    }

    /** CPU time of every thread of this process so far (NaN-free: 0 where the JVM cannot tell). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
