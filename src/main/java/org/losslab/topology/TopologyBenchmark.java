package org.losslab.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The topology workloads of {@code losslab bench topology}: cubical persistence of a 256×256 and a 512×512 map,
 * and Betti matching of a 64×64 prediction against a mask, on seeded random maps: sums of Gaussian bumps plus 2%
 * noise, so that there are thousands of small extrema and holes besides the large ones; the target mask is a
 * noiseless map thresholded at 0.5.
 */
public final class TopologyBenchmark {
    private TopologyBenchmark() {}

    /**
     * Timing of one workload in milliseconds over the measured repeats: wall-clock median and 10th/90th
     * percentiles, and the median CPU time of the measuring thread (on a busy machine the wall time also counts the
     * waits for a core).
     */
    public record Result(String workload, double medianMs, double p10Ms, double p90Ms, double cpuMedianMs,
            int repeats, String detail) {}

    /** Runs the three workloads, each after {@code repeats / 4 + 5} warm-up runs. */
    public static List<Result> run(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        List<Result> out = new ArrayList<>();
        for (int side : new int[] {256, 512}) {
            ScalarMap map = smoothMap(side, side, 42 + side);
            Barcode b = CubicalPersistence.compute(map);
            out.add(time("persistence " + side + "x" + side, repeats, () -> CubicalPersistence.compute(map),
                    b.dim0().size() + " + " + b.dim1().size() + " intervals"));
        }
        ScalarMap prediction = smoothMap(64, 64, 7);
        ScalarMap target = BinaryMask.threshold(smoothMap(64, 64, 8, 0.0), 0.5).toMap();
        BettiMatching.Result r = BettiMatching.match(prediction, target);
        out.add(time("betti-matching 64x64", repeats, () -> BettiMatching.match(prediction, target),
                r.matched().size() + " matched, " + r.bettiMatchingError() + " unmatched"));
        return out;
    }

    private static Result time(String workload, int repeats, Runnable work, String detail) {
        for (int i = 0; i < repeats / 4 + 5; i++) {
            work.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        double[] ms = new double[repeats];
        double[] cpuMs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = cpuTimed ? (threads.getCurrentThreadCpuTime() - c0) / 1e6 : Double.NaN;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        return new Result(workload, quantile(ms, 0.5), quantile(ms, 0.1), quantile(ms, 0.9), quantile(cpuMs, 0.5),
                repeats, detail);
    }

    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** {@link #smoothMap(int, int, long, double)} with 2% noise. */
    public static ScalarMap smoothMap(int height, int width, long seed) {
        return smoothMap(height, width, seed, 0.02);
    }

    /**
     * A seeded smooth map in [0, 1], shape (height, width): one Gaussian bump of random sign and width 2–10 pixels
     * per 32×32 pixels, plus white noise of the given standard deviation, min-max scaled.
     */
    public static ScalarMap smoothMap(int height, int width, long seed, double noise) {
        Random random = new Random(seed);
        double[] v = new double[height * width];
        int bumps = Math.max(1, height * width / 1024);
        for (int k = 0; k < bumps; k++) {
            double cy = random.nextDouble() * height;
            double cx = random.nextDouble() * width;
            double sigma = 2 + 8 * random.nextDouble();
            double amplitude = random.nextBoolean() ? 1 : -0.6;
            int reach = (int) Math.ceil(4 * sigma);
            for (int r = Math.max(0, (int) cy - reach); r < Math.min(height, (int) cy + reach); r++) {
                for (int c = Math.max(0, (int) cx - reach); c < Math.min(width, (int) cx + reach); c++) {
                    double d2 = (r - cy) * (r - cy) + (c - cx) * (c - cx);
                    v[r * width + c] += amplitude * Math.exp(-d2 / (2 * sigma * sigma));
                }
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] += noise * random.nextGaussian();
        }
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(1);
        double span = max > min ? max - min : 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - min) / span;
        }
        return ScalarMap.of("smooth " + height + "x" + width + " seed " + seed, height, width, v);
    }
}
