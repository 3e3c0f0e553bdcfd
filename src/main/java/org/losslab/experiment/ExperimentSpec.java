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
 * @param task {@code classification}
 * @param data data source id and its parameters
 * @param model model type id and its parameters
 * @param loss one catalogue loss (id + params) or a weighted sum ({@code terms})
 * @param optimizer update rule and settings
 * @param batchSize examples per step
 * @param steps optimizer steps
 * @param evalEvery steps between metric evaluations
 * @param snapshotEvery steps between parameter snapshots for the probes (decision boundary)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "name", "description", "seed", "engine", "task", "data", "model", "loss", "optimizer",
    "batchSize", "steps", "evalEvery", "snapshotEvery"})
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
        Integer snapshotEvery) {

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

    /** Optimizer settings; missing values take the defaults of the kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptimizerChoice(
            String kind, Double learningRate, Double beta1, Double beta2, Double epsilon, Double momentum,
            Double weightDecay) {}

    public ExperimentSpec withEngine(String newEngine) {
        return new ExperimentSpec(version, name, description, seed, newEngine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withSteps(long newSteps) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, optimizer,
                batchSize, newSteps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(version, name, description, newSeed, engine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withBatchSize(int newBatchSize) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, optimizer,
                newBatchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withData(Component newData) {
        return new ExperimentSpec(version, name, description, seed, engine, task, newData, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withModel(Component newModel) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, newModel, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withLoss(LossChoice newLoss) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, newLoss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withOptimizer(OptimizerChoice newOptimizer) {
        return new ExperimentSpec(version, name, description, seed, engine, task, data, model, loss, newOptimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }

    public ExperimentSpec withName(String newName) {
        return new ExperimentSpec(version, newName, description, seed, engine, task, data, model, loss, optimizer,
                batchSize, steps, evalEvery, snapshotEvery);
    }
}
