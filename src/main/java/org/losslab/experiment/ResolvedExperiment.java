package org.losslab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.param.ParamValues;
import org.losslab.train.ComparisonRun;
import org.losslab.train.TrainingSetup;

/**
 * A validated experiment: the spec as written, the training setup it resolves to (data loaded), the teacher to
 * obtain before training when the spec distils one and, for a comparison, its arms (each the setup with the arm's
 * loss and model).
 *
 * @param teacher the resolved {@code teacher} section, or null; {@link TeacherPlan#obtain} gives the batch inputs
 *     that {@link TrainingSetup#withExtraInputs} adds to the setup (of every arm, in a comparison)
 */
public record ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup, TeacherPlan teacher,
        List<ComparisonRun.Arm> arms) {

    /** The data parameter of the generators that flip training labels. */
    public static final String LABEL_NOISE = "labelNoise";

    public ResolvedExperiment {
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    /** A single run without a teacher. */
    public ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup) {
        this(spec, setup, null, List.of());
    }

    /** A single run, with a teacher or without (null). */
    public ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup, TeacherPlan teacher) {
        this(spec, setup, teacher, List.of());
    }

    /** True when the file has a {@code compare} section: its arms train side by side instead of one run. */
    public boolean isComparison() {
        return !arms.isEmpty();
    }

    /**
     * The same experiment on another base setup (e.g. the learning rate typed before a reset): every arm keeps its
     * label, loss and model and takes everything else from {@code newSetup}.
     */
    public ResolvedExperiment rebased(ExperimentSpec newSpec, TrainingSetup newSetup) {
        List<ComparisonRun.Arm> moved = new ArrayList<>();
        for (ComparisonRun.Arm a : arms) {
            moved.add(ComparisonRun.Arm.of(newSetup, a.label(), a.setup().loss(), a.setup().model()));
        }
        return new ResolvedExperiment(newSpec, newSetup, teacher, moved);
    }

    /** How to run the comparison: the top-k and calibration bins of the {@code metrics} section, if any. */
    public ComparisonRun.Options comparisonOptions() {
        ExperimentSpec.Metrics m = spec.metrics();
        int topK = m == null || m.topK() == null ? 0 : m.topK();
        int bins = m == null || m.calibrationBins() == null ? ClassificationMetrics.DEFAULT_BINS : m.calibrationBins();
        return ComparisonRun.Options.DEFAULT.withMetrics(topK, bins);
    }

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
