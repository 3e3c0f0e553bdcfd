package org.losslab.experiment;

import org.losslab.train.TrainingSetup;

/** A validated experiment: the spec as written and the training setup it resolves to (data loaded). */
public record ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup) {
    public String title() {
        return spec.name() == null ? "Untitled experiment" : spec.name();
    }
}
