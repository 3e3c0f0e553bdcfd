package org.losslab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.data.Batch;
import org.losslab.data.Dataset;
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
import org.losslab.model.StackedModel;

/**
 * k arms on the same network trained as one: their parameter sets stacked along a leading axis in ONE store, one
 * compiled program whose forward pass is the {@link StackedModel#forwardStacked batched} network (logits
 * [k,N,C]), each arm's loss applied to its slice, and the sum of the arms' reduced losses as the scalar to
 * differentiate. The arms' parameters never meet in the graph, so the gradient of the sum with respect to arm i's
 * slice is arm i's own gradient; Adam, AdamW and SGD update element-wise, so one optimizer over the stacked store
 * takes exactly the k separate steps. Per-op overhead, which dominates small models, is then paid once per step
 * instead of k times.
 *
 * <p>Everything a separate {@link TrainingRun} draws is drawn here in the same order from generators seeded the
 * same way: one batch order and one dropout mask per step (the arms share the architecture, so they would draw the
 * same ones), and per arm its own {@code prepare} random source and state. The batched run therefore reproduces k
 * separate runs up to floating-point summation order.
 *
 * <p>The one thing it cannot do alone is restore a single arm: when the divergence guard refuses an arm's step,
 * every arm goes back to the shared checkpoint.
 */
final class StackedArms implements ArmGroup {
    /** Per-arm inputs carry this prefix plus the arm index, e.g. {@code arm1.weights}. */
    private static final String ARM_PREFIX = "arm";
    private static final int EVAL_CHUNK = 1000;
    private static final double EXPLOSION_FACTOR = 1000;
    private static final int CHECKPOINT_EVERY = 10;

    private final List<TrainingSetup> setups;
    private final List<WeightedLoss> losses = new ArrayList<>();
    private final int k;
    private final StackedModel model;
    private final Map<String, int[]> shapes;
    private final Engine engine;
    private final ParameterStore params;
    private final CompiledProgram trainProgram;
    private final CompiledProgram evalProgram;
    private Optimizer optimizer;
    private final Random shuffleRng;
    private final Random noiseRng;
    private final Random[] prepareRng;
    private final List<Map<String, Object>> prepareState = new ArrayList<>();
    private final Dataset train;
    private final int batchSize;
    private int[] order;
    private int cursor;
    private long step;

    private final double[] lossSinceEval;
    private final double[] correctSinceEval;
    private long examplesSinceEval;
    private int batchesSinceEval;
    private final double[] firstLoss;
    private final double[] lastLoss;
    private Map<String, HostArray> lastGood;
    private long lastGoodStep;

    /** @param setups arms that {@link ComparisonRun#whyNotBatched} accepted */
    StackedArms(List<TrainingSetup> setups, Precision precision) {
        this.setups = List.copyOf(setups);
        this.k = setups.size();
        TrainingSetup first = setups.get(0);
        this.model = (StackedModel) first.model();
        this.shapes = model.parameterShapes();
        for (TrainingSetup s : setups) {
            losses.add(s.loss());
        }
        this.train = first.data().train();
        this.batchSize = Math.min(first.batchSize(), train.size());
        List<Map<String, HostArray>> initial = new ArrayList<>();
        for (TrainingSetup s : setups) {
            initial.add(s.model().initialParameters(new Random(s.seed())));
        }
        this.engine = Engines.create(first.engineId(), precision);
        try {
            this.params = engine.createParameters(stack(initial));
            this.trainProgram = engine.compile(program(model, losses, false));
            this.evalProgram = engine.compile(program(model, losses, true));
        } catch (RuntimeException | LinkageError e) {
            engine.close();
            throw e;
        }
        this.optimizer = Optimizer.create(first.optimizer());
        this.shuffleRng = new Random(first.seed() * 31 + 1);
        this.noiseRng = new Random(first.seed() * 31 + 2);
        this.prepareRng = new Random[k];
        for (int i = 0; i < k; i++) {
            prepareRng[i] = new Random(setups.get(i).seed() * 31 + 3);
            prepareState.add(new HashMap<>());
        }
        this.order = permutation(train.size(), shuffleRng);
        this.lossSinceEval = new double[k];
        this.correctSinceEval = new double[k];
        this.firstLoss = new double[k];
        this.lastLoss = new double[k];
        Arrays.fill(firstLoss, Double.NaN);
        Arrays.fill(lastLoss, Double.NaN);
        this.lastGood = params.toHost();
    }

