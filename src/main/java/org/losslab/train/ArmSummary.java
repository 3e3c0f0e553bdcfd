package org.losslab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a comparison's summary table: how an arm ended. Values a run did not report are NaN (e.g. top-k on
 * two classes, where it would be 100 % by definition).
 *
 * @param label the arm's legend text
 * @param strategy how the comparison ran: {@value ComparisonRun#BATCHED} or {@value ComparisonRun#INTERLEAVED}
 * @param status {@link RunStatus#FINISHED}, {@link RunStatus#DIVERGED} (held or restored after a refused step) or
 *     {@link RunStatus#STOPPED}
 * @param steps the arm's completed steps
 * @param trainLoss mean training-batch loss over the last evaluation interval
 * @param valLoss validation loss at the last evaluation
 * @param valAccuracy validation accuracy at the last evaluation
 * @param topK k of {@code valTopK}, 0 when none was reported
 * @param valTopK validation top-k accuracy
 * @param valEce validation expected calibration error
 * @param stepsPerSecond the arm's steps over the comparison's training time
 * @param message the divergence guard's message when the arm ended diverged, else empty
 * @param finals the last value of every metric the arm reported, keyed {@code split/metric} (e.g.
 *     {@code test/accuracy}, {@code val/pass@4}, {@code val/r2}), in the order first reported
 */
public record ArmSummary(String label, String strategy, RunStatus status, long steps, double trainLoss,
        double valLoss, double valAccuracy, int topK, double valTopK, double valEce, double stepsPerSecond,
        String message, Map<String, Double> finals) {

    /**
     * Metrics beyond the fixed columns that a summary table shows when some arm reports them, with their headings:
     * accuracy on the (clean) test set, expected pass@N, and the regression task's fit.
     */
    public static final Map<String, String> OPTIONAL_COLUMNS = optionalColumns();

    public ArmSummary {
        finals = Collections.unmodifiableMap(new LinkedHashMap<>(finals));
    }

    private static Map<String, String> optionalColumns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("test/accuracy", "test acc");
        for (int n : new int[] {2, 3, 4, 5, 8, 10, 16}) {
            c.put("val/" + MetricSettings.passAtNName(n), "val " + MetricSettings.passAtNName(n));
        }
        c.put("val/mse", "val MSE");
        c.put("val/mae", "val MAE");
        c.put("val/r2", "val R²");
        c.put("test/r2", "test R²");
        return Collections.unmodifiableMap(c);
    }

    /** The keys of {@link #OPTIONAL_COLUMNS} that at least one of {@code rows} reports, in column order. */
    public static List<String> optionalColumnsOf(List<ArmSummary> rows) {
        List<String> keys = new ArrayList<>();
        for (String key : OPTIONAL_COLUMNS.keySet()) {
            if (rows.stream().anyMatch(r -> r.finals().containsKey(key))) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The last value of {@code split/metric}, NaN when the arm never reported it. */
    public double last(String key) {
        Double v = finals.get(key);
        return v == null ? Double.NaN : v;
    }

    private static final Pattern TOP_K = Pattern.compile("top(\\d+) accuracy");

    /**
     * The row of an arm from everything it published.
     *
     * @param points the arm's metric points in order; the last value of each metric counts
     * @param seconds the comparison's training time
     * @param divergence the arm's last guard message, or null
     */
    public static ArmSummary of(String label, String strategy, long steps, long totalSteps, double seconds,
            List<MetricPoint> points, String divergence) {
        double trainLoss = Double.NaN;
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        double valEce = Double.NaN;
        double valTopK = Double.NaN;
        int k = 0;
        Map<String, Double> finals = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            finals.put(p.key(), p.value());
            switch (p.key()) {
                case "train/loss" -> trainLoss = p.value();
                case "val/loss" -> valLoss = p.value();
                case "val/accuracy" -> valAccuracy = p.value();
                case "val/" + SplitMetrics.ECE -> valEce = p.value();
                default -> {
                    Matcher m = TOP_K.matcher(p.metric());
                    if (p.split().equals("val") && m.matches()) {
                        k = Integer.parseInt(m.group(1));
                        valTopK = p.value();
                    }
                }
            }
        }
        RunStatus status = steps >= totalSteps ? RunStatus.FINISHED
                : divergence != null ? RunStatus.DIVERGED : RunStatus.STOPPED;
        return new ArmSummary(label, strategy, status, steps, trainLoss, valLoss, valAccuracy, k, valTopK, valEce,
                seconds > 0 ? steps / seconds : 0, status == RunStatus.DIVERGED ? divergence : "", finals);
    }

    /** The same row with a live status and speed (a comparison still running shows running, paused…). */
    public ArmSummary withProgress(RunStatus newStatus, double newStepsPerSecond) {
        return new ArmSummary(label, strategy, newStatus, steps, trainLoss, valLoss, valAccuracy, topK, valTopK, valEce,
                newStepsPerSecond, message, finals);
    }
}
