package org.losslab.train;

import org.losslab.data.DataSplit;
import org.losslab.engine.OptimizerConfig;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;

/**
 * Everything a {@link TrainingRun} needs, already resolved and validated.
 *
 * @param engineId {@code nd4j} or {@code pytorch}
 * @param data train / validation (/ test) sets
 * @param model the network; its outputs equal the data's class count
 * @param loss the loss to minimise
 * @param optimizer update rule and its settings
 * @param batchSize examples per step, ≥ 1 (capped at the training-set size)
 * @param steps optimizer steps to run
 * @param seed seeds initialisation, shuffling and dropout
 * @param evalEvery steps between metric evaluations
 * @param snapshotEvery steps between parameter snapshots for probes
 * @param extraInputs inputs added to every batch (e.g. a teacher's logits); {@link ExtraInputs#NONE} by default
 * @param metrics what evaluations report besides loss and accuracy; {@link MetricSettings#DEFAULT} by default
 */
public record TrainingSetup(
        String engineId,
        DataSplit data,
        Model model,
        WeightedLoss loss,
        OptimizerConfig optimizer,
        int batchSize,
        long steps,
        long seed,
        int evalEvery,
        int snapshotEvery,
        ExtraInputs extraInputs,
        MetricSettings metrics) {

    public TrainingSetup(String engineId, DataSplit data, Model model, WeightedLoss loss, OptimizerConfig optimizer,
            int batchSize, long steps, long seed, int evalEvery, int snapshotEvery) {
        this(engineId, data, model, loss, optimizer, batchSize, steps, seed, evalEvery, snapshotEvery,
                ExtraInputs.NONE, MetricSettings.DEFAULT);
    }

    public TrainingSetup(String engineId, DataSplit data, Model model, WeightedLoss loss, OptimizerConfig optimizer,
            int batchSize, long steps, long seed, int evalEvery, int snapshotEvery, ExtraInputs extraInputs) {
        this(engineId, data, model, loss, optimizer, batchSize, steps, seed, evalEvery, snapshotEvery, extraInputs,
                MetricSettings.DEFAULT);
    }

    /** The same setup with another loss (a comparison arm). */
    public TrainingSetup withLoss(WeightedLoss newLoss) {
        return new TrainingSetup(engineId, data, model, newLoss, optimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery, extraInputs, metrics);
    }

    /** The same setup with another model (a comparison arm that changes the network). */
    public TrainingSetup withModel(Model newModel) {
        return new TrainingSetup(engineId, data, newModel, loss, optimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery, extraInputs, metrics);
    }

    /** The same setup with batch inputs from {@code provider}. */
    public TrainingSetup withExtraInputs(ExtraInputs provider) {
        return new TrainingSetup(engineId, data, model, loss, optimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery, provider, metrics);
    }

    /** The same setup with other evaluation settings. */
    public TrainingSetup withMetrics(MetricSettings settings) {
        return new TrainingSetup(engineId, data, model, loss, optimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery, extraInputs, settings);
    }

    /** The same setup with another optimizer (e.g. the learning rate typed before a reset). */
    public TrainingSetup withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingSetup(engineId, data, model, loss, newOptimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery, extraInputs, metrics);
    }

    public TrainingSetup {
        if (extraInputs == null) {
            extraInputs = ExtraInputs.NONE;
        }
        if (metrics == null) {
            metrics = MetricSettings.DEFAULT;
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("evalEvery must be at least 1, got " + evalEvery);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1, got " + snapshotEvery);
        }
    }
}
