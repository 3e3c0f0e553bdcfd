/**
 * Post-hoc calibration of a trained, frozen classifier, judged on its held-out test split: temperature scaling (one
 * T for every example, Guo et al. 2017) and correctness-aware (CA) calibration (a small network that picks one T per
 * example from the classifier's softmax on three views of the input, trained with the {@code ca-calibration} loss).
 * {@link org.losslab.calibration.PostHocCalibration} fits the chosen calibrators on the validation split and reports
 * ECE, NLL, accuracy and reliability bins in distribution and under a shift of the test inputs.
 *
 * <p>It sits at the training layer: it drives an engine through the seam like {@code train}, and reads
 * {@code analysis} for the metrics. No UI.
 */
package org.losslab.calibration;
