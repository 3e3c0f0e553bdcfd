package org.losslab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.losslab.train.ArmSummary;
import org.losslab.train.ComparisonListener;
import org.losslab.train.ComparisonRun;
import org.losslab.train.ExtraInputs;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;

/**
 * Trains a comparison to the end on the calling thread and writes its run folder: {@code experiment.json}, one
 * {@code metrics-<arm>.csv} per arm and a {@code summary.json} with the per-arm summary table. What
 * {@code losslab run} does with a file that has a {@code compare} section.
 */
public final class HeadlessComparison {

    /**
     * What a finished headless comparison reports.
     *
     * @param status {@link RunStatus#FINISHED}, or {@link RunStatus#DIVERGED} when the divergence guard held the
     *     comparison (the message says which arm)
     * @param strategy {@value ComparisonRun#BATCHED} or {@value ComparisonRun#INTERLEAVED}
     * @param strategyNote why that strategy
     * @param arms one summary row per arm, in the file's order
     * @param metrics every arm's metric points
     * @param metricFiles the arms' metric file names in the run folder
     * @param teacher the teacher's final metrics ({@code val/accuracy}, …); empty without a teacher
     */
    public record Outcome(RunStatus status, String strategy, String strategyNote, List<ArmSummary> arms,
            List<List<MetricPoint>> metrics, List<String> metricFiles, double seconds, String message,
            Map<String, Double> teacher) {}

    private HeadlessComparison() {}

    /**
     * @param out the run folder, or null to write nothing
     * @param progress receives the comparison's progress (may be null)
     */
    public static Outcome run(ResolvedExperiment experiment, Path out, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        return run(experiment, out, progress, null);
    }

    /**
     * With a {@code teacher} section the teacher is trained (or loaded) first, as for a single run, and every arm
     * reads its logits.
     *
     * @param teacherProgress receives the teacher's training progress (may be null)
     */
    public static Outcome run(ResolvedExperiment experiment, Path out, Consumer<Progress> progress,
            Consumer<Progress> teacherProgress) throws IOException, InterruptedException {
        if (!experiment.isComparison()) {
            throw new IllegalArgumentException("experiment '" + experiment.title() + "' has no compare section");
        }
        TeacherPlan.Ready teacher = null;
        try {
            List<ComparisonRun.Arm> arms = experiment.arms();
            if (experiment.teacher() != null) {
                String[] problem = {""};
                long start = System.nanoTime();
                teacher = HeadlessRun.obtainTeacher(experiment, out, teacherProgress, problem);
                if (teacher == null) {
                    return new Outcome(RunStatus.DIVERGED, "", "", List.of(), List.of(), List.of(),
                            (System.nanoTime() - start) / 1e9, "The teacher could not be trained. " + problem[0],
                            Map.of());
                }
                arms = withInputs(arms, teacher.logits());
            }
            return train(experiment, arms, out, progress, teacher == null ? Map.of() : teacher.finalValues());
        } finally {
            if (teacher != null) {
                teacher.close();
            }
        }
    }

    /** Every arm with the teacher's logits among its batch inputs. */
    public static List<ComparisonRun.Arm> withInputs(List<ComparisonRun.Arm> arms, ExtraInputs inputs) {
        List<ComparisonRun.Arm> out = new ArrayList<>();
        for (ComparisonRun.Arm a : arms) {
            out.add(new ComparisonRun.Arm(a.label(), a.setup().withExtraInputs(inputs)));
        }
        return out;
    }

