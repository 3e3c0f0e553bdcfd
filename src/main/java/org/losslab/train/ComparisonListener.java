package org.losslab.train;

import java.util.List;

/**
 * Receives a comparison's output on the thread that drives it; arms are numbered from 0 in the order given. Like
 * {@link TrainingListener}, implementations return quickly and never touch a UI from here.
 */
public interface ComparisonListener {
    /** The comparison as a whole after every round: the leading arm's step, rounds per second, life-cycle state. */
    default void onProgress(Progress progress) {}

    /**
     * One arm after each of its steps; {@link RunStatus#DIVERGED} (with the guard's message) when its step was
     * refused and its parameters restored.
     */
    default void onArmProgress(int arm, Progress progress) {}

    /** New metric values of one arm (at its evaluation steps). */
    default void onArmMetrics(int arm, List<MetricPoint> points) {}

    /** A parameter copy of one arm, every {@code snapshotEvery} of its steps and at its end. */
    default void onArmParameters(int arm, ParameterSnapshot snapshot) {}
}
