package org.losslab.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.losslab.calibration.CalibrationSettings;
import org.losslab.calibration.Calibrators;
import org.losslab.calibration.InputTransform;
import org.losslab.data.DataCatalog;
import org.losslab.data.Dataset;
import org.losslab.loss.WeightedLoss;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.train.TrainingSetup;

/**
 * The experiment's optional {@code calibration} section: its validation, with errors by field name (e.g.
 * {@code calibration.methods[1]}, {@code calibration.params.shiftNoise}), and the {@link CalibrationSettings} it
 * resolves to.
 *
 * <p>Defaults: both methods ({@code temperature}, {@code ca}); the CA calibrator as LOSSES.md trains it (Adam at
 * 1e-4, batches of 1000, 10 epochs over the validation set); bins from {@code metrics.calibrationBins}, else 15.
 */
public final class CalibrationSection {
    /** Generous bounds that still catch a typo (a learning rate of 100, ten million steps). */
    private static final long MAX_STEPS = 1_000_000;
    private static final double MAX_LEARNING_RATE = 10;
    private static final int MAX_BINS = 1000;

    private CalibrationSection() {}

    /**
     * Refuses a training loss that belongs to a calibrator, and a {@code calibration} section that does not fit the
     * experiment. Called by {@link Experiments#resolve}.
     */
    static void validate(ExperimentSpec spec, TrainingSetup setup) throws ExperimentException {
        List<WeightedLoss.Term> terms = setup.loss().terms();
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).loss().spec().inputs().contains("temperature")) {
                String field = spec.loss() != null && !spec.loss().terms().isEmpty() ? "loss.terms[" + i + "].id"
                        : "loss.id";
                throw new ExperimentException(field, "'" + terms.get(i).loss().spec().id() + "' trains a post-hoc "
                        + "calibrator on the frozen classifier's logits, not the classifier: train with another "
                        + "loss and list \"ca\" in calibration.methods");
            }
        }
        settings(spec, setup);
    }

    /**
     * The settings of the experiment's {@code calibration} section, or empty when it has none.
     *
     * @throws ExperimentException naming the first bad field
     */
    public static Optional<CalibrationSettings> settings(ExperimentSpec spec, TrainingSetup setup)
            throws ExperimentException {
        ExperimentSpec.Calibration c = spec.calibration();
        if (c == null) {
            return Optional.empty();
        }
        List<String> methods = methods(c.methods());
        ParamValues params;
        try {
            params = ParamValues.resolve("calibration", CalibrationSettings.PARAMS, c.params());
        } catch (InvalidParameterException e) {
            throw new ExperimentException("calibration.params." + e.parameter(), e.getMessage(), e);
        }
        Dataset validation = setup.data().validation();
        long steps = c.steps() == null
                ? CalibrationSettings.defaultCaSteps(validation.size(), params.integer("batchSize")) : c.steps();
        if (steps < 1 || steps > MAX_STEPS) {
            throw new ExperimentException("calibration.steps", "must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        double lr = c.learningRate() == null ? CalibrationSettings.DEFAULT_CA_LEARNING_RATE : c.learningRate();
        if (!(lr > 0 && lr <= MAX_LEARNING_RATE)) {
            throw new ExperimentException("calibration.learningRate", "must be a positive number up to "
                    + MAX_LEARNING_RATE + ", got " + lr);
        }
        int bins = spec.metrics() == null || spec.metrics().calibrationBins() == null ? 15
                : spec.metrics().calibrationBins();
        if (bins < 1 || bins > MAX_BINS) {
            throw new ExperimentException("metrics.calibrationBins", "must be between 1 and " + MAX_BINS + ", got "
                    + bins);
        }
        if (setup.data().test().isEmpty()) {
            boolean hasOption = spec.data() != null && DataCatalog.find(spec.data().id())
                    .map(s -> s.params().stream().map(ParamSpec::name).anyMatch("testFraction"::equals))
                    .orElse(false);
            throw new ExperimentException(hasOption ? "data.params.testFraction" : "calibration",
                    "calibration is judged on a held-out test split, and this data has none"
                            + (hasOption ? ": set testFraction above 0 (e.g. 0.3)" : ""));
        }
        if (validation.size() < 2) {
            throw new ExperimentException("data.params.validationFraction", "calibrators are fitted on the "
                    + "validation split, which has " + validation.size() + " example(s); at least 2 are needed");
        }
        int[] shape = validation.featureShape();
        if (!InputTransform.supports(shape)) {
            int ca = methods.indexOf("ca");
            if (ca >= 0) {
                throw new ExperimentException("calibration.methods[" + ca + "]", "CA calibration's views move 2-D "
                        + "points or images [C,H,W]; this data's examples have shape " + java.util.Arrays.toString(shape));
            }
            if (params.real("shiftRotation") != 0) {
                throw new ExperimentException("calibration.params.shiftRotation", "rotation needs 2-D points or "
                        + "images [C,H,W]; this data's examples have shape " + java.util.Arrays.toString(shape));
            }
        }
        return Optional.of(new CalibrationSettings(methods, steps, lr, params, bins, setup.seed()));
    }

    private static List<String> methods(List<String> given) throws ExperimentException {
        if (given.isEmpty()) {
            return Calibrators.ids();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i);
            String field = "calibration.methods[" + i + "]";
            if (id == null || !Calibrators.ids().contains(id)) {
                throw new ExperimentException(field, "unknown calibration method '" + id + "'; known: "
                        + Calibrators.ids());
            }
            if (!seen.add(id)) {
                throw new ExperimentException(field, "'" + id + "' is listed twice");
            }
            out.add(id);
        }
        return out;
    }
}
