package org.losslab.train;

import java.util.List;

/**
 * The arms of a {@link ComparisonRun} as one steppable unit, whatever the execution strategy. Owned by the thread
 * that drives the comparison.
 */
interface ArmGroup extends AutoCloseable {

    /** {@code batched} or {@code interleaved}. */
    String strategy();

    int size();

    /** Completed optimizer steps of {@code arm}. */
    long step(int arm);

    /** The last batch loss of {@code arm}, NaN before its first step. */
    double lastLoss(int arm);

    /**
     * One optimizer step of every arm marked in {@code which}.
     *
     * @return per arm: null when it stepped (or was not asked to), else why the divergence guard refused the step;
     *     that arm's parameters are then restored to its last checkpoint
     */
    String[] trainStep(boolean[] which);

    /**
     * True when a refused step of one arm restores every arm (the arms share one parameter store), so that the
     * arms must always be stepped together.
     */
    boolean restoresTogether();

    /**
     * Metrics of the arms marked in {@code which} at their current step, as {@link TrainingRun#evaluate} reports
     * them, plus top-k accuracy and ECE of each evaluated split.
     *
     * @return one list per arm (empty for an arm not asked for)
     */
    List<List<MetricPoint>> evaluate(boolean[] which, boolean includeTest, MetricSettings metrics);

    /** Host copies of the parameters of the arms marked in {@code which} (null for the others). */
    List<ParameterSnapshot> snapshots(boolean[] which);

    void setLearningRate(double lr);

    /** The device the arms run on, for the status bar. */
    String engineDescription();

    @Override
    void close();
}
