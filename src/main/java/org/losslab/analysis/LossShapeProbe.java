package org.losslab.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.PrepareContext;
import org.losslab.param.ParamValues;

/**
 * The shape of catalogue losses on a single example: the value ℓ and the derivative the model receives, plotted
 * against how right the prediction is. The numbers of the loss-shape explorer.
 *
 * <p><b>Classification</b> ({@link Plot#CLASSIFICATION}): a grid of n points becomes n rows of logits z [n, C] with the
 * true class 0:
 * <pre>
 *   z_0 = s·m + β        z_k = β + s·d·u_k   (k = 1 … C−1)
 * </pre>
 * where m is the grid's true-class margin, s the logit scale, β the shift, d the rival spread (0 by default: every
 * rival logit is β) and u_k evenly spaced in [−1, 1] (u = 0 when C = 2). On the {@link Axis#PROBABILITY probability
 * axis} the grid is p_y instead and z_0 = β + log(p/(1−p)) + logsumexp_k(s·d·u_k), so softmax(z)_0 = p exactly. The
 * derivative is ∂ℓ/∂z_0. Distillation losses get {@code teacherLogits} [n, C] with z_t,0 = teacher margin and the
 * other teacher logits 0, and {@code auxLogits} is the same tensor as {@code logits} (both heads output z, so the
 * derivative sums over both).
 *
 * <p><b>Regression</b> ({@link Plot#REGRESSION}): {@code pred} = r and {@code target} = 0 for a grid of residuals r,
 * of shape [n] or, for a loss that wants a feature axis, [n, 1]; the derivative is ∂ℓ/∂pred.
 *
 * <p>The whole grid is one batch through the real catalogue implementation, in float64. The per-example derivative
 * is the gradient of Σ_i ℓ_i, exact when the rows do not interact. Losses whose rows do interact (a batch-level
 * regulariser, per-batch draws in {@code prepare}) are found by a check on two batches that share a row; they are
 * evaluated one point at a time (a batch of one) on a coarser grid and flagged {@link Shape#pointwise()}.
 *
 * <p>Not thread-safe: it owns an engine instance, so one thread creates and uses it (see {@link LossShapeWorker}).
 * Compiled programs are kept open between calls, keyed by loss, plot and hyperparameters, and the last curves are
 * kept too, so a refresh computes only the curves whose loss, hyperparameters or settings changed.
 */
public final class LossShapeProbe implements AutoCloseable {
    public static final int DEFAULT_POINTS = 241;
    /** Grid size for losses evaluated one point at a time. */
    public static final int POINTWISE_POINTS = 61;
    /** The probability axis stops short of 0 and 1, where a logit would be infinite. */
    public static final double PROBABILITY_FROM = 0.001;
    public static final double PROBABILITY_TO = 0.999;
    /** Row of the true class in every logit row. */
    public static final int TRUE_CLASS = 0;

    /** Inputs this probe can build for a classification loss. */
    static final Set<String> CLASSIFICATION_INPUTS = Set.of("logits", "labels", "teacherLogits", "auxLogits",
            "instanceIds");
    /** Inputs this probe can build for a regression loss. */
    static final Set<String> REGRESSION_INPUTS = Set.of("pred", "target");

    private static final String PER_EXAMPLE = "perExample";
    private static final String TOTAL = "total";
    private static final int PROGRAM_CACHE_SIZE = 32;
    private static final int SHAPE_CACHE_SIZE = 64;
    /** Two rows that agree on every digit a float64 sum can keep; anything larger means the rows interact. */
    private static final double COUPLING_TOLERANCE = 1e-9;

    /** What a curve is drawn against. */
    public enum Plot {
        /** ℓ and ∂ℓ/∂z_y against the true-class margin or probability. */
        CLASSIFICATION("logits"),
        /** ℓ and ∂ℓ/∂pred against the residual pred − target. */
        REGRESSION("pred");

        private final String differentiated;

        Plot(String differentiated) {
            this.differentiated = differentiated;
        }

        /** The input the plotted derivative is taken with respect to. */
        public String differentiatedInput() {
            return differentiated;
        }
    }

    /** The x-axis of a classification plot. */
    public enum Axis {
        /** The true-class margin m (before the logit scale). */
        MARGIN,
        /** The probability p_y of the true class. */
        PROBABILITY
    }