    /**
     * The stacked network followed by every arm's loss: inputs {@code x} [N,...], {@code labels} [N], the shared
     * dropout masks and, per arm i, its extra and prepared inputs under {@code arm<i>.<name>}; outputs {@code loss}
     * (the sum of the arms' reduced losses, scalar), {@code armLoss} [k], {@code logits} [k,N,C] and, when
     * {@code perExampleOutput}, {@code perExample} [k,N].
     *
     * @param perExampleOutput false for the training step, which never reads them (an eager engine would still join
     *     them every step)
     */
    static Program program(StackedModel model, List<WeightedLoss> losses, boolean perExampleOutput) {
        int k = losses.size();
        return (ops, inputs, params) -> {
            Map<String, Tensor> shared = new HashMap<>();
            List<Map<String, Tensor>> perArm = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                perArm.add(new HashMap<>());
            }
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                int arm = armOf(e.getKey(), k);
                if (arm >= 0) {
                    perArm.get(arm).put(e.getKey().substring(prefix(arm).length()), e.getValue());
                } else if (!e.getKey().equals("x")) {
                    shared.put(e.getKey(), e.getValue());
                }
            }
            Tensor logits = model.forwardStacked(ops, inputs.get("x"), params, shared, k);
            long n = logits.dim(1);
            // Arm i's rows of the flattened [k·N, C] logits: one slice per arm, where slicing the copy axis would
            // need a slice and a squeeze. Every operation saved is paid once per arm and step.
            Tensor rows = ops.reshape(logits, k * n, logits.dim(2));
            Tensor[] reduced = new Tensor[k];
            Tensor[] perExample = new Tensor[k];
            for (int i = 0; i < k; i++) {
                Map<String, Tensor> rest = new HashMap<>(shared);
                rest.putAll(perArm.get(i));
                rest.put("logits", k == 1 ? rows : ops.slice(rows, 0, i * n, (i + 1) * n));
                WeightedLoss loss = losses.get(i);
                Tensor values = loss.perExample(ops, new LossInputs(rest));
                reduced[i] = ops.reshape(loss.terms().get(0).loss().reduction().apply(ops, values), 1);
                perExample[i] = perExampleOutput ? ops.unsqueeze(values, 0) : null;
            }
            Tensor armLoss = k == 1 ? reduced[0] : ops.concat(0, reduced);
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", ops.sum(armLoss, false));
            out.put("armLoss", armLoss);
            if (perExampleOutput) {
                out.put("perExample", k == 1 ? perExample[0] : ops.concat(0, perExample));
            }
            out.put("logits", logits);
            return out;
        };
    }

    private static String prefix(int arm) {
        return ARM_PREFIX + arm + ".";
    }

    /** The arm an input belongs to, or -1 for a shared input. */
    private static int armOf(String name, int k) {
        for (int i = 0; i < k; i++) {
            if (name.startsWith(prefix(i))) {
                return i;
            }
        }
        return -1;
    }

    /** k parameter maps of equal shapes → one map of [k, ...shape] arrays. */
    private Map<String, HostArray> stack(List<Map<String, HostArray>> sets) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int size = sets.get(0).get(e.getKey()).size();
            double[] data = new double[k * size];
            for (int i = 0; i < k; i++) {
                System.arraycopy(sets.get(i).get(e.getKey()).data(), 0, data, i * size, size);
            }
            int[] shape = new int[e.getValue().length + 1];
            shape[0] = k;
            System.arraycopy(e.getValue(), 0, shape, 1, e.getValue().length);
            out.put(e.getKey(), HostArray.wrap(data, shape));
        }
        return out;
    }

    /** Arm {@code arm}'s parameters with their single-model shapes, from a stacked host copy. */
    private Map<String, HostArray> unstack(Map<String, HostArray> stacked, int arm) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            double[] all = stacked.get(e.getKey()).data();
            int size = all.length / k;
            out.put(e.getKey(), HostArray.wrap(Arrays.copyOfRange(all, arm * size, (arm + 1) * size), e.getValue()));
        }
        return out;
    }

    @Override
    public String strategy() {
        return ComparisonRun.BATCHED;
    }

    @Override
    public int size() {
        return k;
    }

    @Override
    public long step(int arm) {
        return step;
    }

    @Override
    public double lastLoss(int arm) {
        return lastLoss[arm];
    }

    @Override
    public boolean restoresTogether() {
        return true;
    }

    @Override
    public String[] trainStep(boolean[] which) {
        int[] batch = nextBatch();
        Map<String, HostArray> inputs = batchInputs(train, batch, true);
        Map<String, HostArray> out = trainProgram.trainStep(inputs, params, "loss", optimizer,
                Set.of("armLoss", "logits"));
        double[] values = out.get("armLoss").data();
        step++;
        String[] problems = new String[k];
        boolean refused = false;
        for (int i = 0; i < k; i++) {
            if (Double.isNaN(firstLoss[i])) {
                firstLoss[i] = values[i];
            }
            if (!Double.isFinite(values[i])) {
                problems[i] = "the loss became " + values[i];
            } else if (values[i] > EXPLOSION_FACTOR * Math.max(1.0, firstLoss[i])) {
                problems[i] = String.format("the loss exploded from %.3g to %.3g", firstLoss[i], values[i]);
            }
            refused |= problems[i] != null;
        }
        if (!refused && step % CHECKPOINT_EVERY == 0 && !params.allFinite()) {
            Map<String, HostArray> now = params.toHost();
            for (int i = 0; i < k; i++) {
                if (!allFinite(unstack(now, i))) {
                    problems[i] = "parameters became NaN or infinite";
                    refused = true;
                }
            }
        }
        if (refused) {
            long failedAt = step;
            restoreLastGood();
            step = lastGoodStep;
            for (int i = 0; i < k; i++) {
                if (problems[i] != null) {
                    problems[i] = String.format("Training diverged at step %d: %s. Parameters restored to step %d. "
                            + "Try a smaller learning rate (now %.3g).", failedAt, problems[i], lastGoodStep,
                            optimizer.learningRate());
                }
            }
            return problems;
        }
        double[] logits = out.get("logits").data();
        int classes = model.outputs();
        for (int i = 0; i < k; i++) {
            lastLoss[i] = values[i];
            lossSinceEval[i] += values[i];
            correctSinceEval[i] += correct(logits, i * batch.length * classes, classes, train, batch);
        }
        examplesSinceEval += batch.length;
        batchesSinceEval++;
        if (step % CHECKPOINT_EVERY == 0) {
            lastGood = params.toHost();
            lastGoodStep = step;
        }
        return problems;
    }

    private static boolean allFinite(Map<String, HostArray> values) {
        return values.values().stream().allMatch(HostArray::allFinite);
    }

    private void restoreLastGood() {
        params.load(lastGood);
        double lr = optimizer.learningRate();
        // Moments accumulated from non-finite gradients are poisoned: start the optimizer afresh.
        optimizer = Optimizer.create(setups.get(0).optimizer().withLearningRate(lr));
        Arrays.fill(lossSinceEval, 0);
        Arrays.fill(correctSinceEval, 0);
        examplesSinceEval = 0;
        batchesSinceEval = 0;
    }

    @Override
    public List<List<MetricPoint>> evaluate(boolean[] which, boolean includeTest, MetricSettings metrics) {
        List<List<MetricPoint>> points = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            points.add(new ArrayList<>());
        }
        if (batchesSinceEval > 0) {
            for (int i = 0; i < k; i++) {
                points.get(i).add(new MetricPoint(step, "train", "loss", lossSinceEval[i] / batchesSinceEval));
                points.get(i).add(new MetricPoint(step, "train", "accuracy", correctSinceEval[i] / examplesSinceEval));
            }
        } else {
            SplitOutputs full = forward(train);
            for (int i = 0; i < k; i++) {
                points.get(i).add(new MetricPoint(step, "train", "loss", full.meanLoss[i]));
                points.get(i).add(new MetricPoint(step, "train", "accuracy", full.accuracy[i]));
            }
        }
        Arrays.fill(lossSinceEval, 0);
        Arrays.fill(correctSinceEval, 0);
        examplesSinceEval = 0;
        batchesSinceEval = 0;
        Dataset val = setups.get(0).data().validation();
        if (val != null && val.size() > 0) {
            evaluateSplit("val", val, metrics, points);
        }
        Dataset test = setups.get(0).data().test().orElse(null);
        if (includeTest && test != null && test.size() > 0) {
            evaluateSplit("test", test, metrics, points);
        }
        List<List<MetricPoint>> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(which[i] ? points.get(i) : List.of());
        }
        return out;
    }

    private void evaluateSplit(String split, Dataset data, MetricSettings metrics, List<List<MetricPoint>> points) {
        SplitOutputs o = forward(data);
        int classes = model.outputs();
        for (int i = 0; i < k; i++) {
            List<MetricPoint> p = points.get(i);
            p.add(new MetricPoint(step, split, "loss", o.meanLoss[i]));
            p.add(new MetricPoint(step, split, "accuracy", o.accuracy[i]));
            SplitMetrics.append(p, step, split, o.logits[i], classes, data.labels(), metrics);
        }
    }

    /**
     * A whole data set's stacked forward pass.
     *
     * @param logits per arm, row-major [size, classes]
     */
    private record SplitOutputs(double[] meanLoss, double[] accuracy, double[][] logits) {}

    private SplitOutputs forward(Dataset data) {
        int classes = model.outputs();
        double[] lossSum = new double[k];
        double[] correct = new double[k];
        double[][] logits = new double[k][data.size() * classes];
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Map<String, HostArray> out = evalProgram.run(
                    RunRequest.of(batchInputs(data, idx, false)).fetch("perExample", "logits"), params).outputs();
            double[] perExample = out.get("perExample").data();
            double[] z = out.get("logits").data();
            int rows = idx.length;
            for (int i = 0; i < k; i++) {
                for (int r = 0; r < rows; r++) {
                    lossSum[i] += perExample[i * rows + r];
                }
                correct[i] += correct(z, i * rows * classes, classes, data, idx);
                System.arraycopy(z, i * rows * classes, logits[i], from * classes, rows * classes);
            }
        }
        double[] meanLoss = new double[k];
        double[] accuracy = new double[k];
        for (int i = 0; i < k; i++) {
            meanLoss[i] = lossSum[i] / data.size();
            accuracy[i] = correct[i] / data.size();
        }
        return new SplitOutputs(meanLoss, accuracy, logits);
    }

    @Override
    public List<ParameterSnapshot> snapshots(boolean[] which) {
        Map<String, HostArray> all = params.toHost();
        List<ParameterSnapshot> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(which[i] ? new ParameterSnapshot(step, unstack(all, i)) : null);
        }
        return out;
    }

    @Override
    public void setLearningRate(double lr) {
        optimizer.setLearningRate(lr);
    }

    @Override
    public String engineDescription() {
        return engine.device().description();
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

    /**
     * The shared inputs (features, labels, one dropout mask) and each arm's extra and prepared inputs under its
     * prefix. Each arm's {@code prepare} sees exactly what it would see in its own run.
     */
    private Map<String, HostArray> batchInputs(Dataset data, int[] idx, boolean training) {
        Map<String, HostArray> shared = new LinkedHashMap<>();
        Batch batch = data.batch(idx);
        shared.put("x", HostArray.wrap(batch.features(), batch.shape()));
        double[] labels = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = batch.labels()[i];
        }
        shared.put("labels", HostArray.wrap(labels, idx.length));
        Map<String, HostArray> noise = training ? model.sampleNoise(idx.length, noiseRng, true) : Map.of();
        Map<String, HostArray> inputs = new LinkedHashMap<>(shared);
        inputs.put("x", tiled(shared.get("x")));
        inputs.putAll(noise);
        for (int i = 0; i < k; i++) {
            Map<String, HostArray> armInputs = new LinkedHashMap<>(setups.get(i).extraInputs().forBatch(data, idx,
                    training));
            Map<String, HostArray> hostView = new LinkedHashMap<>(shared);
            hostView.putAll(armInputs);
            hostView.putAll(noise);
            armInputs.putAll(losses.get(i).prepare(hostView,
                    new PrepareContext(prepareRng[i], step, training, prepareState.get(i))));
            for (Map.Entry<String, HostArray> e : armInputs.entrySet()) {
                inputs.put(prefix(i) + e.getKey(), e.getValue());
            }
        }
        return inputs;
    }

    /**
     * {@code x} [N, ...] repeated for every arm as [k, N, ...]: tiled here on the host, it costs the graph nothing,
     * and the batched matrix product needs the copy axis on both sides.
     */
    private HostArray tiled(HostArray x) {
        double[] one = x.data();
        double[] all = new double[k * one.length];
        for (int i = 0; i < k; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        int[] shape = new int[x.rank() + 1];
        shape[0] = k;
        System.arraycopy(x.shape(), 0, shape, 1, x.rank());
        return HostArray.wrap(all, shape);
    }

    /** Correct predictions of one arm: its rows start at {@code offset} in the stacked logits. */
    private static int correct(double[] z, int offset, int classes, Dataset data, int[] idx) {
        int hits = 0;
        for (int r = 0; r < idx.length; r++) {
            int row = offset + r * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (z[row + c] > z[row + best]) {
                    best = c;
                }
            }
            if (best == data.label(idx[r])) {
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
        params.close();
        engine.close();
    }
}
