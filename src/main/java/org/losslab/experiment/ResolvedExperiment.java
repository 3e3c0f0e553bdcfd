package org.losslab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.train.ComparisonRun;
import org.losslab.train.TrainingSetup;

/**
 * A validated experiment: the spec as written, the training setup it resolves to (data loaded) and, for a
 * comparison, its arms (each the setup with the arm's loss and model).
 */
public record ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup, List<ComparisonRun.Arm> arms) {

    public ResolvedExperiment {
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    /** A single run. */
    public ResolvedExperiment(ExperimentSpec spec, TrainingSetup setup) {
        this(spec, setup, List.of());
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
        return new ResolvedExperiment(newSpec, newSetup, moved);
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
}
