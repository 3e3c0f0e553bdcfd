package org.losslab.calibration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.losslab.analysis.ClassificationMetrics.ReliabilityBin;

/**
 * What post-hoc calibration found, as plain immutable data (safe to hand to the UI thread and to write as JSON).
 *
 * @param engine the engine that ran the classifier and fitted the calibrators
 * @param bins reliability-diagram bins of the ECE
 * @param shift how the shifted test set was made, e.g. "Gaussian noise σ = 0.3"
 * @param validationSize examples the calibrators were fitted on
 * @param testSize examples they were judged on (in each condition)
 * @param fits one per fitted method, in the order of {@code calibration.methods}
 * @param outcomes {@link #UNCALIBRATED} and each method, each in {@link #IN_DISTRIBUTION} and {@link #SHIFTED}
 */
public record CalibrationReport(String engine, int bins, String shift, int validationSize, int testSize,
        List<Fit> fits, List<Outcome> outcomes) {

    public static final String UNCALIBRATED = "uncalibrated";
    public static final String IN_DISTRIBUTION = "in-distribution";
    public static final String SHIFTED = "shifted";

    public CalibrationReport {
        fits = List.copyOf(fits);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * One fitted calibrator.
     *
     * @param method id, e.g. {@code ca}
     * @param displayName e.g. {@code CA calibration}
     * @param summary what was fitted, e.g. {@code T = 1.84}
     * @param lossCurve training loss per optimizer step (empty for methods fitted in closed form)
     */
    public record Fit(String method, String displayName, String summary, double[] lossCurve) {}

    /**
     * One method in one condition, on the test set.
     *
     * @param method {@link #UNCALIBRATED} or a calibrator id
     * @param displayName for captions
     * @param condition {@link #IN_DISTRIBUTION} or {@link #SHIFTED}
     * @param ece expected calibration error
     * @param nll mean negative log-likelihood
     * @param accuracy top-1 accuracy (unchanged by a temperature)
     * @param meanTemperature mean of the temperatures the logits were divided by (1 when uncalibrated)
     * @param correctnessAuroc how well confidence ranks right above wrong predictions: the probability that a
     *     random right prediction is more confident than a random wrong one (ties count half; NaN when either kind
     *     is missing). A global temperature barely moves it; per-example temperatures (CA) are meant to raise it
     * @param reliability the reliability diagram
     */
    public record Outcome(String method, String displayName, String condition, double ece, double nll,
            double accuracy, double meanTemperature, double correctnessAuroc, List<ReliabilityBin> reliability) {
        public Outcome {
            reliability = List.copyOf(reliability);
        }
    }

    /** The outcome of {@code method} in {@code condition}, if it was computed. */
    public Optional<Outcome> outcome(String method, String condition) {
        return outcomes.stream().filter(o -> o.method().equals(method) && o.condition().equals(condition)).findFirst();
    }

    /**
     * A plain-text table for the command line: one row per method and condition with ECE, NLL, accuracy, the mean
     * temperature and the correctness AUROC.
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "calibration on the test split (%d examples, %d bins; shifted: %s)%n",
                testSize, bins, shift));
        sb.append(String.format(Locale.ROOT, "  %-22s %-16s %8s %8s %9s %8s %8s%n", "method", "condition", "ECE",
                "NLL", "accuracy", "mean T", "AUROC"));
        for (Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-16s %8.4f %8.4f %9.4f %8.3f %8.4f%n", o.displayName(),
                    o.condition(), o.ece(), o.nll(), o.accuracy(), o.meanTemperature(), o.correctnessAuroc()));
        }
        for (Fit f : fits) {
            sb.append(String.format(Locale.ROOT, "  %s: %s%n", f.displayName(), f.summary()));
        }
        return sb.toString();
    }

    /** Methods in report order, {@link #UNCALIBRATED} first. */
    public List<String> methods() {
        return outcomes.stream().map(Outcome::method).distinct().toList();
    }
}