    /**
     * Where the curves are drawn. Every field is checked here and a bad one refused by name.
     *
     * @param axis margin or probability (classification only)
     * @param classes C, the number of classes, at least 2
     * @param scale s, the logit scale, positive (Z-loss ignores it, cross-entropy does not)
     * @param shift β, added to every logit
     * @param rivalSpread d, how far the rival logits spread around β (in units of s); 0 ties them
     * @param teacherMargin the teacher's true-class logit for distillation losses (its other logits are 0)
     * @param points grid points for losses evaluated as one batch
     * @param marginFrom first margin of the grid
     * @param marginTo last margin of the grid
     * @param residualFrom first residual of a regression grid
     * @param residualTo last residual of a regression grid
     */
    public record Settings(Axis axis, int classes, double scale, double shift, double rivalSpread,
            double teacherMargin, int points, double marginFrom, double marginTo, double residualFrom,
            double residualTo) {

        public Settings {
            if (axis == null) {
                throw new IllegalArgumentException("axis must be MARGIN or PROBABILITY, got null");
            }
            if (classes < 2 || classes > 1000) {
                throw new IllegalArgumentException("classes must be in [2, 1000], got " + classes);
            }
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
            }
            requireFinite("shift", shift);
            requireFinite("rivalSpread", rivalSpread);
            requireFinite("teacherMargin", teacherMargin);
            if (points < 2 || points > 100_000) {
                throw new IllegalArgumentException("points must be in [2, 100000], got " + points);
            }
            requireFinite("marginFrom", marginFrom);
            requireFinite("marginTo", marginTo);
            if (!(marginFrom < marginTo)) {
                throw new IllegalArgumentException("marginFrom must be below marginTo, got " + marginFrom + " and "
                        + marginTo);
            }
            requireFinite("residualFrom", residualFrom);
            requireFinite("residualTo", residualTo);
            if (!(residualFrom < residualTo)) {
                throw new IllegalArgumentException("residualFrom must be below residualTo, got " + residualFrom
                        + " and " + residualTo);
            }
        }

