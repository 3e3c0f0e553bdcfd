package org.losslab.train;

import java.util.List;

/**
 * Receives a run's output on the training thread. Implementations must return quickly: hand the data to a queue
 * or a latest-value holder, never touch a UI from here.
 */
public interface TrainingListener {
    /** Called after every step. */
    default void onProgress(Progress progress) {}

    /** New metric values (at evaluation steps). */
    default void onMetrics(List<MetricPoint> points) {}

    /**
     * The structured part of an evaluation (reliability bins, confusion matrices), right after its
     * {@link #onMetrics} points.
     */
    default void onReport(EvaluationReport report) {}

    /** A parameter copy, every {@code snapshotEvery} steps and at the end. */
    default void onParameters(ParameterSnapshot snapshot) {}
}
