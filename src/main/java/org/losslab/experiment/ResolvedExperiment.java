package org.losslab.experiment;

import org.losslab.train.TrainingSetup;

/**
 * A validated experiment: the spec as written and the training setup it resolves to (data loaded), with the
 * teacher to obtain before training when the spec distils one.
 *
 * @param teacher the resolved {@code teacher} section, or null; {@link TeacherPlan#obtain} gives the batch inputs
 *     that {@link TrainingSetup#withExtraInputs} adds to the setup
 */
public record ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup, TeacherPlan teacher) {

    /** An experiment without a teacher. */
    public ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup) {
        this(spec, setup, null);
    }

    public String title() {
        return spec.name() == null ? "Untitled experiment" : spec.name();
    }
}
