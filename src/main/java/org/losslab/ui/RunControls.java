package org.losslab.ui;

/**
 * What the toolbar's run buttons do to whatever is loaded, a single run or a comparison. Every method returns at
 * once; the background loop honours the request between steps.
 */
interface RunControls {
    /** Starts or resumes. */
    void train();

    void pause();

    /** While paused, one more step (a comparison: one step of every arm). */
    void step();

    /** True while held between steps (or when nothing is loaded). */
    boolean isPaused();

    /** Applied before the next step; parameters and history are kept. */
    void setLearningRate(double lr);
}
