package org.losslab.analysis;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSplit;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;

/**
 * What a landscape grid costs one per point against batched: the default spirals experiment's network (MLP
 * 2-32-32-2, ReLU, cross-entropy) on {@link LandscapeEvaluator#DEFAULT_PROBE_ROWS} probe rows, an n×n grid.
 */
public final class LandscapeBenchmark {

    /**
     * @param naiveMs one forward pass per grid point (median of the repeats)
     * @param batchedMs stacked parameter sets, chunk by chunk (median of the repeats)
     * @param evaluation the path the batched run actually took ({@link LandscapeGrid#BATCHED} unless it fell back)
     * @param chunk grid points per batched engine call
     */
    public record Result(String engine, Precision precision, int resolution, int probeRows, double naiveMs,
            double batchedMs, String evaluation, int chunk) {
        public double ratio() {
            return naiveMs / batchedMs;
        }
    }

    private LandscapeBenchmark() {}

    /**
     * @param resolution grid points per side (41 in the issue)
     * @param repeats timed repeats per path after one untimed warm-up, ≥ 1
     */
    public static Result measure(String engineId, Precision precision, int resolution, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        // 800 points with a fifth held out leave 640 training rows, so the probe batch is a full 512.
        DataSplit data = DataCatalog.get("spirals").load(Map.of("n", 800, "arms", 2, "noise", 0.03), 42);
        Mlp mlp = new Mlp(new int[] {2}, 2, 32, "relu", 0.0, 2);
        double[] theta = ParameterVector.flatten(mlp.parameterShapes(), mlp.initialParameters(new Random(42)));
        LandscapeDirections dirs = LandscapeDirections.randomFilterNormalised(mlp.parameterShapes(), theta, 1);
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engineId, precision, mlp,
                WeightedLoss.of("cross-entropy"), data.train(), LandscapeEvaluator.DEFAULT_PROBE_ROWS, 42)) {
            String evaluation = evaluator.grid(theta, dirs, resolution, 1.0, 0, true).evaluation();
            evaluator.grid(theta, dirs, resolution, 1.0, 0, false);
            double[] naive = new double[repeats];
            double[] batched = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                naive[r] = evaluator.grid(theta, dirs, resolution, 1.0, 0, false).seconds() * 1000;
                batched[r] = evaluator.grid(theta, dirs, resolution, 1.0, 0, true).seconds() * 1000;
            }
            int points = resolution * resolution;
            int chunks = (points + evaluator.maxChunk() - 1) / evaluator.maxChunk();
            return new Result(engineId, precision, resolution, evaluator.probeRows(), median(naive), median(batched),
                    evaluation, (points + chunks - 1) / chunks);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
