package org.losslab.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.analysis.RegressionMetrics;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.data.Batch;
import org.losslab.data.Dataset;
import org.losslab.data.Task;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;

/**
 * The training loop, free of any UI: seeded, reproducible (same setup and seed give identical metrics on CPU),
 * controllable between steps, and guarded against divergence.
 *
 * <p>It owns its engine, parameters and compiled programs; only the thread that calls {@link #step()} or
 * {@link #run} may touch them. Everything it publishes is a host copy.
 */
public final class TrainingRun implements AutoCloseable {
    /** Rows per evaluation chunk: bounds memory on large validation sets. */
    private static final int EVAL_CHUNK = 1000;
    /** A loss this many times its first value counts as divergence even while still finite. */
    private static final double EXPLOSION_FACTOR = 1000;
    private static final int CHECKPOINT_EVERY = 10;

    private final TrainingSetup setup;
    private final Model model;
    private final WeightedLoss loss;
    private final Engine engine;
    private final ParameterStore params;
    private final CompiledProgram trainProgram;
    private final CompiledProgram evalProgram;
    /** The model alone, for losses whose {@code prepare} reads the predictions; null otherwise. */
    private final CompiledProgram forwardProgram;
    /** The model alone in evaluation mode, for {@link #logits}; compiled on first use. */
    private CompiledProgram logitsProgram;
    /** Per-run state of the losses' {@code prepare} (e.g. per-instance λ), and its seeded draws. */
    private final Map<String, Object> prepareState = new HashMap<>();
    private final Random prepareRng;
    private Optimizer optimizer;
    private final Random shuffleRng;
    private final Random noiseRng;
    private final Dataset train;
    /** Real-valued targets: {@code target} replaces {@code labels}, and the model's logits are the {@code pred}. */
    private final boolean regression;
    private final int batchSize;
    private int[] order;
    private int cursor;
    private long step;

    private double lossSinceEval;
    private double correctSinceEval;
    private long examplesSinceEval;
    private int batchesSinceEval;
    private double firstLoss = Double.NaN;
    private double lastLoss = Double.NaN;
    private Map<String, HostArray> lastGood;
    private long lastGoodStep;
    /**
     * Parameters saved at a checkpoint but not yet trusted: the loss of a step is computed before its update, so the
     * parameters after step k are known good only once step k + 1's loss is. Restoring an unverified copy after a
     * blow-up (e.g. at a huge learning rate) would hand back parameters that blow up again at once.
     */
    private Map<String, HostArray> unverified;
    private long unverifiedStep;
    private String divergence;
    private EvaluationReport lastReport;

    public TrainingRun(TrainingSetup setup) {
        this(setup, Precision.FLOAT32);
    }

