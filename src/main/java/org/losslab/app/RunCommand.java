package org.losslab.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.HeadlessEmbedding;
import org.losslab.experiment.HeadlessRun;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab run SPEC.json [--steps N] [--out DIR] [--engine E]}: headless training. */
@Command(name = "run", description = "Train an experiment headless; writes metrics.csv and summary.json "
        + "(a comparison: metrics-<arm>.csv per arm and a summary table).")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "experiment JSON file")
    Path spec;

    @Option(names = "--steps", description = "override the experiment's steps")
    Long steps;

    @Option(names = "--out", description = "run folder (default: runs/<file name>)")
    Path out;

    @Option(names = "--engine", description = "nd4j or pytorch (default: the experiment's)")
    String engine;

    @Option(names = "--seed", description = "override the experiment's seed")
    Long seed;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ExperimentSpec s = Experiments.read(spec);
        if (steps != null) {
            s = s.withSteps(steps);
        }
        if (engine != null) {
            s = s.withEngine(engine);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        ResolvedExperiment resolved = Experiments.resolve(s);
        Path dir = out != null ? out : Path.of("runs", spec.getFileName().toString().replaceFirst("\\.json$", ""));
        if (HeadlessEmbedding.isEmbedding(resolved)) {
            return embedding(resolved, dir);
        }
        if (resolved.isComparison()) {
            return ComparisonTable.run(resolved, dir, quiet);
        }
        System.err.printf("%s: %s, %s, %s on %s, %d steps%n", resolved.title(), resolved.setup().data().train().name(),
                resolved.setup().model().describe(), resolved.setup().loss().label(), resolved.setup().engineId(),
                resolved.setup().steps());
        if (resolved.teacher() != null) {
            System.err.printf("teacher: %s%n", resolved.teacher().describe());
        }
        long every = Math.max(1, resolved.setup().steps() / 10);
        long teacherEvery = resolved.teacher() == null ? 1 : Math.max(1, resolved.teacher().steps() / 10);
        HeadlessRun.Outcome outcome = HeadlessRun.run(resolved, dir, p -> {
            if (!quiet && p.step() % every == 0 && p.status() != RunStatus.PAUSED) {
                System.err.printf("  step %d/%d  loss %.4f  %.0f steps/s%n", p.step(), p.totalSteps(), p.lastLoss(),
                        p.stepsPerSecond());
            }
        }, p -> {
            if (!quiet && p.step() % teacherEvery == 0 && p.status() != RunStatus.PAUSED) {
                System.err.printf("  teacher step %d/%d  loss %.4f  %.0f steps/s%n", p.step(), p.totalSteps(),
                        p.lastLoss(), p.stepsPerSecond());
            }
        });
        for (Map.Entry<String, Double> e : outcome.teacher().entrySet()) {
            if (e.getKey().endsWith("/accuracy")) {
                System.out.printf("%-16s %.6f%n", "teacher/" + e.getKey(), e.getValue());
            }
        }
        Map<String, Double> finals = outcome.finalValues();
        int width = finals.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Double> e : finals.entrySet()) {
            System.out.printf("%-" + width + "s  %.6f%n", e.getKey(), e.getValue());
        }
        if (outcome.trainingLabelNoise() > 0) {
            System.out.printf("%.0f%% of the training labels were flipped; validation and test labels are clean, "
                    + "so their accuracy is on the true classes%n", 100 * outcome.trainingLabelNoise());
        }
        if (outcome.calibration() != null) {
            System.out.print(outcome.calibration().table());
        }
        System.out.printf("%d steps in %.1f s (%.0f steps/s); wrote %s%n", outcome.steps(), outcome.seconds(),
                outcome.steps() / Math.max(1e-9, outcome.seconds()), dir);
        if (outcome.status() == RunStatus.DIVERGED) {
            System.err.println("error: " + outcome.message());
            return 1;
        }
        return 0;
    }

    /** An embedding experiment: each arm in turn, then a table of the held-out metrics. */
    private int embedding(ResolvedExperiment resolved, Path dir) throws Exception {
        var setup = resolved.setup();
        System.err.printf("%s: %s, %s, %s on %s, %d steps, %s%n", resolved.title(), setup.data().train().name(),
                setup.model().describe(), resolved.isComparison() ? resolved.arms().size() + " losses"
                        : setup.loss().label(), setup.engineId(), setup.steps(),
                org.losslab.experiment.EmbeddingSection.settings(resolved.spec(), setup.data()));
        var results = HeadlessEmbedding.run(resolved, dir, quiet ? null : System.err::println);
        System.out.print(HeadlessEmbedding.table(results));
        var settings = org.losslab.experiment.EmbeddingSection.settings(resolved.spec(), setup.data());
        System.out.printf("held-out classes %s were never trained on (metrics are measured on them); wrote %s%n",
                java.util.Arrays.toString(org.losslab.data.ClassHoldOut.lastClasses(setup.data().train().numClasses(),
                        settings.heldOutClasses()).heldOutClasses()), dir);
        return results.stream().anyMatch(r -> r.diverged() != null) ? 1 : 0;
    }
}
