package org.losslab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.engine.Engines;
import org.losslab.train.TrainStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab bench train-step [--engine E]}: median ms per training step after warm-up, per engine.
 * {@code losslab bench compare [--k 4] [--engine E] [--steps S]}: what a k-arm comparison costs against k runs.
 */
@Command(name = "bench", description = "Benchmarks: train-step (MLP 2-32-32-3 batch 256; CNN 1x28x28 batch 64); "
        + "compare (k arms of the default spirals MLP vs one run, per strategy); embedding (t-SNE and PCA frames of "
        + "2,000 points); landscape (a 41x41 loss grid of the spirals MLP, per point vs batched); topology "
        + "(persistence of 256x256 and 512x512 maps, Betti matching of a 64x64 pair).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "what to measure: train-step, compare, embedding, landscape or topology")
    String what;

    @Option(names = "--engine", description = "nd4j or pytorch (default: both)")
    String engine;

    @Option(names = "--steps", description = "measured steps per workload (default ${DEFAULT-VALUE})", defaultValue = "200")
    int steps;

    @Option(names = "--k", description = "compare: arms per comparison (default ${DEFAULT-VALUE})", defaultValue = "4")
    int arms;

    @Option(names = "--warmup", description = "compare: untimed steps per workload first (default ${DEFAULT-VALUE})",
            defaultValue = "1000")
    int warmup;

    @Option(names = "--repeats", description = "compare: timed repeats per workload, median reported (default "
            + "${DEFAULT-VALUE})", defaultValue = "7")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (what.equals("topology")) {
            return TopologyBenchReport.print(steps);
        }
        if (what.equals("landscape")) {
            return LandscapeBench.run(engine == null ? Engines.ids() : List.of(Engines.provider(engine).id()));
        }
        if (what.equals("compare")) {
            return CompareBench.run(engine == null ? Engines.ids() : List.of(Engines.provider(engine).id()), arms,
                    warmup, steps, repeats);
        }
        if (what.equals("embedding")) {
            org.losslab.analysis.embedding.EmbeddingBenchmark.run(System.out, Math.max(5, steps / 20));
            return 0;
        }
        if (!what.equals("train-step")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: train-step, compare, "
                    + "embedding, landscape, topology");
        }
        List<String> engines = engine == null ? Engines.ids() : List.of(Engines.provider(engine).id());
        List<TrainStepBenchmark.Result> results = new ArrayList<>();
        for (String e : engines) {
            results.add(TrainStepBenchmark.measure(e, "MLP 2-32-32-3", TrainStepBenchmark.mlp(), 256, 3000, steps * 5));
            results.add(TrainStepBenchmark.measure(e, "CNN 1x28x28 c8-c16-d10", TrainStepBenchmark.cnn(), 64, 30, steps / 2));
        }
        double[] yardstick = pythonYardstick();
        System.out.printf("%-8s %-24s %6s %10s %10s %10s %14s%n", "engine", "workload", "batch", "median ms", "p10 ms",
                "p90 ms", "vs PyTorch");
        for (TrainStepBenchmark.Result r : results) {
            double base = yardstick == null ? Double.NaN : r.workload().startsWith("MLP") ? yardstick[0] : yardstick[1];
            System.out.printf("%-8s %-24s %6d %10.3f %10.3f %10.3f %14s%n", r.engine(), r.workload(), r.batch(),
                    r.medianMs(), r.p10Ms(), r.p90Ms(), Double.isNaN(base) ? "-" : String.format("%.2fx", r.medianMs() / base));
        }
        if (yardstick != null) {
            System.out.printf("%-8s %-24s %6d %10.3f%n", "python", "MLP 2-32-32-3", 256, yardstick[0]);
            System.out.printf("%-8s %-24s %6d %10.3f%n", "python", "CNN 1x28x28 c8-c16-d10", 64, yardstick[1]);
            System.out.println("vs PyTorch: median ms / Python PyTorch's median ms on the same shapes, measured in this run.");
        } else {
            System.out.println("No Python PyTorch found (python3 with torch), so no yardstick column; "
                    + "bench/train_step_yardstick.py measures the same workloads.");
        }
        return 0;
    }

    /** {mlpMs, cnnMs} from bench/train_step_yardstick.py under a python3 that has torch, or null. */
    private double[] pythonYardstick() {
        java.nio.file.Path script = java.nio.file.Path.of("bench", "train_step_yardstick.py");
        if (!java.nio.file.Files.isRegularFile(script)) {
            return null;
        }
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, script.toString(), "2", Integer.toString(steps))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() == 0) {
                    var json = org.losslab.experiment.Experiments.mapper().readTree(out);
                    return new double[] {json.get("mlpMs").asDouble(), json.get("cnnMs").asDouble()};
                }
            } catch (java.io.IOException e) {
                // this interpreter is missing; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
