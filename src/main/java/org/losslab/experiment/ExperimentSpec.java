package org.losslab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as saved in a JSON file: the whole state needed to reproduce a run. Version 1.
 *
 * @param version file format version (1)
 * @param name title shown in the app
 * @param description one or two sentences for a student
 * @param seed seeds data generation, initialisation, shuffling and dropout
 * @param engine {@code pytorch} or {@code nd4j}
 * @param task {@code classification} (the default) or {@code regression}; the data set must be of this task
 * @param data data source id and its parameters
 * @param model model type id and its parameters
 * @param loss one catalogue loss (id + params) or a weighted sum ({@code terms})
 * @param optimizer update rule and settings
 * @param batchSize examples per step
 * @param steps optimizer steps
 * @param evalEvery steps between metric evaluations
 * @param snapshotEvery steps between parameter snapshots for the probes (decision boundary)
 * @param compare optional: 2–4 arms trained side by side on the same data, initialisation and seed; each arm
 *     replaces the loss (and optionally the model) of this experiment
 * @param teacher optional: the teacher of a distillation experiment, trained first (or loaded from a run)
 * @param metrics optional: settings of the evaluation metrics (top-k, pass@N, calibration bins)
 * @param calibration optional: post-hoc calibration of the trained classifier (temperature scaling, CA)
 * @param embedding optional, for the {@code embedding} task: embedding dimension, P×K batches, held-out classes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "name", "description", "seed", "engine", "task", "data", "model", "loss", "optimizer",
    "batchSize", "steps", "evalEvery", "snapshotEvery", "compare", "teacher", "metrics", "calibration", "embedding"})
public record ExperimentSpec(
        Integer version,
        String name,
        String description,
        Long seed,
        String engine,
        String task,
        Component data,
        Component model,
        LossChoice loss,
        OptimizerChoice optimizer,
        Integer batchSize,
        Long steps,
        Integer evalEvery,
        Integer snapshotEvery,
        List<Arm> compare,
        Teacher teacher,
        Metrics metrics,
        Calibration calibration,
        Embedding embedding) {

    /** The foundation's fourteen fields; the optional sections absent. */
    public ExperimentSpec(Integer version, String name, String description, Long seed, String engine, String task,
            Component data, Component model, LossChoice loss, OptimizerChoice optimizer, Integer batchSize, Long steps,
            Integer evalEvery, Integer snapshotEvery) {
        this(version, name, description, seed, engine, task, data, model, loss, optimizer, batchSize, steps, evalEvery,
                snapshotEvery, null, null, null, null, null);
    }

    /** The sections up to {@code calibration}; no embedding section. */
    public ExperimentSpec(Integer version, String name, String description, Long seed, String engine, String task,
            Component data, Component model, LossChoice loss, OptimizerChoice optimizer, Integer batchSize, Long steps,
            Integer evalEvery, Integer snapshotEvery, List<Arm> compare, Teacher teacher, Metrics metrics,
            Calibration calibration) {
        this(version, name, description, seed, engine, task, data, model, loss, optimizer, batchSize, steps, evalEvery,
                snapshotEvery, compare, teacher, metrics, calibration, null);
    }

    /**
     * The {@code embedding} section; every field optional (defaults in brackets).
     *
     * @param dim embedding dimension, the model's outputs [2]
     * @param classesPerBatch P of the P×K batches [all seen classes, at most 8]
     * @param samplesPerClass K [8]
     * @param heldOutClasses the last this many classes are never trained on and measure the embedding [half]
     * @param jitter strength of the two views of two-view (contrastive) losses, 0…1 [0.1]
     * @param evalPoints held-out rows embedded for the metrics [1000]
     */
    public record Embedding(Integer dim, Integer classesPerBatch, Integer samplesPerClass, Integer heldOutClasses,
            Double jitter, Integer evalPoints) {}

    public static final int CURRENT_VERSION = 1;

    /** A catalogue entry and its parameters. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Component(String id, Map<String, Object> params) {
        public Component {
            params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        }
    }

    /** Either {@code id} (+ {@code params}) or a weighted sum in {@code terms}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LossChoice(String id, Map<String, Object> params, List<Term> terms) {
        public LossChoice {
            params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
            terms = terms == null ? List.of() : List.copyOf(terms);
        }

        public static LossChoice single(String id) {
            return new LossChoice(id, Map.of(), List.of());
        }
    }

    /** One weighted term of a composite loss. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Term(String id, Double weight, Map<String, Object> params) {
        public Term {
            params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        }
    }

    /**
     * One arm of a comparison.
     *
     * @param label legend text (defaults to the loss's name)
     * @param loss the arm's loss
     * @param model optional: a model replacing the experiment's (e.g. a two-head student); same seed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arm(String label, LossChoice loss, Component model) {}

    /**
     * The teacher of a distillation experiment: either trained first from {@code model}/{@code loss}/{@code steps},
     * or loaded from a saved run directory {@code run}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Teacher(Component model, LossChoice loss, Long steps, String run) {}

    /**
     * Evaluation settings.
     *
     * @param topK k of the top-k accuracy (default: 2 for up to 5 classes, else 5)
     * @param passAtN N of the pass@N curve (the DCO sample)
     * @param calibrationBins bins of the reliability diagram and ECE (default 15)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(Integer topK, Integer passAtN, Integer calibrationBins) {}

    /**
     * Post-hoc calibration of the trained classifier, compared by reliability diagram and ECE.
     *
     * @param methods which calibrators to fit, e.g. {@code temperature}, {@code ca}
     * @param steps optimizer steps of each calibrator
     * @param learningRate of the calibrators
     * @param params method settings (e.g. the views of CA calibration)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Calibration(List<String> methods, Long steps, Double learningRate, Map<String, Object> params) {
        public Calibration {
            methods = methods == null ? List.of() : List.copyOf(methods);
            params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        }
    }

    /** Optimizer settings; missing values take the defaults of the kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptimizerChoice(
            String kind, Double learningRate, Double beta1, Double beta2, Double epsilon, Double momentum,
            Double weightDecay) {}

    public ExperimentSpec withEngine(String newEngine) {
        return new ExperimentSpec(version, name, description, seed, newEngine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withSteps(long newSteps) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, optimizer,
                batchSize, newSteps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(version, name, description, newSeed, engine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withBatchSize(int newBatchSize) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, optimizer,
                newBatchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withData(Component newData) {
        return new ExperimentSpec(version, name, description, seed, engine, task, newData, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withModel(Component newModel) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, newModel, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withLoss(LossChoice newLoss) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, newLoss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withOptimizer(OptimizerChoice newOptimizer) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, newOptimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }

    public ExperimentSpec withName(String newName) {
        return new ExperimentSpec(version, newName, description, seed, engine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery, compare, teacher, metrics, calibration, embedding);
    }
}
