package org.losslab.app;

import java.util.List;
import org.losslab.analysis.LandscapeBenchmark;
import org.losslab.engine.Precision;

/** {@code losslab bench landscape}: a 41×41 landscape grid per point against batched, per engine and precision. */
final class LandscapeBench {
    private static final int RESOLUTION = 41;
    private static final int REPEATS = 3;

    private LandscapeBench() {}

    static int run(List<String> engines) {
        System.out.printf("%-8s %-8s %6s %6s %11s %12s %7s %7s  %s%n", "engine", "dtype", "grid", "rows", "naive ms",
                "batched ms", "ratio", "chunk", "path");
        for (String engine : engines) {
            for (Precision precision : List.of(Precision.FLOAT32, Precision.FLOAT64)) {
                LandscapeBenchmark.Result r = LandscapeBenchmark.measure(engine, precision, RESOLUTION, REPEATS);
                System.out.printf("%-8s %-8s %6s %6d %11.1f %12.1f %6.1fx %7d  %s%n", r.engine(),
                        precision.name().toLowerCase(java.util.Locale.ROOT), r.resolution() + "x" + r.resolution(),
                        r.probeRows(), r.naiveMs(), r.batchedMs(), r.ratio(), r.chunk(), r.evaluation());
            }
        }
        System.out.println("MLP 2-32-32-2 (relu), cross-entropy, spirals; median of " + REPEATS
                + " timed grids after one warm-up; naive = one forward pass per grid point.");
        return 0;
    }
}