        private static void requireFinite(String field, double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " must be finite, got " + v);
            }
        }

        /** 241 points on m ∈ [−6, 6] and r ∈ [−3, 3], three classes, scale 1, no shift, tied rivals. */
        public static Settings defaults() {
            return new Settings(Axis.MARGIN, 3, 1, 0, 0, 2, DEFAULT_POINTS, -6, 6, -3, 3);
        }

        public Settings withAxis(Axis a) {
            return new Settings(a, classes, scale, shift, rivalSpread, teacherMargin, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withClasses(int c) {
            return new Settings(axis, c, scale, shift, rivalSpread, teacherMargin, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withScale(double s) {
            return new Settings(axis, classes, s, shift, rivalSpread, teacherMargin, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withShift(double b) {
            return new Settings(axis, classes, scale, b, rivalSpread, teacherMargin, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withRivalSpread(double d) {
            return new Settings(axis, classes, scale, shift, d, teacherMargin, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withTeacherMargin(double t) {
            return new Settings(axis, classes, scale, shift, rivalSpread, t, points, marginFrom, marginTo,
                    residualFrom, residualTo);
        }

        public Settings withPoints(int n) {
            return new Settings(axis, classes, scale, shift, rivalSpread, teacherMargin, n, marginFrom, marginTo,
                    residualFrom, residualTo);
        }
    }

    /**
     * One curve to compute.
     *
     * @param lossId a catalogue id
     * @param plot what to draw it against
     * @param params raw hyperparameter values by name (validated by the loss's specs); missing ones take defaults
     */
    public record Request(String lossId, Plot plot, Map<String, ?> params) {
        public Request {
            if (lossId == null || plot == null) {
                throw new IllegalArgumentException("a loss-shape request needs a loss id and a plot, got " + lossId
                        + " and " + plot);
            }
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /**
     * One computed curve: x with ℓ(x) and the derivative, all of equal length. Undefined points (e.g. the Z-loss at
     * tied logits) are NaN.
     *
     * @param x margins, probabilities or residuals
     * @param pointwise true when the loss couples the rows of a batch, so each point was its own batch of one
     * @param error why nothing could be computed, or null
     */
    public record Shape(String lossId, Plot plot, Axis axis, double[] x, double[] loss, double[] derivative,
            boolean pointwise, String error) {

        static Shape failed(String lossId, Plot plot, Axis axis, String error) {
            return new Shape(lossId, plot, axis, new double[0], new double[0], new double[0], false, error);
        }

        public boolean ok() {
            return error == null;
        }

        public int size() {
            return x.length;
        }
    }

    /**
     * A catalogue loss and how this probe can draw it.
     *
     * @param plots what it can be drawn against (empty: not drawable)
     * @param notShownReason why it cannot be drawn, or "" when it can
     */
    public record Candidate(LossFunction loss, List<Plot> plots, String notShownReason) {
        public boolean drawable() {
            return !plots.isEmpty();
        }
    }

    private final Engine engine;
    private final ParameterStore noParameters;
    private final Map<String, CompiledProgram> programs = new LinkedHashMap<>(16, 0.75f, true);
    /** Computed curves by loss, plot, hyperparameters and settings, least recently used first. */
    private final Map<String, Shape> shapes = new LinkedHashMap<>(16, 0.75f, true);
    /** Loss id and plot → whether its rows interact. */
    private final Map<String, Boolean> coupling = new HashMap<>();
    /** Loss id → rank of pred/target it accepts (see {@link #residualRank}). */
    private final Map<String, Integer> residualRanks = new HashMap<>();
    private List<Candidate> candidates;

    /** Creates its own engine instance, in float64, on the calling thread. */
    public LossShapeProbe(String engineId) {
        this.engine = Engines.create(engineId, Precision.FLOAT64);
        this.noParameters = engine.createParameters(Map.of());
    }

    public String engineId() {
        return engine.id();
    }

    // ---- which losses can be drawn ----------------------------------------------------------------------------

    /**
     * Every catalogue loss (so losses added later appear without code here), with what it can be drawn against.
     * A loss is drawn against the margin when it reads only logits, labels and the distillation inputs; against the
     * residual when it declares {@code pred}/{@code target}, or when a classification loss also accepts them on a
     * trial evaluation (mse and mae: LOSSES.md, conventions). Computed once.
     */
    public List<Candidate> candidates() {
        if (candidates == null) {
            List<Candidate> out = new ArrayList<>();
            for (LossFunction loss : LossCatalog.get().all()) {
                out.add(candidate(loss));
            }
            candidates = List.copyOf(out);
        }
        return candidates;
    }

    private Candidate candidate(LossFunction loss) {
        List<String> inputs = loss.spec().inputs();
        List<Plot> plots = new ArrayList<>();
        String reason = "";
        if (inputs.contains("logits") && CLASSIFICATION_INPUTS.containsAll(inputs)) {
            plots.add(Plot.CLASSIFICATION);
            if (!inputs.contains("teacherLogits") && residualRank(loss) > 0) {
                plots.add(Plot.REGRESSION);
            }
        } else if (inputs.contains("pred") && inputs.contains("target") && REGRESSION_INPUTS.containsAll(inputs)) {
            if (residualRank(loss) > 0) {
                plots.add(Plot.REGRESSION);
            } else {
                reason = "failed on a trial evaluation with pred/target of shape [n] and [n, 1]";
            }
        } else {
            Set<String> missing = new TreeSet<>(inputs);
            missing.removeAll(CLASSIFICATION_INPUTS);
            missing.removeAll(REGRESSION_INPUTS);
            reason = missing.isEmpty()
                    ? "mixes classification and regression inputs " + inputs
                    : "needs " + String.join(", ", missing) + "; a single example here has only logits and a label "
                            + "(or a residual)";
        }
        return new Candidate(loss, List.copyOf(plots), reason);
    }

    /**
     * The rank of {@code pred}/{@code target} the loss accepts: 1 ([n], one scalar per example) or 2 ([n, 1]),
     * tried in that order with a gradient; 0 when it accepts neither. Cached.
     */
    private int residualRank(LossFunction loss) {
        return residualRanks.computeIfAbsent(loss.spec().id(), id -> {
            ParamValues defaults = ParamValues.defaults("loss '" + id + "'", loss.spec().params());
            for (int rank = 1; rank <= 2; rank++) {
                Map<String, HostArray> in = regressionInputs(new double[] {-0.5, 1.5}, rank);
                try (CompiledProgram program = engine.compile(program(loss, defaults, false))) {
                    RunResult r = program.run(RunRequest.of(withPrepared(loss, defaults, in)).fetch(PER_EXAMPLE)
                            .gradientOf(TOTAL).inputGradients("pred"), noParameters);
                    HostArray values = r.output(PER_EXAMPLE);
                    if (values.size() == 2 && values.allFinite() && r.inputGradients().get("pred").allFinite()) {
                        return rank;
                    }
                } catch (RuntimeException notThisShape) {
                    // the next shape, or not a regression loss (e.g. it reads logits)
                }
            }
            return 0;
        });
    }

    // ---- curves -------------------------------------------------------------------------------------------------

    /**
     * Every requested curve. A request that is refused (unknown id, bad hyperparameter) or whose evaluation fails
     * comes back as a failed {@link Shape} with the reason, so one bad curve does not hide the others.
     */
    public List<Shape> compute(List<Request> requests, Settings settings) {
        List<Shape> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            try {
                out.add(compute(r, settings));
            } catch (IllegalArgumentException refused) {
                out.add(Shape.failed(r.lossId(), r.plot(), axisOf(r.plot(), settings), refused.getMessage()));
            }
        }
        return out;
    }

    /**
     * One curve.
     *
     * @throws IllegalArgumentException for an unknown loss id, a hyperparameter out of its range (named), or a plot
     *     the loss cannot be drawn against (with the reason)
     */
    public Shape compute(Request request, Settings settings) {
        LossFunction loss = LossCatalog.get().byId(request.lossId());
        String id = loss.spec().id();
        ParamValues params = ParamValues.resolve("loss '" + id + "'", loss.spec().params(), request.params());
        Candidate c = candidates().stream().filter(k -> k.loss().spec().id().equals(id)).findFirst().orElseThrow();
        if (!c.plots().contains(request.plot())) {
            throw new IllegalArgumentException("loss '" + id + "' cannot be drawn against the "
                    + (request.plot() == Plot.REGRESSION ? "residual" : "margin") + ": "
                    + (c.drawable() ? "it reads " + loss.spec().inputs() : c.notShownReason()));
        }
        Axis axis = axisOf(request.plot(), settings);
        // Moving one loss's slider leaves the other curves as they were: only the changed one is computed again.
        String key = id + "|" + request.plot() + "|" + params.asMap() + "|" + settings;
        Shape known = shapes.get(key);
        if (known != null) {
            return known;
        }
        Shape computed = computeNew(loss, params, request.plot(), axis, settings);
        shapes.put(key, computed);
        if (shapes.size() > SHAPE_CACHE_SIZE) {
            shapes.remove(shapes.keySet().iterator().next());
        }
        return computed;
    }

    private Shape computeNew(LossFunction loss, ParamValues params, Plot plot, Axis axis, Settings settings) {
        String id = loss.spec().id();
        try {
            boolean pointwise;
            try {
                pointwise = couplesRows(loss, plot, settings);
            } catch (RuntimeException checkFailed) {
                // The check's small batches failed; the grid's own failure names the shapes the user chose.
                evaluate(loss, params, plot, settings, grid(plot, settings, settings.points()));
                throw checkFailed;
            }
            double[] x = grid(plot, settings, pointwise ? POINTWISE_POINTS : settings.points());
            double[][] values = pointwise
                    ? evaluatePointwise(loss, params, plot, settings, x)
                    : evaluate(loss, params, plot, settings, x);
            return new Shape(id, plot, axis, x, values[0], values[1], pointwise, null);
        } catch (RuntimeException e) {
            return Shape.failed(id, plot, axis, "could not evaluate '" + id + "': " + message(e));
        }
    }

    private static Axis axisOf(Plot plot, Settings settings) {
        return plot == Plot.CLASSIFICATION ? settings.axis() : null;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The x values of a grid: evenly spaced margins, probabilities or residuals. */
    public static double[] grid(Plot plot, Settings settings, int points) {
        double from;
        double to;
        if (plot == Plot.REGRESSION) {
            from = settings.residualFrom();
            to = settings.residualTo();
        } else if (settings.axis() == Axis.PROBABILITY) {
            from = PROBABILITY_FROM;
            to = PROBABILITY_TO;
        } else {
            from = settings.marginFrom();
            to = settings.marginTo();
        }
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            // i/(n−1) rather than a step added n times: the middle of a symmetric grid is exactly 0.
            x[i] = from + (to - from) * i / (points - 1);
        }
        x[points - 1] = to;
        return x;
    }

    /**
     * The logits [n, C] of a classification grid (true class 0), as described on the class.
     *
     * @param x margins or probabilities, as {@code settings.axis()} says
     */
    public static HostArray classificationLogits(Settings settings, double[] x) {
        int c = settings.classes();
        double[] rivals = new double[c - 1];
        for (int k = 0; k < c - 1; k++) {
            double u = c == 2 ? 0 : -1 + 2.0 * k / (c - 2);
            rivals[k] = settings.scale() * settings.rivalSpread() * u;
        }
        double rivalLse = logSumExp(rivals);
        double[] z = new double[x.length * c];
        for (int i = 0; i < x.length; i++) {
            double trueLogit = settings.axis() == Axis.PROBABILITY
                    ? Math.log(x[i]) - Math.log1p(-x[i]) + rivalLse
                    : settings.scale() * x[i];
            z[i * c + TRUE_CLASS] = trueLogit + settings.shift();
            for (int k = 1; k < c; k++) {
                z[i * c + k] = rivals[k - 1] + settings.shift();
            }
        }
        return HostArray.wrap(z, x.length, c);
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            max = Math.max(max, a);
        }
        double sum = 0;
        for (double a : v) {
            sum += Math.exp(a - max);
        }
        return max + Math.log(sum);
    }

    private static Map<String, HostArray> classificationInputs(LossFunction loss, Settings settings, double[] x) {
        int n = x.length;
        int c = settings.classes();
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", classificationLogits(settings, x));
        in.put("labels", HostArray.wrap(new double[n], n)); // every row's true class is 0
        List<String> declared = loss.spec().inputs();
        if (declared.contains("teacherLogits")) {
            double[] teacher = new double[n * c];
            for (int i = 0; i < n; i++) {
                teacher[i * c + TRUE_CLASS] = settings.teacherMargin();
            }
            in.put("teacherLogits", HostArray.wrap(teacher, n, c));
        }
        if (declared.contains("instanceIds")) {
            in.put("instanceIds", rowIndices(n));
        }
        return in;
    }

    private static HostArray rowIndices(int n) {
        double[] ids = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return HostArray.wrap(ids, n);
    }

    /** pred = r and target = 0, of shape [n] (rank 1) or [n, 1] (rank 2). */
    private static Map<String, HostArray> regressionInputs(double[] residuals, int rank) {
        int n = residuals.length;
        int[] shape = rank == 1 ? new int[] {n} : new int[] {n, 1};
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("pred", HostArray.of(residuals, shape));
        in.put("target", HostArray.zeros(shape));
        return in;
    }

    private Map<String, HostArray> inputs(LossFunction loss, Plot plot, Settings settings, double[] x) {
        return plot == Plot.REGRESSION ? regressionInputs(x, residualRank(loss))
                : classificationInputs(loss, settings, x);
    }

    /**
     * The loss's host-side helpers for these inputs, as a training step would compute them: fresh state and seed 0
     * every time, so a curve does not depend on what was drawn before.
     */
    private static Map<String, HostArray> withPrepared(LossFunction loss, ParamValues params,
            Map<String, HostArray> in) {
        Map<String, HostArray> host = new LinkedHashMap<>(in);
        if (in.containsKey("logits")) {
            host.putIfAbsent("auxLogits", in.get("logits"));
            host.putIfAbsent("instanceIds", rowIndices(in.get("logits").dim(0)));
        }
        Map<String, HostArray> all = new LinkedHashMap<>(in);
        all.putAll(loss.prepare(host, params, PrepareContext.standalone(0)));
        return all;
    }

    /** Values and derivatives at every x, as one batch: {ℓ[n], ∂ℓ/∂x-input[n]}. */
    private double[][] evaluate(LossFunction loss, ParamValues params, Plot plot, Settings settings, double[] x) {
        Map<String, HostArray> in = withPrepared(loss, params, inputs(loss, plot, settings, x));
        String wrt = plot.differentiatedInput();
        RunResult r = program(loss, params, plot).run(
                RunRequest.of(in).fetch(PER_EXAMPLE).gradientOf(TOTAL).inputGradients(wrt), noParameters);
        HostArray values = r.output(PER_EXAMPLE);
        if (values.size() != x.length) {
            throw new IllegalStateException("per-example values have shape "
                    + java.util.Arrays.toString(values.shape()) + ", expected [" + x.length + "]");
        }
        HostArray grad = r.inputGradients().get(wrt);
        int width = grad.size() / x.length;
        double[] derivative = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            derivative[i] = grad.data()[i * width + (plot == Plot.CLASSIFICATION ? TRUE_CLASS : 0)];
        }
        return new double[][] {values.data().clone(), derivative};
    }

    /** As {@link #evaluate}, one point per batch: for losses whose rows interact. */
    private double[][] evaluatePointwise(LossFunction loss, ParamValues params, Plot plot, Settings settings,
            double[] x) {
        double[] values = new double[x.length];
        double[] derivative = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[][] one = evaluate(loss, params, plot, settings, new double[] {x[i]});
            values[i] = one[0][0];
            derivative[i] = one[1][0];
        }
        return new double[][] {values, derivative};
    }

    /**
     * Whether a row's value or derivative depends on the other rows of its batch: the same first row in two
     * batches with different companions (and a different rank among them), at the loss's default hyperparameters.
     * Cached per loss and plot.
     */
    private boolean couplesRows(LossFunction loss, Plot plot, Settings settings) {
        String key = loss.spec().id() + "|" + plot;
        Boolean known = coupling.get(key);
        if (known != null) {
            return known;
        }
        ParamValues defaults = ParamValues.defaults("loss '" + loss.spec().id() + "'", loss.spec().params());
        Settings probe = Settings.defaults().withClasses(settings.classes());
        double[][] a = evaluate(loss, defaults, plot, probe, new double[] {-1.5, 0.5, 2.0});
        // In the second batch the shared row ranks last instead of first: rank-based helpers (sorted draws) show.
        double[][] b = evaluate(loss, defaults, plot, probe, new double[] {-1.5, -4.0, -3.0, -2.5, -5.0});
        boolean couples = differs(a[0][0], b[0][0]) || differs(a[1][0], b[1][0]);
        coupling.put(key, couples);
        return couples;
    }

    private static boolean differs(double u, double v) {
        if (Double.isNaN(u) || Double.isNaN(v)) {
            return Double.isNaN(u) != Double.isNaN(v);
        }
        return Math.abs(u - v) > COUPLING_TOLERANCE * (1 + Math.abs(u));
    }

    /** The compiled program of this loss and hyperparameters, reused while they stay the same. */
    private CompiledProgram program(LossFunction loss, ParamValues params, Plot plot) {
        String key = String.format(Locale.ROOT, "%s|%s|%s", loss.spec().id(), plot, params.asMap());
        CompiledProgram p = programs.get(key);
        if (p == null) {
            p = engine.compile(program(loss, params, plot == Plot.CLASSIFICATION));
            programs.put(key, p);
            if (programs.size() > PROGRAM_CACHE_SIZE) {
                var eldest = programs.entrySet().iterator().next();
                eldest.getValue().close();
                programs.remove(eldest.getKey());
            }
        }
        return p;
    }

    /** Per-example values and their sum (whose gradient row i is ∂ℓ_i/∂row i when rows do not interact). */
    private static Program program(LossFunction loss, ParamValues params, boolean aliasAuxLogits) {
        boolean readsAux = loss.spec().inputs().contains("auxLogits");
        return (ops, in, none) -> {
            Map<String, Tensor> named = new LinkedHashMap<>(in);
            if (aliasAuxLogits && readsAux) {
                named.put("auxLogits", in.get("logits"));
            }
            Tensor perExample = loss.perExample(ops, new LossInputs(named), params);
            return Map.of(PER_EXAMPLE, perExample, TOTAL, ops.sum(perExample, false));
        };
    }

    @Override
    public void close() {
        for (CompiledProgram p : programs.values()) {
            p.close();
        }
        programs.clear();
        noParameters.close();
        engine.close();
    }
}