    public TrainingRun(TrainingSetup setup, Precision precision) {
        this.setup = setup;
        this.model = setup.model();
        this.loss = setup.loss();
        this.train = setup.data().train();
        this.regression = train.isRegression();
        if (model.outputs() != train.modelOutputs()) {
            throw new IllegalArgumentException("model has " + model.outputs() + " outputs but the data has "
                    + (regression ? train.targetDims() + " target values per example" : train.numClasses()
                            + " classes"));
        }
        this.batchSize = Math.min(setup.batchSize(), train.size());
        this.engine = Engines.create(setup.engineId(), precision);
        try {
            this.params = engine.createParameters(model.initialParameters(new Random(setup.seed())));
            this.trainProgram = engine.compile(program(model, loss, train.task()));
            this.evalProgram = engine.compile(program(model, loss, train.task()));
            this.forwardProgram = loss.preparesFromPredictions() ? engine.compile(forwardProgram(model)) : null;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        this.optimizer = Optimizer.create(setup.optimizer());
        this.shuffleRng = new Random(setup.seed() * 31 + 1);
        this.noiseRng = new Random(setup.seed() * 31 + 2);
        this.prepareRng = new Random(setup.seed() * 31 + 3);
        this.order = permutation(train.size(), shuffleRng);
        this.lastGood = params.toHost();
    }

    /** The model alone: its {@link Model#outputs} from {@code x} [N,...] and optional noise masks. */
    public static Program forwardProgram(Model model) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x = rest.remove("x");
            return new LinkedHashMap<>(model.outputs(ops, x, params, rest));
        };
    }

    /**
     * Model forward pass followed by the loss: inputs {@code x} [N,...], {@code labels} [N], optional noise masks
     * and prepared loss helpers; outputs {@code loss} (scalar), {@code perExample} [N] and {@code logits} [N,C].
     */
    public static Program program(Model model, WeightedLoss loss) {
        return program(model, loss, Task.CLASSIFICATION);
    }

    /**
     * {@link #program(Model, WeightedLoss)} for a task: for {@link Task#REGRESSION} the inputs carry {@code target}
     * [N,T] instead of {@code labels}, and the model's {@code logits} [N,T] reach the loss as {@code pred}.
     */
    public static Program program(Model model, WeightedLoss loss, Task task) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x = rest.remove("x");
            Map<String, Tensor> modelOutputs = model.outputs(ops, x, params, rest);
            Tensor logits = modelOutputs.get("logits");
            rest.putAll(modelOutputs);
            if (task == Task.REGRESSION) {
                rest.put("pred", logits);
            }
            Tensor perExample = loss.perExample(ops, new LossInputs(rest));
            Tensor reduced = loss.terms().get(0).loss().reduction().apply(ops, perExample);
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", reduced);
            out.put("perExample", perExample);
            out.put("logits", logits);
            return out;
        };
    }

    public TrainingSetup setup() {
        return setup;
    }

    public long step() {
        return step;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public String engineDescription() {
        return engine.device().description();
    }

    /** A host copy of the current parameters. */
    public ParameterSnapshot snapshot() {
        return new ParameterSnapshot(step, params.toHost());
    }

    /** Why the last step was refused by the divergence guard, or null. */
    public String divergence() {
        return divergence;
    }

    /**
     * The model's logits on a whole data set, in evaluation mode (no dropout) and without the loss, so the run's
     * seeded draws are left untouched.
     *
     * @return row-major [data.size(), classes]
     */
    public double[] logits(Dataset data) {
        if (logitsProgram == null) {
            logitsProgram = engine.compile(forwardProgram(model));
        }
        int classes = model.outputs();
        double[] logits = new double[data.size() * classes];
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Batch batch = data.batch(idx);
            Map<String, HostArray> inputs = Map.of("x", HostArray.wrap(batch.features(), batch.shape()));
            HostArray chunk = logitsProgram.run(RunRequest.of(inputs).fetch("logits"), params).output("logits");
            System.arraycopy(chunk.data(), 0, logits, from * classes, idx.length * classes);
        }
        return logits;
    }

    public void setLearningRate(double lr) {
        optimizer.setLearningRate(lr);
    }

    public double learningRate() {
        return optimizer.learningRate();
    }

    /**
     * One optimizer step on the next batch.
     *
     * @return false when the divergence guard stopped it (parameters restored; see {@link #divergence()})
     */
    public boolean trainStep() {
        int[] batch = nextBatch();
        Map<String, HostArray> inputs = batchInputs(train, batch, true);
        Map<String, HostArray> out = trainProgram.trainStep(inputs, params, "loss", optimizer, Set.of("loss", "logits"));
        double value = out.get("loss").item();
        step++;
        if (Double.isNaN(firstLoss)) {
            firstLoss = value;
        }
        String problem = null;
        if (!Double.isFinite(value)) {
            problem = "the loss became " + value;
        } else if (value > EXPLOSION_FACTOR * Math.max(1.0, firstLoss)) {
            problem = String.format("the loss exploded from %.3g to %.3g", firstLoss, value);
        } else if (step % CHECKPOINT_EVERY == 0 && !params.allFinite()) {
            problem = "parameters became NaN or infinite";
        }
        if (problem != null) {
            restoreLastGood();
            divergence = String.format(
                    "Training diverged at step %d: %s. Parameters restored to step %d. Try a smaller learning rate "
                            + "(now %.3g).",
                    step, problem, lastGoodStep, optimizer.learningRate());
            step = lastGoodStep;
            return false;
        }
        divergence = null;
        lastLoss = value;
        lossSinceEval += value;
        batchesSinceEval++;
        if (!regression) {
            correctSinceEval += correct(out.get("logits"), train, batch);
        }
        examplesSinceEval += batch.length;
        if (unverified != null) {
            lastGood = unverified; // this step's loss, computed from them, was fine
            lastGoodStep = unverifiedStep;
            unverified = null;
        }
        if (step % CHECKPOINT_EVERY == 0) {
            unverified = params.toHost();
            unverifiedStep = step;
        }
        return true;
    }

    private void restoreLastGood() {
        unverified = null;
        params.load(lastGood);
        double lr = optimizer.learningRate();
        // Moments accumulated from non-finite gradients are poisoned: start the optimizer afresh.
        optimizer = Optimizer.create(setup.optimizer().withLearningRate(lr));
        lossSinceEval = 0;
        correctSinceEval = 0;
        examplesSinceEval = 0;
        batchesSinceEval = 0;
    }

    /**
     * Metrics at the current step: train loss and accuracy averaged over the batches since the last evaluation;
     * loss, accuracy, top-k accuracy, ECE (and expected pass@N when asked for) on the whole validation set, and on
     * the test set when {@code includeTest}. The per-split detail (reliability bins, confusion matrix) becomes
     * {@link #lastReport()}.
     */
    public List<MetricPoint> evaluate(boolean includeTest) {
        if (regression) {
            return evaluateRegression(includeTest);
        }
        List<MetricPoint> points = new ArrayList<>();
        if (batchesSinceEval > 0) {
            points.add(new MetricPoint(step, "train", "loss", lossSinceEval / batchesSinceEval));
            points.add(new MetricPoint(step, "train", "accuracy", correctSinceEval / examplesSinceEval));
        } else {
            double[] full = evaluateOn(train);
            points.add(new MetricPoint(step, "train", "loss", full[0]));
            points.add(new MetricPoint(step, "train", "accuracy", full[1]));
        }
        lossSinceEval = 0;
        correctSinceEval = 0;
        examplesSinceEval = 0;
        batchesSinceEval = 0;
        Map<String, ClassificationMetrics> detail = new LinkedHashMap<>();
        int topK = setup.metrics().topKFor(train.numClasses());
        Dataset val = setup.data().validation();
        if (val != null && val.size() > 0) {
            evaluateSplit(EvaluationReport.VALIDATION, val, topK, points, detail);
        }
        Dataset test = setup.data().test().orElse(null);
        if (includeTest && test != null && test.size() > 0) {
            evaluateSplit(EvaluationReport.TEST, test, topK, points, detail);
        }
        lastReport = new EvaluationReport(step, detail, topK, setup.metrics().passAtN());
        return points;
    }

    /** The detail of the latest {@link #evaluate}, or null before the first. */
    public EvaluationReport lastReport() {
        return lastReport;
    }

    private void evaluateSplit(String split, Dataset data, int topK, List<MetricPoint> points,
            Map<String, ClassificationMetrics> detail) {
        SplitOutputs out = forward(data);
        points.add(new MetricPoint(step, split, "loss", out.meanLoss()));
        points.add(new MetricPoint(step, split, "accuracy", out.accuracy()));
        if (!out.logitsFinite()) {
            return; // calibration of a model whose outputs overflowed means nothing; the loss curve already shows it
        }
        MetricSettings settings = setup.metrics();
        ClassificationMetrics m = ClassificationMetrics.of(out.logits(), out.classes(), data.labels(),
                settings.calibrationBins());
        if (topK > 0) {
            points.add(new MetricPoint(step, split, MetricSettings.topKName(topK), m.topK(topK)));
        }
        points.add(new MetricPoint(step, split, "ECE", m.ece()));
        if (settings.passAtN() > 0) {
            points.add(new MetricPoint(step, split, MetricSettings.passAtNName(settings.passAtN()),
                    m.expectedPassAtN(settings.passAtN())));
        }
        detail.put(split, m);
    }

    /**
     * {mean loss, accuracy} over a whole data set, evaluated in chunks without dropout; accuracy is NaN for regression
     * data (see {@link #regressionMetricsOn(Dataset)}).
     */
    public double[] evaluateOn(Dataset data) {
        if (data.isRegression()) {
            return new double[] {regressionOn(data).loss(), Double.NaN};
        }
        SplitOutputs out = forward(data);
        return new double[] {out.meanLoss(), out.accuracy()};
    }

    /**
     * A whole data set's forward pass, chunk by chunk.
     *
     * @param logits row-major [size, classes]
     */
    private record SplitOutputs(double meanLoss, double accuracy, double[] logits, int classes) {
        boolean logitsFinite() {
            for (double z : logits) {
                if (!Double.isFinite(z)) {
                    return false;
                }
            }
            return true;
        }
    }

    private SplitOutputs forward(Dataset data) {
        double lossSum = 0;
        double correct = 0;
        int classes = model.outputs();
        double[] logits = new double[data.size() * classes];
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Map<String, HostArray> out = evalProgram.run(
                            RunRequest.of(batchInputs(data, idx, false)).fetch("perExample", "logits"), params)
                    .outputs();
            for (double v : out.get("perExample").data()) {
                lossSum += v;
            }
            HostArray chunk = out.get("logits");
            correct += correct(chunk, data, idx);
            System.arraycopy(chunk.data(), 0, logits, from * classes, idx.length * classes);
        }
        return new SplitOutputs(lossSum / data.size(), correct / data.size(), logits, classes);
    }

    /**
     * Regression metrics at the current step: train loss averaged over the batches since the last evaluation; on
     * validation (and test, when {@code includeTest}) the loss and the MSE, MAE and R² of the predictions against
     * the (clean) targets.
     */
    private List<MetricPoint> evaluateRegression(boolean includeTest) {
        List<MetricPoint> points = new ArrayList<>();
        double trainLoss = batchesSinceEval > 0 ? lossSinceEval / batchesSinceEval : regressionOn(train).loss();
        points.add(new MetricPoint(step, "train", "loss", trainLoss));
        lossSinceEval = 0;
        correctSinceEval = 0;
        examplesSinceEval = 0;
        batchesSinceEval = 0;
        Dataset val = setup.data().validation();
        if (val != null && val.size() > 0) {
            regressionOn(val).addTo(points, step, "val");
        }
        Dataset test = setup.data().test().orElse(null);
        if (includeTest && test != null && test.size() > 0) {
            regressionOn(test).addTo(points, step, "test");
        }
        return points;
    }

    /** Mean loss and the fit's metrics over one data set. */
    private record RegressionEvaluation(double loss, RegressionMetrics metrics) {
        void addTo(List<MetricPoint> points, long step, String split) {
            points.add(new MetricPoint(step, split, "loss", loss));
            points.add(new MetricPoint(step, split, "mse", metrics.mse()));
            points.add(new MetricPoint(step, split, "mae", metrics.mae()));
            points.add(new MetricPoint(step, split, "r2", metrics.r2()));
        }
    }

    /**
     * The predictions' MSE, MAE and R² against a regression data set's targets, evaluated in chunks without dropout.
     *
     * @throws IllegalStateException if {@code data} has no regression targets
     */
    public RegressionMetrics regressionMetricsOn(Dataset data) {
        return regressionOn(data).metrics();
    }

    private RegressionEvaluation regressionOn(Dataset data) {
        double lossSum = 0;
        double[] predictions = new double[data.size() * data.targetDims()];
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Map<String, HostArray> out = evalProgram.run(
                            RunRequest.of(batchInputs(data, idx, false)).fetch("perExample", "logits"), params)
                    .outputs();
            for (double v : out.get("perExample").data()) {
                lossSum += v;
            }
            double[] pred = out.get("logits").data();
            System.arraycopy(pred, 0, predictions, from * data.targetDims(), pred.length);
        }
        return new RegressionEvaluation(lossSum / data.size(),
                RegressionMetrics.of(predictions, data.targets(), data.targetDims()));
    }

    /**
     * Runs until the configured steps are done or {@code control} stops it, evaluating every {@code evalEvery}
     * steps and publishing snapshots every {@code snapshotEvery} steps. On divergence it pauses.
     */
    public RunStatus run(RunControl control, TrainingListener listener) throws InterruptedException {
        long lastTick = System.nanoTime();
        double stepsPerSecond = 0;
        if (step == 0) {
            publishEvaluation(listener, false);
            listener.onParameters(snapshot());
        }
        while (step < setup.steps()) {
            final double speed = stepsPerSecond;
            boolean go = control.awaitPermission(() -> listener.onProgress(
                    new Progress(step, setup.steps(), speed, lastLoss, RunStatus.PAUSED, "Paused at step " + step)));
            if (!go) {
                listener.onProgress(new Progress(step, setup.steps(), stepsPerSecond, lastLoss, RunStatus.STOPPED,
                        "Stopped at step " + step));
                return RunStatus.STOPPED;
            }
            // Taken after the wait: a rate lowered while paused (after a divergence) must govern the very next step;
            // one more step at the old rate would throw the restored parameters out again.
            double lr = control.takeLearningRate();
            if (!Double.isNaN(lr)) {
                optimizer.setLearningRate(lr);
            }
            if (!trainStep()) {
                control.pause();
                listener.onParameters(snapshot());
                listener.onProgress(new Progress(step, setup.steps(), 0, lastLoss, RunStatus.DIVERGED, divergence));
                continue;
            }
            long now = System.nanoTime();
            double instant = 1e9 / Math.max(1, now - lastTick);
            lastTick = now;
            stepsPerSecond = stepsPerSecond == 0 ? instant : 0.95 * stepsPerSecond + 0.05 * instant;
            boolean last = step == setup.steps();
            if (step % setup.evalEvery() == 0 || last) {
                publishEvaluation(listener, last);
            }
            if (step % setup.snapshotEvery() == 0 || last) {
                listener.onParameters(snapshot());
            }
            listener.onProgress(new Progress(step, setup.steps(), stepsPerSecond, lastLoss,
                    last ? RunStatus.FINISHED : RunStatus.RUNNING, last ? "Finished " + step + " steps" : ""));
        }
        return RunStatus.FINISHED;
    }

    private void publishEvaluation(TrainingListener listener, boolean includeTest) {
        listener.onMetrics(evaluate(includeTest));
        listener.onReport(lastReport);
    }

    private int[] nextBatch() {
        int[] batch = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            if (cursor == order.length) {
                order = permutation(train.size(), shuffleRng);
                cursor = 0;
            }
            batch[i] = order[cursor++];
        }
        return batch;
    }

    private Map<String, HostArray> batchInputs(Dataset data, int[] idx, boolean training) {
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        Batch batch = data.batch(idx);
        inputs.put("x", HostArray.wrap(batch.features(), batch.shape()));
        if (data.isRegression()) {
            inputs.put("target", HostArray.wrap(data.targetsOf(idx), idx.length, data.targetDims()));
        } else {
            double[] labels = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = batch.labels()[i];
            }
            inputs.put("labels", HostArray.wrap(labels, idx.length));
        }
        inputs.putAll(setup.extraInputs().forBatch(data, idx, training));
        if (training) {
            inputs.putAll(model.sampleNoise(idx.length, noiseRng, true));
        }
        Map<String, HostArray> hostView = inputs;
        if (forwardProgram != null) {
            hostView = new LinkedHashMap<>(inputs);
            hostView.putAll(forwardProgram.run(RunRequest.of(inputs).fetch(model.outputNames().toArray(String[]::new)),
                    params).outputs());
            double[] ids = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                ids[i] = idx[i];
            }
            // Row indices key per-instance state; they mean training rows only while training.
            if (training) {
                hostView.put("instanceIds", HostArray.wrap(ids, idx.length));
            }
        }
        inputs.putAll(loss.prepare(hostView, new PrepareContext(prepareRng, step, training, prepareState)));
        return inputs;
    }

    private static int correct(HostArray logits, Dataset data, int[] idx) {
        int classes = logits.dim(1);
        double[] z = logits.data();
        int hits = 0;
        for (int i = 0; i < idx.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (z[i * classes + c] > z[i * classes + best]) {
                    best = c;
                }
            }
            if (best == data.label(idx[i])) {
                hits++;
            }
        }
        return hits;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public void close() {
        trainProgram.close();
        evalProgram.close();
        if (forwardProgram != null) {
            forwardProgram.close();
        }
        if (logitsProgram != null) {
            logitsProgram.close();
        }
        params.close();
        engine.close();
    }
}
