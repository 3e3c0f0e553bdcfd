package org.losslab.calibration;

import org.losslab.engine.Engine;

/**
 * A post-hoc calibration method: fitted on the validation set of a frozen classifier, then applied to other
 * examples. Implementations are stateless; what they learn lives in the {@link Fitted} they return.
 */
public interface Calibrator {

    /** The id used in experiment files, e.g. {@code temperature}. */
    String id();

    /** For captions and tables, e.g. {@code Temperature scaling}. */
    String displayName();

    /**
     * Fits on {@code validation}.
     *
     * @param classifier the frozen classifier, for methods that look at other inputs (CA's views)
     * @param engine runs the fitting program; the same engine owns {@code classifier}
     */
    Fitted fit(CalibrationSet validation, FrozenClassifier classifier, Engine engine,
            CalibrationSettings settings);

    /** A fitted calibrator. */
    interface Fitted {
        /** Calibrated logits of {@code set}, with the temperature each example was divided by. */
        Calibrated apply(CalibrationSet set, FrozenClassifier classifier);

        /** What was fitted, in a few words (e.g. {@code T = 1.84}). */
        String summary();

        /** The training loss after each step, for methods fitted by an optimizer; empty otherwise. */
        default double[] lossCurve() {
            return new double[0];
        }
    }

    /**
     * Calibrated predictions.
     *
     * @param logits z_i / T_i, row-major [N, classes]
     * @param temperatures T_i per example [N]
     */
    record Calibrated(double[] logits, double[] temperatures) {

        /** Each row of {@code logits} divided by its temperature. */
        public static Calibrated divide(double[] logits, int classes, double[] temperatures) {
            double[] out = new double[logits.length];
            for (int i = 0; i < temperatures.length; i++) {
                for (int k = 0; k < classes; k++) {
                    out[i * classes + k] = logits[i * classes + k] / temperatures[i];
                }
            }
            return new Calibrated(out, temperatures);
        }

        public double meanTemperature() {
            double sum = 0;
            for (double t : temperatures) {
                sum += t;
            }
            return temperatures.length == 0 ? Double.NaN : sum / temperatures.length;
        }
    }
}
