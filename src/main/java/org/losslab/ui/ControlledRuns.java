package org.losslab.ui;

import org.losslab.train.RunControl;

/**
 * {@link RunControls} for a service whose loaded run is driven by one {@link RunControl} (a comparison, an
 * embedding run): every button goes to that control, and does nothing while nothing is loaded.
 */
interface ControlledRuns extends RunControls {

    /** The loaded run's control, or null when nothing is loaded. */
    RunControl currentControl();

    @Override
    default void train() {
        RunControl c = currentControl();
        if (c != null) {
            c.resume();
        }
    }

    @Override
    default void pause() {
        RunControl c = currentControl();
        if (c != null) {
            c.pause();
        }
    }

    @Override
    default void step() {
        RunControl c = currentControl();
        if (c != null) {
            c.stepOnce();
        }
    }

    @Override
    default boolean isPaused() {
        RunControl c = currentControl();
        return c == null || c.isPaused();
    }

    @Override
    default void setLearningRate(double lr) {
        RunControl c = currentControl();
        if (c != null) {
            c.setLearningRate(lr);
        }
    }
}