    private static Outcome train(ResolvedExperiment experiment, List<ComparisonRun.Arm> arms, Path out,
            Consumer<Progress> progress, Map<String, Double> teacher) throws IOException, InterruptedException {
        List<List<MetricPoint>> metrics = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            metrics.add(new ArrayList<>());
        }
        RunControl control = new RunControl();
        String[] message = {""};
        long start = System.nanoTime();
        RunStatus status;
        List<ArmSummary> rows = new ArrayList<>();
        String strategy;
        String note;
        try (ComparisonRun run = new ComparisonRun(arms, experiment.comparisonOptions())) {
            strategy = run.strategy();
            note = run.strategyNote();
            status = run.run(control, new ComparisonListener() {
                @Override
                public void onArmMetrics(int arm, List<MetricPoint> points) {
                    metrics.get(arm).addAll(points);
                }

                @Override
                public void onProgress(Progress p) {
                    if (p.status() == RunStatus.DIVERGED) {
                        message[0] = p.message();
                        control.stop();
                    }
                    if (progress != null) {
                        progress.accept(p);
                    }
                }
            });
            if (!message[0].isEmpty()) {
                status = RunStatus.DIVERGED;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < arms.size(); i++) {
                rows.add(ArmSummary.of(arms.get(i).label(), strategy, run.step(i), arms.get(i).setup().steps(),
                        seconds, metrics.get(i), run.divergence(i)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> files = metricFileNames(arms);
        if (out != null) {
            RunStore store = new RunStore(out);
            store.writeSpec(experiment.spec());
            for (int i = 0; i < arms.size(); i++) {
                store.writeMetrics(metrics.get(i), files.get(i));
            }
            writeSummary(out, experiment, status, strategy, note, seconds, rows, files, message[0], teacher);
        }
        return new Outcome(status, strategy, note, rows, metrics, files, seconds, message[0], teacher);
    }

    /** {@code metrics-<label>.csv} per arm, the label reduced to lower-case letters, digits and dashes; unique. */
    static List<String> metricFileNames(List<ComparisonRun.Arm> arms) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            String slug = arms.get(i).label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("(^-|-$)", "");
            if (slug.isEmpty()) {
                slug = "arm" + (i + 1);
            }
            String name = "metrics-" + slug + ".csv";
            for (int n = 2; !taken.add(name); n++) {
                name = "metrics-" + slug + "-" + n + ".csv";
            }
            names.add(name);
        }
        return names;
    }

    /**
     * {@code {"status", "engine", "strategy", "strategyNote", "seconds", "arms": [{"label", "metrics", "status",
     * "steps", "trainLoss", "valLoss", "valAccuracy", "topK", "valTopK", "valEce", "stepsPerSecond", "message"}]}};
     * values an arm did not report are null.
     */
    private static void writeSummary(Path dir, ResolvedExperiment experiment, RunStatus status, String strategy,
            String note, double seconds, List<ArmSummary> rows, List<String> files, String message,
            Map<String, Double> teacher) throws IOException {
        ObjectNode root = Experiments.mapper().createObjectNode();
        root.put("status", status.name().toLowerCase(Locale.ROOT));
        root.put("engine", experiment.setup().engineId());
        root.put("strategy", strategy);
        root.put("strategyNote", note);
        root.put("seconds", seconds);
        if (!message.isEmpty()) {
            root.put("message", message);
        }
        if (!teacher.isEmpty()) {
            ObjectNode about = root.putObject("teacher");
            about.put("model", experiment.teacher().describe());
            ObjectNode finals = about.putObject("final");
            teacher.forEach((name, value) -> number(finals, name, value));
        }
        ArrayNode table = root.putArray("arms");
        for (int i = 0; i < rows.size(); i++) {
            ArmSummary r = rows.get(i);
            ObjectNode row = table.addObject();
            row.put("label", r.label());
            row.put("metrics", files.get(i));
            row.put("status", r.status().name().toLowerCase(Locale.ROOT));
            row.put("steps", r.steps());
            number(row, "trainLoss", r.trainLoss());
            number(row, "valLoss", r.valLoss());
            number(row, "valAccuracy", r.valAccuracy());
            if (r.topK() > 0) {
                row.put("topK", r.topK());
                number(row, "valTopK", r.valTopK());
            }
            number(row, "valEce", r.valEce());
            number(row, "stepsPerSecond", r.stepsPerSecond());
            ObjectNode finals = row.putObject("final");
            r.finals().forEach((key, value) -> number(finals, key, value));
            if (!r.message().isEmpty()) {
                row.put("message", r.message());
            }
        }
        Files.writeString(dir.resolve("summary.json"),
                Experiments.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
