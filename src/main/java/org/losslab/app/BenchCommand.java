package org.losslab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.engine.Engines;
import org.losslab.train.TrainStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab bench train-step [--engine E]}: median ms per training step after warm-up, per engine. */
@Command(name = "bench", description = "Benchmarks: train-step (MLP 2-32-32-3 batch 256; CNN 1x28x28 batch 64).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "what to measure: train-step")
    String what;

    @Option(names = "--engine", description = "nd4j or pytorch (default: both)")
    String engine;

    @Option(names = "--steps", description = "measured steps per workload (default ${DEFAULT-VALUE})", defaultValue = "200")
    int steps;

    @Override
    public Integer call() {
        if (!what.equals("train-step")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: train-step");
        }
        List<String> engines = engine == null ? Engines.ids() : List.of(Engines.provider(engine).id());
        List<TrainStepBenchmark.Result> results = new ArrayList<>();
        for (String e : engines) {
            results.add(TrainStepBenchmark.measure(e, "MLP 2-32-32-3", TrainStepBenchmark.mlp(), 256, 3000, steps * 5));
            results.add(TrainStepBenchmark.measure(e, "CNN 1x28x28 c8-c16-d10", TrainStepBenchmark.cnn(), 64, 30, steps / 2));
        }
        System.out.printf("%-8s %-24s %6s %10s %10s %10s%n", "engine", "workload", "batch", "median ms", "p10 ms", "p90 ms");
        for (TrainStepBenchmark.Result r : results) {
            System.out.printf("%-8s %-24s %6d %10.3f %10.3f %10.3f%n", r.engine(), r.workload(), r.batch(), r.medianMs(),
                    r.p10Ms(), r.p90Ms());
        }
        return 0;
    }
}
