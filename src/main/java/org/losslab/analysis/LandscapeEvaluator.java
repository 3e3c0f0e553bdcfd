package org.losslab.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import org.losslab.data.Batch;
import org.losslab.data.Dataset;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.Reduction;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.model.StackedModel;

/**
 * The training loss of one model on a fixed probe batch at many points of parameter space: grids over a plane,
 * 1-D slices, interpolations, and gradients for {@link Sharpness}.
 *
 * <p>The loss is exactly the training loss (the loss's per-example values reduced as in training), in evaluation
 * mode (no dropout), so the loss at θ equals what training reports on the same examples.
 *
 * <p><b>Fast path.</b> Per-operation overhead dominates small models on both engines, so when the model is a
 * {@link StackedModel} the evaluator stacks k perturbed parameter sets and evaluates them in one engine call (one
 * batched forward pass, the loss over the k·N rows, a mean per copy): {@link LandscapeGrid#BATCHED}. The chunk k is
 * chosen so that the activations stay within {@link #ACTIVATION_BUDGET_BYTES}. The first batched chunk is checked
 * against per-point evaluation at two of its points; a loss that couples the examples of a batch would disagree, and
 * the evaluator then falls back to one forward pass per point ({@link LandscapeGrid#PER_POINT}) and says why.
 *
 * <p>Engines are per-thread: an evaluator creates and owns its engine, and must be created, used and closed on
 * one thread.
 */
public final class LandscapeEvaluator implements AutoCloseable {
    /** Probe rows by default: enough for a smooth landscape, few enough to evaluate it thousands of times. */
    public static final int DEFAULT_PROBE_ROWS = 512;
    /** Bound on the activations of one batched call. */
    public static final long ACTIVATION_BUDGET_BYTES = 64L << 20;
    /** The largest chunk: beyond it the per-operation overhead is already negligible. */
    static final int MAX_CHUNK = 512;

    private final Model model;
    private final WeightedLoss loss;
    private final Map<String, int[]> shapes;
    private final Precision precision;
    private final Engine engine;
    private final int rows;
    private final boolean regression;
    /** x, labels or target of the probe rows. */
    private final Map<String, HostArray> dataInputs;
    private final long seed;
    private final CompiledProgram lossProgram;
    private final CompiledProgram forwardProgram;
    /** What the loss's {@code prepare} adds, when it does not depend on the predictions; else null. */
    private final Map<String, HostArray> fixedPrepared;
    private ParameterStore store;
    private final Map<Integer, Stacked> stacked = new HashMap<>();
    private String whyPerPoint;
    private boolean batchedChecked;

    /** One compiled batched program for k copies, its stacked store and its tiled inputs. */
    private record Stacked(int copies, CompiledProgram program, ParameterStore store, Map<String, HostArray> inputs) {}

    /**
     * @param engineId the engine to create (this evaluator's own instance)
     * @param precision float64 for agreement tests and sharpness; float32 is the training default
     * @param data the probe rows are drawn from it (typically the training set)
     * @param probeRows how many rows: all of {@code data} when it has no more, else a seeded choice
     * @param seed seeds the choice of rows and the loss's {@code prepare} draws
     */
    public LandscapeEvaluator(String engineId, Precision precision, Model model, WeightedLoss loss, Dataset data,
            int probeRows, long seed) {
        if (probeRows < 1) {
            throw new IllegalArgumentException("probeRows must be at least 1, got " + probeRows);
        }
        if (model.outputs() != data.modelOutputs()) {
            throw new IllegalArgumentException("model has " + model.outputs() + " outputs but the probe data needs "
                    + data.modelOutputs());
        }
        this.model = model;
        this.loss = loss;
        this.shapes = model.parameterShapes();
        this.precision = precision;
        this.seed = seed;
        this.regression = data.isRegression();
        int[] idx = probeRows(data.size(), probeRows, seed);
        this.rows = idx.length;
        this.dataInputs = dataInputs(data, idx);
        this.whyPerPoint = reasonNotBatched(model, loss);
        this.engine = Engines.create(engineId, precision);
        try {
            this.lossProgram = engine.compile(lossProgram(model, loss, regression));
            this.forwardProgram = loss.preparesFromPredictions() ? engine.compile(forward(model)) : null;
        } catch (RuntimeException | LinkageError e) {
            engine.close();
            throw e;
        }
        this.fixedPrepared = loss.preparesFromPredictions() ? null
                : loss.prepare(dataInputs, PrepareContext.standalone(seed));
    }

