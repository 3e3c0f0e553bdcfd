package org.losslab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a comparison costs against the runs it replaces: median milliseconds per training step of one
 * {@link TrainingRun} and per round (one step of every arm) of a k-arm {@link ComparisonRun} in each strategy,
 * measured in the same process after warm-up. The figures of {@code losslab bench compare}.
 *
 * <p>The arms all train the given setup's loss, so a round does exactly the work of k single steps and the ratio
 * {@code time(k arms) / (k · time(1 run))} isolates what the strategy saves. Workloads are timed in alternation,
 * repeat after repeat, so that a machine that gets busier half-way penalises all of them alike.
 */
public final class ComparisonBenchmark {

    /**
     * One strategy's figures.
     *
     * @param singleMs median ms per step of one run
     * @param roundMs median ms per round of the k arms
     */
    public record Result(String engine, String strategy, int arms, int stepsPerRepeat, int repeats, double singleMs,
            double roundMs) {
        /** time(k arms) / (k · time(1 run)): below 1 means the comparison is cheaper than k separate runs. */
        public double ratio() {
            return roundMs / (arms * singleMs);
        }
    }

    private ComparisonBenchmark() {}

    /**
     * @param setup the workload (e.g. the default spirals experiment); its step count is ignored
     * @param arms k, at least 1
     * @param warmup untimed steps (rounds) per workload first: the JIT and the engines' caches settle over the first
     *     thousand or so small steps
     * @param steps steps (rounds) per timed repeat
     * @param repeats timed repeats per workload; the median counts
     * @return one result per strategy: batched (when the setup allows it), then interleaved
     */
    public static List<Result> measure(TrainingSetup setup, int arms, int warmup, int steps, int repeats) {
        if (arms < 1 || arms > ComparisonRun.MAX_ARMS) {
            throw new IllegalArgumentException("k must be between 1 and " + ComparisonRun.MAX_ARMS + ", got " + arms);
        }
        if (warmup < 0 || steps < 1 || repeats < 1) {
            throw new IllegalArgumentException("warm-up must be at least 0, steps and repeats at least 1; got "
                    + warmup + ", " + steps + " and " + repeats);
        }
        TrainingSetup endless = new TrainingSetup(setup.engineId(), setup.data(), setup.model(), setup.loss(),
                setup.optimizer(), setup.batchSize(), Long.MAX_VALUE, setup.seed(), setup.evalEvery(),
                setup.snapshotEvery(), setup.extraInputs());
        List<ComparisonRun.Arm> list = new ArrayList<>();
        for (int i = 0; i < arms; i++) {
            list.add(new ComparisonRun.Arm(setup.loss().label() + " " + (i + 1), endless));
        }
        List<String> strategies = new ArrayList<>();
        if (ComparisonRun.whyNotBatched(list) == null) {
            strategies.add(ComparisonRun.BATCHED);
        }
        strategies.add(ComparisonRun.INTERLEAVED);
        List<ComparisonRun> runs = new ArrayList<>();
        try (TrainingRun single = new TrainingRun(endless)) {
            for (String s : strategies) {
                runs.add(new ComparisonRun(list, ComparisonRun.Options.DEFAULT.withStrategy(s)));
            }
            List<BooleanSupplier> workloads = new ArrayList<>();
            workloads.add(single::trainStep);
            for (ComparisonRun r : runs) {
                workloads.add(r::trainStep);
            }
            for (BooleanSupplier w : workloads) {
                time(w, warmup);
            }
            double[][] ms = new double[workloads.size()][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int w = 0; w < workloads.size(); w++) {
                    ms[w][r] = time(workloads.get(w), steps) / steps;
                }
            }
            List<Result> results = new ArrayList<>();
            double singleMs = median(ms[0]);
            for (int s = 0; s < strategies.size(); s++) {
                results.add(new Result(setup.engineId(), strategies.get(s), arms, steps, repeats, singleMs,
                        median(ms[s + 1])));
            }
            return results;
        } finally {
            runs.forEach(ComparisonRun::close);
        }
    }

    /** Milliseconds for {@code steps} calls; a refused step would make the figure meaningless. */
    private static double time(BooleanSupplier step, int steps) {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            if (!step.getAsBoolean()) {
                throw new IllegalStateException("the benchmark workload diverged; its learning rate is too high");
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
