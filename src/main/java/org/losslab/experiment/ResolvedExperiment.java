package org.losslab.experiment;

import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.param.ParamValues;
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

    /** The data parameter of the generators that flip training labels. */
    public static final String LABEL_NOISE = "labelNoise";

    public String title() {
        return spec.name() == null ? "Untitled experiment" : spec.name();
    }

    /**
     * The fraction of training labels the data source flipped to another class, 0 for clean data. Validation and
     * test labels are never flipped, so their accuracy is accuracy on the true classes: what a noise-robust loss is
     * judged by.
     */
    public double trainingLabelNoise() {
        ExperimentSpec.Component data = spec.data();
        if (data == null || data.id() == null) {
            return 0;
        }
        DataSource source = DataCatalog.find(data.id()).orElse(null);
        if (source == null || source.params().stream().noneMatch(p -> p.name().equals(LABEL_NOISE))) {
            return 0;
        }
        return ParamValues.resolve(source.displayName(), source.params(), data.params()).real(LABEL_NOISE);
    }
}
