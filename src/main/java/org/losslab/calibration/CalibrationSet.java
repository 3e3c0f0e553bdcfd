package org.losslab.calibration;

import org.losslab.data.Batch;

/**
 * Examples a calibrator fits on or is applied to: the inputs with their labels, and the frozen classifier's logits.
 *
 * @param inputs features and labels
 * @param logits row-major [N, classes]
 * @param classes logits per example
 */
public record CalibrationSet(Batch inputs, double[] logits, int classes) {

    public CalibrationSet {
        if (logits.length != (long) inputs.size() * classes) {
            throw new IllegalArgumentException("logits must hold " + inputs.size() + " × " + classes + " values, got "
                    + logits.length);
        }
    }

    public int size() {
        return inputs.size();
    }

    public int[] labels() {
        return inputs.labels();
    }
}
