package org.losslab.app;

import java.util.List;
import org.losslab.experiment.Experiments;
import org.losslab.train.ComparisonBenchmark;
import org.losslab.train.TrainingSetup;

/** {@code losslab bench compare}: k arms of the default spirals MLP against one run, per engine and strategy. */
final class CompareBench {
    private CompareBench() {}

    static int run(List<String> engines, int arms, int warmup, int steps, int repeats) throws Exception {
        System.out.printf("%-8s %-12s %3s %12s %14s %22s%n", "engine", "strategy", "k", "1 run ms", "k arms ms",
                "time(k)/(k·time(1))");
        String workload = "";
        for (String engine : engines) {
            TrainingSetup setup = Experiments.resolve(Experiments.defaultExperiment().withEngine(engine)).setup();
            workload = setup.model().describe() + ", batch " + setup.batchSize();
            for (ComparisonBenchmark.Result r : ComparisonBenchmark.measure(setup, arms, warmup, steps, repeats)) {
                System.out.printf("%-8s %-12s %3d %12.3f %14.3f %22.2f%n", r.engine(), r.strategy(), r.arms(),
                        r.singleMs(), r.roundMs(), r.ratio());
            }
        }
        System.out.printf("Default spirals experiment (%s), every arm cross-entropy; medians of %d repeats of %d steps "
                + "after %d warm-up steps, timed in alternation.%n", workload, repeats, steps, warmup);
        return 0;
    }
}
