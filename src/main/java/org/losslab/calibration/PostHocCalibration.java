package org.losslab.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.data.Batch;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Precision;
import org.losslab.model.Model;

/**
 * Calibrates a trained classifier after the fact: fits each chosen {@link Calibrator} on the validation split and
 * judges it on the test split, in distribution and under the settings' shift of the test inputs, against the
 * uncalibrated predictions.
 *
 * <p>Runs on the calling thread with its own engine instance (double precision), which it closes; the classifier's
 * parameters are host copies and are not modified. Reproducible: the same inputs and seed give the same report.
 */
public final class PostHocCalibration {
    private PostHocCalibration() {}

    /**
     * @param engineId engine to create for the classifier and the calibrators
     * @param model the trained classifier's architecture
     * @param parameters its trained parameters (e.g. the final snapshot of the run)
     * @param data the run's data; it must have a test split
     * @throws IllegalArgumentException when the data has no test split
     */
    public static CalibrationReport run(String engineId, Model model, Map<String, HostArray> parameters,
            DataSplit data, CalibrationSettings settings) {
        Dataset test = data.test().orElseThrow(() -> new IllegalArgumentException(
                "post-hoc calibration is judged on a test split, and '" + data.train().name() + "' has none"));
        List<CalibrationReport.Fit> fits = new ArrayList<>();
        List<CalibrationReport.Outcome> outcomes = new ArrayList<>();
        try (Engine engine = Engines.create(engineId, Precision.FLOAT64);
                FrozenClassifier classifier = new FrozenClassifier(engine, model, parameters)) {
            CalibrationSet validation = classifier.evaluate(everything(data.validation()));
            Batch testInputs = everything(test);
            CalibrationSet inDistribution = classifier.evaluate(testInputs);
            CalibrationSet shifted = classifier.evaluate(settings.shift().apply(testInputs));
            outcomes.add(outcome(CalibrationReport.UNCALIBRATED, "Uncalibrated", CalibrationReport.IN_DISTRIBUTION,
                    inDistribution, uncalibrated(inDistribution), settings.bins()));
            outcomes.add(outcome(CalibrationReport.UNCALIBRATED, "Uncalibrated", CalibrationReport.SHIFTED,
                    shifted, uncalibrated(shifted), settings.bins()));
            for (String id : settings.methods()) {
                Calibrator calibrator = Calibrators.byId(id);
                Calibrator.Fitted fitted = calibrator.fit(validation, classifier, engine, settings);
                fits.add(new CalibrationReport.Fit(id, calibrator.displayName(), fitted.summary(), fitted.lossCurve()));
                outcomes.add(outcome(id, calibrator.displayName(), CalibrationReport.IN_DISTRIBUTION, inDistribution,
                        fitted.apply(inDistribution, classifier), settings.bins()));
                outcomes.add(outcome(id, calibrator.displayName(), CalibrationReport.SHIFTED, shifted,
                        fitted.apply(shifted, classifier), settings.bins()));
            }
        }
        return new CalibrationReport(engineId, settings.bins(), settings.shiftDescription(),
                data.validation().size(), test.size(), fits, outcomes);
    }

    private static Batch everything(Dataset data) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        return data.batch(all);
    }

    private static Calibrator.Calibrated uncalibrated(CalibrationSet set) {
        double[] ones = new double[set.size()];
        Arrays.fill(ones, 1);
        return new Calibrator.Calibrated(set.logits(), ones);
    }

    private static CalibrationReport.Outcome outcome(String method, String displayName, String condition,
            CalibrationSet set, Calibrator.Calibrated calibrated, int bins) {
        ClassificationMetrics m = ClassificationMetrics.of(calibrated.logits(), set.classes(), set.labels(), bins);
        return new CalibrationReport.Outcome(method, displayName, condition, m.ece(), m.nll(), m.accuracy(),
                calibrated.meanTemperature(), correctnessAuroc(m, set.labels()), List.of(m.reliability()));
    }

    /**
     * P(confidence of a random right prediction > that of a random wrong one), ties counting half: the
     * Mann–Whitney statistic, from the ranks of the confidences.
     */
    static double correctnessAuroc(ClassificationMetrics m, int[] labels) {
        int n = labels.length;
        double[] confidence = new double[n];
        Integer[] order = new Integer[n];
        int right = 0;
        for (int i = 0; i < n; i++) {
            confidence[i] = m.probabilities(i)[m.predicted(i)];
            order[i] = i;
            right += m.predicted(i) == labels[i] ? 1 : 0;
        }
        int wrong = n - right;
        if (right == 0 || wrong == 0) {
            return Double.NaN;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        double rightRankSum = 0;
        for (int from = 0; from < n; ) {
            int to = from;
            while (to < n && confidence[order[to]] == confidence[order[from]]) {
                to++;
            }
            double meanRank = (from + 1 + to) / 2.0; // 1-based ranks from+1..to share their mean
            for (int j = from; j < to; j++) {
                if (m.predicted(order[j]) == labels[order[j]]) {
                    rightRankSum += meanRank;
                }
            }
            from = to;
        }
        return (rightRankSum - right * (right + 1) / 2.0) / ((double) right * wrong);
    }
}