    private static String reasonNotBatched(Model model, WeightedLoss loss) {
        if (!(model instanceof StackedModel s) || !s.stacksWith(model)) {
            return model.describe() + " has no stacked forward pass";
        }
        if (!model.outputNames().equals(java.util.Set.of("logits"))) {
            return "the model offers the loss more than its logits";
        }
        if (loss.preparesFromPredictions()) {
            return "the loss prepares its inputs from each point's predictions";
        }
        return null;
    }

    /** The indices of the probe rows: all rows, or {@code wanted} of them chosen with {@code seed}, ascending. */
    static int[] probeRows(int size, int wanted, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= wanted) {
            return all;
        }
        Random rng = new Random(seed);
        for (int i = 0; i < wanted; i++) {
            int j = i + rng.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, wanted);
        Arrays.sort(chosen);
        return chosen;
    }

    private static Map<String, HostArray> dataInputs(Dataset data, int[] idx) {
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
        return inputs;
    }

    /**
     * The training loss after the model's forward pass without dropout: inputs {@code x} [N,...], {@code labels} [N]
     * (or {@code target} [N,T]) and prepared helpers; output {@code loss} (scalar).
     */
    static Program lossProgram(Model model, WeightedLoss loss, boolean regression) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x = rest.remove("x");
            Map<String, Tensor> outputs = model.outputs(ops, x, params, Map.of());
            rest.putAll(outputs);
            if (regression) {
                rest.put("pred", outputs.get("logits"));
            }
            Tensor perExample = loss.perExample(ops, new LossInputs(rest));
            return Map.of("loss", loss.terms().get(0).loss().reduction().apply(ops, perExample));
        };
    }

    private static Program forward(Model model) {
        return (ops, inputs, params) -> new LinkedHashMap<>(model.outputs(ops, inputs.get("x"), params, Map.of()));
    }

    /**
     * k copies of the network and the loss in one program: inputs {@code x} [k,N,...] and the per-example inputs
     * tiled to [k·N,...]; output {@code losses} [k], each copy's loss reduced as in training.
     */
    static Program stackedProgram(StackedModel model, WeightedLoss loss, boolean regression, int copies) {
        boolean sum = loss.terms().get(0).loss().reduction() == Reduction.SUM;
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x = rest.remove("x");
            Tensor logits = model.forwardStacked(ops, x, params, Map.of(), copies);
            long n = logits.dim(1);
            Tensor flat = ops.reshape(logits, copies * n, logits.dim(2));
            rest.put("logits", flat);
            if (regression) {
                rest.put("pred", flat);
            }
            Tensor perCopy = ops.reshape(loss.perExample(ops, new LossInputs(rest)), copies, n);
            return Map.of("losses", sum ? ops.sum(perCopy, false, 1) : ops.mean(perCopy, false, 1));
        };
    }

    /** Rows of the probe batch. */
    public int probeRows() {
        return rows;
    }

    public Precision precision() {
        return precision;
    }

    /** How grids are evaluated: {@link LandscapeGrid#BATCHED} or {@link LandscapeGrid#PER_POINT}. */
    public String evaluation() {
        return whyPerPoint == null ? LandscapeGrid.BATCHED : LandscapeGrid.PER_POINT;
    }

    /** Why evaluation is per point, when it is. */
    public Optional<String> whyPerPoint() {
        return Optional.ofNullable(whyPerPoint);
    }

    /** The loss at θ [P] on the probe batch: one forward pass. */
    public double loss(double[] theta) {
        return run(theta, false).output("loss").item();
    }

    /** The gradient [P] of the loss at θ [P] on the probe batch, flat in parameter order. */
    public double[] gradient(double[] theta) {
        RunResult r = run(theta, true);
        return ParameterVector.flatten(shapes, r.parameterGradients());
    }

    private RunResult run(double[] theta, boolean gradient) {
        Map<String, HostArray> params = ParameterVector.unflatten(shapes, theta);
        if (store == null) {
            store = engine.createParameters(params);
        } else {
            store.load(params);
        }
        Map<String, HostArray> inputs = new LinkedHashMap<>(dataInputs);
        inputs.putAll(prepared(store));
        RunRequest request = RunRequest.of(inputs);
        request = gradient ? request.gradientOf("loss").parameterGradients() : request.fetch("loss");
        return lossProgram.run(request, store);
    }

    private Map<String, HostArray> prepared(ParameterStore params) {
        if (fixedPrepared != null) {
            return fixedPrepared;
        }
        Map<String, HostArray> hostView = new LinkedHashMap<>(dataInputs);
        hostView.putAll(forwardProgram.run(RunRequest.of(dataInputs).fetch(model.outputNames().toArray(String[]::new)),
                params).outputs());
        return loss.prepare(hostView, PrepareContext.standalone(seed));
    }

    /**
     * The loss on an n×n grid θ + α·d1 + β·d2, α and β from −r to r; batched when the model allows it.
     *
     * @param theta the centre [P]
     * @param step the training step of θ, carried into the grid
     */
    public LandscapeGrid grid(double[] theta, LandscapeDirections directions, int n, double radius, long step) {
        return grid(theta, directions, n, radius, step, true);
    }

    /**
     * {@link #grid(double[], LandscapeDirections, int, double, long)} with the batched path allowed or not (the
     * benchmark and the agreement test compare both).
     */
    public LandscapeGrid grid(double[] theta, LandscapeDirections directions, int n, double radius, long step,
            boolean batchedAllowed) {
        checkGrid(n, radius);
        long start = System.nanoTime();
        double[] coords = linspace(-radius, radius, n);
        double[] d1 = directions.d1();
        double[] d2 = directions.d2();
        checkLength(theta, d1);
        Evaluated e = losses(n * n, k -> ParameterVector.offset(theta, coords[k % n], d1, coords[k / n], d2),
                batchedAllowed);
        double centre = loss(theta);
        return new LandscapeGrid(coords, coords, e.losses, centre, step, directions.description(), e.evaluation,
                (System.nanoTime() - start) / 1e9);
    }

    /** The loss along θ + t·d, t from −r to r at n points. */
    public LossCurve slice(double[] theta, double[] direction, int n, double radius) {
        checkGrid(n, radius);
        checkLength(theta, direction);
        long start = System.nanoTime();
        double[] t = linspace(-radius, radius, n);
        double[] zero = new double[theta.length];
        Evaluated e = losses(n, k -> ParameterVector.offset(theta, t[k], direction, 0, zero), true);
        return new LossCurve(t, e.losses, e.evaluation, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The loss along the line θa + t·(θb − θa) for t from {@code from} to {@code to} at n points: t = 0 is θa and
     * t = 1 is θb (two checkpoints of one run, or the final parameters of two runs of the same network).
     */
    public LossCurve interpolate(double[] thetaA, double[] thetaB, int n, double from, double to) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        if (!(to > from)) {
            throw new IllegalArgumentException("to must exceed from, got from " + from + " and to " + to);
        }
        checkLength(thetaA, thetaB);
        long start = System.nanoTime();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = from + (to - from) * i / (n - 1);
        }
        double[] step = ParameterVector.minus(thetaB, thetaA);
        double[] zero = new double[thetaA.length];
        Evaluated e = losses(n, k -> ParameterVector.offset(thetaA, t[k], step, 0, zero), true);
        return new LossCurve(t, e.losses, e.evaluation, (System.nanoTime() - start) / 1e9);
    }

    /** {@link #interpolate(double[], double[], int, double, double)} over the usual t ∈ [−0.5, 1.5]. */
    public LossCurve interpolate(double[] thetaA, double[] thetaB, int n) {
        return interpolate(thetaA, thetaB, n, -0.5, 1.5);
    }

    private record Evaluated(double[] losses, String evaluation) {}

    /** The losses at {@code count} points made on demand (a grid of a large model would not fit in memory). */
    private Evaluated losses(int count, IntFunction<double[]> point, boolean batchedAllowed) {
        if (batchedAllowed && whyPerPoint == null) {
            double[] out = batched(count, point);
            if (out != null) {
                return new Evaluated(out, LandscapeGrid.BATCHED);
            }
        }
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = loss(point.apply(k));
        }
        return new Evaluated(out, LandscapeGrid.PER_POINT);
    }

    /** The batched losses, or null when the first check disagreed with per-point evaluation. */
    private double[] batched(int count, IntFunction<double[]> point) {
        int limit = maxChunk();
        int chunks = (count + limit - 1) / limit;
        // Equal chunks, the last padded: one compiled program (one traced shape) per grid size.
        int k = (count + chunks - 1) / chunks;
        Stacked s = stacked.computeIfAbsent(k, this::compileStacked);
        double[] out = new double[count];
        int p = ParameterVector.size(shapes);
        for (int from = 0; from < count; from += k) {
            int used = Math.min(k, count - from);
            double[][] sets = new double[k][];
            for (int c = 0; c < k; c++) {
                sets[c] = point.apply(from + Math.min(c, used - 1));
            }
            s.store().load(stack(sets, p, k));
            double[] values = s.program().run(RunRequest.of(s.inputs()).fetch("losses"), s.store())
                    .output("losses").data();
            if (!batchedChecked) {
                batchedChecked = true;
                if (!agrees(values[0], loss(sets[0])) || !agrees(values[used - 1], loss(sets[used - 1]))) {
                    whyPerPoint = "the loss couples the examples of a batch: stacked and per-point evaluation "
                            + "disagreed";
                    return null;
                }
            }
            System.arraycopy(values, 0, out, from, used);
        }
        return out;
    }

    private boolean agrees(double stackedValue, double single) {
        if (!Double.isFinite(stackedValue) || !Double.isFinite(single)) {
            return Double.compare(stackedValue, single) == 0 || (Double.isNaN(stackedValue) && Double.isNaN(single));
        }
        double tolerance = precision == Precision.FLOAT64 ? 1e-9 : 1e-4;
        return Math.abs(stackedValue - single) <= tolerance * Math.max(1, Math.abs(single));
    }

    /**
     * The most copies whose activations fit {@link #ACTIVATION_BUDGET_BYTES}: per copy and probe row, every layer's
     * output is held about three times (product, sum, activation), plus the copy's parameters.
     */
    int maxChunk() {
        long width = model.outputs();
        for (int[] s : shapes.values()) {
            if (s.length >= 2) {
                width += s[s.length - 1];
            }
        }
        long perCopy = 8L * (3 * rows * width + ParameterVector.size(shapes));
        return (int) Math.max(1, Math.min(MAX_CHUNK, ACTIVATION_BUDGET_BYTES / perCopy));
    }

    private Stacked compileStacked(int k) {
        CompiledProgram program = engine.compile(stackedProgram((StackedModel) model, loss, regression, k));
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        Map<String, HostArray> perExample = new LinkedHashMap<>(dataInputs);
        perExample.putAll(fixedPrepared);
        for (Map.Entry<String, HostArray> e : perExample.entrySet()) {
            HostArray a = e.getValue();
            if (e.getKey().equals("x")) {
                inputs.put("x", repeat(a, k, true));
            } else if (a.rank() >= 1 && a.dim(0) == rows) {
                inputs.put(e.getKey(), repeat(a, k, false));
            } else {
                inputs.put(e.getKey(), a);
            }
        }
        int p = ParameterVector.size(shapes);
        double[][] sets = new double[k][p];
        ParameterStore s = engine.createParameters(stack(sets, p, k));
        return new Stacked(k, program, s, inputs);
    }

    /** {@code a} repeated k times along a new leading axis ([k, ...]) or along its first axis ([k·N, ...]). */
    private static HostArray repeat(HostArray a, int k, boolean newAxis) {
        double[] one = a.data();
        double[] all = new double[k * one.length];
        for (int i = 0; i < k; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        int[] shape = a.shape();
        if (newAxis) {
            int[] s = new int[shape.length + 1];
            s[0] = k;
            System.arraycopy(shape, 0, s, 1, shape.length);
            return HostArray.wrap(all, s);
        }
        shape[0] *= k;
        return HostArray.wrap(all, shape);
    }

    /** k flat parameter vectors → the stacked tensors [k, ...shape] of every parameter. */
    private Map<String, HostArray> stack(double[][] sets, int p, int k) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int size = 1;
            for (int d : e.getValue()) {
                size *= d;
            }
            double[] data = new double[k * size];
            for (int c = 0; c < k; c++) {
                System.arraycopy(sets[c], at, data, c * size, size);
            }
            int[] shape = new int[e.getValue().length + 1];
            shape[0] = k;
            System.arraycopy(e.getValue(), 0, shape, 1, e.getValue().length);
            out.put(e.getKey(), HostArray.wrap(data, shape));
            at += size;
        }
        return out;
    }

    /** n points from lo to hi; the middle one of an odd n is exactly 0 when lo = −hi. */
    static double[] linspace(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? (lo + hi) / 2 : ((n - 1 - i) * lo + i * hi) / (n - 1);
        }
        return out;
    }

    private static void checkGrid(int n, double radius) {
        if (n < 2) {
            throw new IllegalArgumentException("resolution must be at least 2, got " + n);
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
        }
    }

    private void checkLength(double[] a, double[] b) {
        int p = ParameterVector.size(shapes);
        if (a.length != p || b.length != p) {
            throw new IllegalArgumentException(model.describe() + " has " + p + " parameters; got vectors of "
                    + a.length + " and " + b.length);
        }
    }

    @Override
    public void close() {
        for (Stacked s : stacked.values()) {
            s.program().close();
            s.store().close();
        }
        stacked.clear();
        lossProgram.close();
        if (forwardProgram != null) {
            forwardProgram.close();
        }
        if (store != null) {
            store.close();
        }
        engine.close();
    }
}
