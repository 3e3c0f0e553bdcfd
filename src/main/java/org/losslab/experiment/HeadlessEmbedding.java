package org.losslab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.losslab.data.Task;
import org.losslab.train.ComparisonRun;
import org.losslab.train.EmbeddingReport;
import org.losslab.train.EmbeddingRun;
import org.losslab.train.EmbeddingSettings;
import org.losslab.train.TrainingSetup;

/**
 * Runs an embedding experiment without a window: trains (each arm of a comparison in turn, from the same
 * initialisation and seed), evaluates on the held-out classes every {@code evalEvery} steps, and writes
 * {@code metrics.csv} (or {@code metrics-<arm>.csv}) and {@code embedding.csv} (the final held-out embeddings with
 * their classes).
 */
public final class HeadlessEmbedding {

    /**
     * The result of one arm (or of the single run).
     *
     * @param label the arm's label, or the loss's for a single run
     * @param reports one per evaluation, oldest first
     * @param seconds training and evaluation time
     * @param diverged why training stopped early (a NaN or infinite loss), or null
     */
    public record ArmResult(String label, List<EmbeddingReport> reports, double seconds, String diverged) {
        public EmbeddingReport last() {
            return reports.get(reports.size() - 1);
        }
    }

    private HeadlessEmbedding() {}

    public static boolean isEmbedding(ResolvedExperiment r) {
        return r.spec().task() != null && Task.EMBEDDING.id().equalsIgnoreCase(r.spec().task().trim());
    }

    /**
     * @param progress receives a line per evaluation (e.g. for the CLI); may be null
     * @return one result per arm (one for a single run)
     */
    public static List<ArmResult> run(ResolvedExperiment r, Path out, Consumer<String> progress)
            throws ExperimentException, IOException {
        EmbeddingSettings settings = EmbeddingSection.settings(r.spec(), r.setup().data());
        Files.createDirectories(out);
        List<ArmResult> results = new ArrayList<>();
        if (r.isComparison()) {
            List<String> names = HeadlessComparison.metricFileNames(r.arms());
            for (int i = 0; i < r.arms().size(); i++) {
                ComparisonRun.Arm arm = r.arms().get(i);
                String suffix = names.get(i).substring("metrics".length(), names.get(i).length() - ".csv".length());
                results.add(runOne(arm.setup(), settings, arm.label(), out, suffix, progress));
            }
        } else {
            results.add(runOne(r.setup(), settings, r.setup().loss().label(), out, "", progress));
        }
        return results;
    }

    private static ArmResult runOne(TrainingSetup setup, EmbeddingSettings settings, String label, Path out,
            String suffix, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        List<EmbeddingReport> reports = new ArrayList<>();
        String diverged = null;
        try (EmbeddingRun run = new EmbeddingRun(setup, settings)) {
            reports.add(run.evaluate());
            say(progress, label, reports.get(0));
            for (long s = 1; s <= setup.steps(); s++) {
                double loss = run.trainStep();
                if (!Double.isFinite(loss)) {
                    diverged = String.format(Locale.ROOT, "the loss became %s at step %d", loss, s);
                    break;
                }
                if (s % setup.evalEvery() == 0 || s == setup.steps()) {
                    EmbeddingReport report = run.evaluate();
                    reports.add(report);
                    if (s % Math.max(setup.evalEvery(), setup.steps() / 10) == 0 || s == setup.steps()) {
                        say(progress, label, report);
                    }
                }
            }
            writeEmbedding(out.resolve("embedding" + suffix + ".csv"), run.embed(run.heldOut()),
                    run.heldOut().labels());
        }
        writeMetrics(out.resolve("metrics" + suffix + ".csv"), reports);
        return new ArmResult(label, reports, (System.nanoTime() - start) / 1e9, diverged);
    }

    private static void say(Consumer<String> progress, String label, EmbeddingReport r) {
        if (progress != null) {
            String loss = Double.isNaN(r.trainLoss()) ? "–" : String.format(Locale.ROOT, "%.4f", r.trainLoss());
            progress.accept(String.format(Locale.ROOT, "  %s step %d  loss %s  held-out recall@1 %.3f  NMI %.3f",
                    label, r.step(), loss, r.recallAt1(), r.nmi()));
        }
    }

    static void writeMetrics(Path file, List<EmbeddingReport> reports) throws IOException {
        StringBuilder sb = new StringBuilder("step");
        for (String name : reports.get(0).values().keySet()) {
            sb.append(',').append(name);
        }
        sb.append('\n');
        for (EmbeddingReport r : reports) {
            sb.append(r.step());
            for (double v : r.values().values()) {
                sb.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v));
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void writeEmbedding(Path file, double[][] z, int[] labels) {
        StringBuilder sb = new StringBuilder("label");
        for (int j = 0; j < (z.length == 0 ? 0 : z[0].length); j++) {
            sb.append(",z").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < z.length; i++) {
            sb.append(labels[i]);
            for (double v : z[i]) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
            }
            sb.append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table of the final metrics, one row per arm, for the CLI. */
    public static String table(List<ArmResult> results) {
        int width = Math.max(5, results.stream().mapToInt(a -> a.label().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-" + width + "s  %9s  %9s  %9s  %6s  %10s  %9s  %10s  %7s%n", "loss", "recall@1", "recall@5",
                "5-NN acc", "NMI", "uniformity", "tolerance", "seen R@1", "time"));
        for (ArmResult a : results) {
            EmbeddingReport r = a.last();
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %9.3f  %9.3f  %9.3f  %6.3f  %10.3f  %9.3f  %10.3f  "
                    + "%6.1fs%s%n", a.label(), r.recallAt1(), r.recallAt5(), r.knnAccuracy(), r.nmi(), r.uniformity(),
                    r.tolerance(), r.seenRecallAt1(), a.seconds(), a.diverged() == null ? "" : "  (" + a.diverged()
                            + ")"));
        }
        return sb.toString();
    }

    /** The held-out metrics of every arm at the end, as name → value (for tests and summaries). */
    public static Map<String, Double> finals(ArmResult a) {
        return a.last().values();
    }
}
