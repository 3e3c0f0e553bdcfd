package org.losslab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslab.experiment.HeadlessComparison;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ArmSummary;
import org.losslab.train.ComparisonRun;
import org.losslab.train.RunStatus;

/** {@code losslab run} for a file with a {@code compare} section: trains the arms and prints one row per arm. */
final class ComparisonTable {
    private ComparisonTable() {}

    /** @return the exit code: 0, or 1 when the divergence guard held the comparison */
    static int run(ResolvedExperiment resolved, Path dir, boolean quiet) throws Exception {
        List<String> labels = resolved.arms().stream().map(ComparisonRun.Arm::label).toList();
        System.err.printf("%s: %s, %s, %d arms (%s) on %s, %d steps%n", resolved.title(),
                resolved.setup().data().train().name(), resolved.setup().model().describe(), labels.size(),
                String.join(", ", labels), resolved.setup().engineId(), resolved.setup().steps());
        long every = Math.max(1, resolved.setup().steps() / 10);
        long teacherEvery = resolved.teacher() == null ? 1 : Math.max(1, resolved.teacher().steps() / 10);
        HeadlessComparison.Outcome outcome = HeadlessComparison.run(resolved, dir, p -> {
            if (!quiet && p.status() == RunStatus.RUNNING && p.step() % every == 0) {
                System.err.printf("  step %d/%d  %.0f rounds/s%n", p.step(), p.totalSteps(), p.stepsPerSecond());
            }
        }, p -> {
            if (!quiet && p.step() % teacherEvery == 0 && p.status() == RunStatus.RUNNING) {
                System.err.printf("  teacher step %d/%d  loss %.4f%n", p.step(), p.totalSteps(), p.lastLoss());
            }
        });
        for (Map.Entry<String, Double> e : outcome.teacher().entrySet()) {
            if (e.getKey().endsWith("/accuracy")) {
                System.out.printf("teacher %s: %.4f%n", e.getKey(), e.getValue());
            }
        }
        System.out.println(format(outcome.arms()));
        System.out.printf("strategy: %s (%s); %.1f s; wrote %s%n", outcome.strategy(), outcome.strategyNote(),
                outcome.seconds(), dir);
        if (outcome.status() == RunStatus.DIVERGED) {
            System.err.println("error: " + outcome.message());
            return 1;
        }
        return 0;
    }

    /** The summary table: a header and one aligned row per arm; "-" where an arm reported no value. */
    static String format(List<ArmSummary> rows) {
        int topK = rows.stream().mapToInt(ArmSummary::topK).max().orElse(0);
        List<String[]> cells = new ArrayList<>();
        // Regression arms report no accuracy or calibration: their columns would be all dashes.
        boolean classes = rows.stream().anyMatch(r -> Double.isFinite(r.valAccuracy()) || Double.isFinite(r.valEce()));
        List<String> header = new ArrayList<>(List.of("arm", "status", "steps", "train loss", "val loss"));
        if (classes) {
            header.add("val acc");
        }
        if (topK > 0) {
            header.add("val top-" + topK);
        }
        if (classes) {
            header.add("val ECE");
        }
        List<String> optional = ArmSummary.optionalColumnsOf(rows);
        optional.forEach(key -> header.add(ArmSummary.OPTIONAL_COLUMNS.get(key)));
        header.addAll(List.of("steps/s", "strategy"));
        cells.add(header.toArray(String[]::new));
        for (ArmSummary r : rows) {
            List<String> c = new ArrayList<>(List.of(r.label(), r.status().name().toLowerCase(Locale.ROOT),
                    Long.toString(r.steps()), number(r.trainLoss()), number(r.valLoss())));
            if (classes) {
                c.add(percent(r.valAccuracy()));
            }
            if (topK > 0) {
                c.add(percent(r.valTopK()));
            }
            if (classes) {
                c.add(number(r.valEce()));
            }
            for (String key : optional) {
                c.add(key.endsWith("accuracy") || key.contains("pass@") ? percent(r.last(key)) : number(r.last(key)));
            }
            c.addAll(List.of(String.format(Locale.ROOT, "%.0f", r.stepsPerSecond()), r.strategy()));
            cells.add(c.toArray(String[]::new));
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                // The label column reads best left-aligned, numbers right-aligned.
                boolean last = i == row.length - 1;
                String f = last ? "%s" : i <= 1 ? "%-" + width[i] + "s" : "%" + width[i] + "s";
                sb.append(String.format(Locale.ROOT, f, row[i])).append(last ? "" : "  ");
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "-";
    }
}
