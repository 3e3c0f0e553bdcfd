package org.losslab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.losslab.data.ClassHoldOut;
import org.losslab.data.DataSplit;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.train.ComparisonRun;
import org.losslab.train.EmbeddingRun;
import org.losslab.train.EmbeddingSettings;
import org.losslab.train.TrainingSetup;

/**
 * The {@code embedding} task's part of an experiment file: its {@code embedding} section resolved to
 * {@link EmbeddingSettings} (defaults filled in from the data), and its losses checked against what an
 * {@link EmbeddingRun} supplies. Errors name the field, e.g. {@code embedding.heldOutClasses}.
 */
public final class EmbeddingSection {
    /** P×K defaults: up to this many classes a batch, this many examples each. */
    static final int DEFAULT_MAX_CLASSES_PER_BATCH = 8;
    static final int DEFAULT_SAMPLES_PER_CLASS = 8;
    static final int DEFAULT_DIM = 2;
    static final double DEFAULT_JITTER = 0.1;
    static final int DEFAULT_EVAL_POINTS = 1000;

    private EmbeddingSection() {}

    /** The settings for {@code spec} on {@code data} (classification data: its labels give the classes). */
    public static EmbeddingSettings settings(ExperimentSpec spec, DataSplit data) throws ExperimentException {
        ExperimentSpec.Embedding e = spec.embedding() == null
                ? new ExperimentSpec.Embedding(null, null, null, null, null, null) : spec.embedding();
        int classes = data.train().numClasses();
        int heldOut = e.heldOutClasses() == null ? classes / 2 : e.heldOutClasses();
        try {
            ClassHoldOut.lastClasses(classes, heldOut);
        } catch (IllegalArgumentException ex) {
            throw new ExperimentException("embedding.heldOutClasses", ex.getMessage());
        }
        int seen = classes - heldOut;
        int p = e.classesPerBatch() == null ? Math.min(seen, DEFAULT_MAX_CLASSES_PER_BATCH) : e.classesPerBatch();
        if (p > seen) {
            throw new ExperimentException("embedding.classesPerBatch", "at most the " + seen + " classes trained on "
                    + "(" + classes + " classes, " + heldOut + " held out), got " + p);
        }
        try {
            return new EmbeddingSettings(
                    e.dim() == null ? DEFAULT_DIM : e.dim(),
                    p,
                    e.samplesPerClass() == null ? DEFAULT_SAMPLES_PER_CLASS : e.samplesPerClass(),
                    heldOut,
                    e.jitter() == null ? DEFAULT_JITTER : e.jitter(),
                    e.evalPoints() == null ? DEFAULT_EVAL_POINTS : e.evalPoints());
        } catch (IllegalArgumentException ex) {
            String msg = ex.getMessage();
            String field = msg.substring(0, Math.max(0, msg.indexOf(' ')));
            throw new ExperimentException("embedding." + field, msg);
        }
    }

    /** Refuses a loss that needs inputs an embedding run does not supply, naming its field. */
    static void check(WeightedLoss loss, String field) throws ExperimentException {
        String why = EmbeddingRun.supports(loss);
        if (why != null) {
            throw new ExperimentException(field, why);
        }
    }

    /** The arms of an embedding comparison: each arm's loss (and model) resolved and checked. */
    static List<ComparisonRun.Arm> arms(List<ExperimentSpec.Arm> compare, TrainingSetup base, DataSplit data, int dim)
            throws ExperimentException {
        if (compare == null) {
            return List.of();
        }
        List<ComparisonRun.Arm> arms = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < compare.size(); i++) {
            String at = "compare[" + i + "]";
            ExperimentSpec.Arm arm = compare.get(i);
            if (arm == null || arm.loss() == null) {
                throw new ExperimentException(at + ".loss", "each arm needs a loss: 'id' (+ 'params') or 'terms'");
            }
            WeightedLoss loss = Experiments.loss(arm.loss(), at + ".loss");
            Experiments.requireLossesFor(org.losslab.data.Task.EMBEDDING, arm.loss(), loss, at + ".loss");
            check(loss, at + ".loss");
            Model model = arm.model() == null ? null : Experiments.model(arm.model(), data, at + ".model", dim);
            ComparisonRun.Arm resolved = ComparisonRun.Arm.of(base, arm.label(), loss, model);
            Integer twin = labels.putIfAbsent(resolved.label(), i);
            if (twin != null) {
                throw new ExperimentException(at + ".label", "arm labels must differ; '" + resolved.label()
                        + "' is also the label of compare[" + twin + "]");
            }
            arms.add(resolved);
        }
        return arms;
    }
}
