package org.losslab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.losslab.data.Dataset;
import org.losslab.engine.HostArray;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;

/**
 * The live loss landscape: every submitted parameter snapshot joins the trajectory, and at most every
 * {@link LandscapeSettings#cadenceSteps()} steps the probe evaluates the grid around the newest parameters and
 * publishes a {@link LandscapeFrame} (grid plus the trajectory projected onto its plane).
 *
 * <p>It runs on its own thread with its own engine ({@link LatestOnlyWorker}), on host copies of the parameters,
 * so training never waits: a refresh that is still queued when a newer one arrives is dropped. Grids are evaluated
 * in float32 (the training precision, about twice as fast batched); sharpness, whose finite differences of gradients
 * need float64, gets a second, float64 evaluator on the same thread when it is switched on.
 *
 * <p>The directions are drawn once and kept across refreshes, so that successive frames share one plane, until
 * {@link #redrawDirections()} or a change of their kind. PCA directions need {@value
 * LandscapeDirections#MIN_PCA_SNAPSHOTS} snapshots; before that the probe uses random directions, says so in
 * {@link LandscapeGrid#directions()}, and switches to PCA by itself at the first refresh that has enough.
 */
public final class LandscapeProbe implements AutoCloseable {
    /** Snapshots kept for the trajectory; beyond it every other older one is dropped (the path stays evenly spread). */
    public static final int MAX_HISTORY = 256;

    private final String engineId;
    private final Model model;
    private final WeightedLoss loss;
    private final Dataset data;
    private final long seed;
    private final Map<String, int[]> shapes;
    private final Consumer<LandscapeFrame> frameListener;
    private final Consumer<SharpnessPoint> sharpnessListener;
    private final LatestOnlyWorker<Snapshot> worker;

    private final AtomicReference<LandscapeSettings> settings;
    private final List<Snapshot> history = new ArrayList<>();
    private final AtomicReference<Snapshot> newest = new AtomicReference<>();
    private final AtomicReference<LandscapeFrame> latest = new AtomicReference<>();
    private final AtomicReference<String> lastCost = new AtomicReference<>();
    private final AtomicBoolean redraw = new AtomicBoolean(true);
    private final AtomicReference<double[][]> checkpoints = new AtomicReference<>();
    private final AtomicReference<InterpolationRequest> interpolation = new AtomicReference<>();
    private final AtomicBoolean active = new AtomicBoolean(true);
    private volatile Consumer<Interpolation> interpolationListener = i -> {};
    private final List<SharpnessPoint> sharpness = new CopyOnWriteArrayList<>();
    private long lastRefreshStep = Long.MIN_VALUE;

    // Touched only by the probe thread.
    private LandscapeEvaluator evaluator;
    private LandscapeEvaluator sharpnessEvaluator;
    private LandscapeDirections directions;
    private boolean pcaPending;
    private int draws;

    /** One snapshot of the trajectory: θ [P] flat and the training loss reported with it. */
    private record Snapshot(long step, double[] theta, double trainLoss) {}

    /** A line to evaluate at the next refresh. */
    private record InterpolationRequest(double[] from, String fromLabel, double[] to, String toLabel) {}

    /**
     * @param engineId the engine the probe creates for itself
     * @param data the probe rows are drawn from it (the training set: the landscape of the training loss)
     * @param seed seeds the probe rows and the random directions (each redraw takes the next seed)
     * @param frames receives each frame on the probe thread; must return quickly
     * @param sharpnessPoints receives each sharpness estimate when {@link LandscapeSettings#sharpness()} is on (may be
     *     null)
     */
    public LandscapeProbe(String engineId, Model model, WeightedLoss loss, Dataset data, LandscapeSettings settings,
            long seed, Consumer<LandscapeFrame> frames, Consumer<SharpnessPoint> sharpnessPoints) {
        this.engineId = Objects.requireNonNull(engineId, "engineId");
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.data = Objects.requireNonNull(data, "data");
        this.settings = new AtomicReference<>(Objects.requireNonNull(settings, "settings"));
        this.seed = seed;
        this.shapes = model.parameterShapes();
        this.frameListener = frames == null ? f -> {} : frames;
        this.sharpnessListener = sharpnessPoints == null ? p -> {} : sharpnessPoints;
        this.worker = new LatestOnlyWorker<>("losslab-landscape", this::refresh, this::release);
    }

    /**
     * Records a snapshot and, when a refresh is due by the cadence, asks for one. Returns at once.
     *
     * @param parameters host copies of the model's parameters (not modified)
     * @param trainLoss the training loss reported at this step (NaN when unknown), shown along the trajectory
     */
    public void submit(long step, Map<String, HostArray> parameters, double trainLoss) {
        Snapshot s = new Snapshot(step, ParameterVector.flatten(shapes, parameters), trainLoss);
        synchronized (history) {
            history.add(s);
            if (history.size() > MAX_HISTORY) {
                List<Snapshot> thinned = new ArrayList<>();
                for (int i = 0; i < history.size(); i++) {
                    if (i % 2 == 0 || i == history.size() - 1) {
                        thinned.add(history.get(i));
                    }
                }
                history.clear();
                history.addAll(thinned);
            }
            newest.set(s);
            if (!active.get()) {
                return; // a comparison arm nobody looks at: keep its path, compute nothing
            }
            if (lastRefreshStep != Long.MIN_VALUE && step - lastRefreshStep < settings.get().cadenceSteps()
                    && step >= lastRefreshStep) {
                return;
            }
            lastRefreshStep = step;
        }
        worker.submit(s);
    }

    /** Draws new directions (the next random seed, or a fresh PCA of the trajectory) and refreshes. */
    public void redrawDirections() {
        redraw.set(true);
        refreshNow();
    }

    /** New settings; a change of the directions' kind redraws them. Refreshes at once. */
    public void setSettings(LandscapeSettings newSettings) {
        LandscapeSettings old = settings.getAndSet(Objects.requireNonNull(newSettings, "settings"));
        if (old.directions() != newSettings.directions()) {
            redraw.set(true);
        }
        refreshNow();
    }

    public LandscapeSettings settings() {
        return settings.get();
    }

    /** The plane through the current parameters and two checkpoints (host copies); switches to that kind. */
    public void useCheckpoints(Map<String, HostArray> a, Map<String, HostArray> b) {
        checkpoints.set(new double[][] {ParameterVector.flatten(shapes, a), ParameterVector.flatten(shapes, b)});
        settings.set(settings.get().withDirections(LandscapeDirections.Kind.CHECKPOINTS));
        redraw.set(true);
        refreshNow();
    }

    /**
     * The plane through the current parameters and two parameter sets given flat, [P] each (e.g. another run's
     * current parameters); switches to checkpoint directions.
     *
     * @throws IllegalArgumentException when a set has another length than this model's parameters
     */
    public void useCheckpoints(double[] a, double[] b) {
        checkLength(a, "the first checkpoint");
        checkLength(b, "the second checkpoint");
        checkpoints.set(new double[][] {a.clone(), b.clone()});
        settings.set(settings.get().withDirections(LandscapeDirections.Kind.CHECKPOINTS));
        redraw.set(true);
        refreshNow();
    }

    /**
     * Evaluates the loss along the line from {@code from} to {@code to} (flat, [P] each) on the probe's thread, at
     * the next refresh, and hands the result to the {@link #onInterpolation} listener. Returns at once.
     *
     * @throws IllegalArgumentException when a set has another length than this model's parameters
     * @throws IllegalStateException before the first snapshot (nothing to refresh yet)
     */
    public void interpolate(double[] from, String fromLabel, double[] to, String toLabel) {
        checkLength(from, fromLabel);
        checkLength(to, toLabel);
        if (newest.get() == null) {
            throw new IllegalStateException("no parameters yet: train first");
        }
        interpolation.set(new InterpolationRequest(from.clone(), fromLabel, to.clone(), toLabel));
        refreshNow();
    }

    /** Receives each finished interpolation on the probe thread; must return quickly. */
    public void onInterpolation(Consumer<Interpolation> listener) {
        interpolationListener = listener == null ? i -> {} : listener;
    }

    /**
     * Whether this probe computes landscapes. An inactive probe (a comparison arm not on screen) only records its
     * path, so switching to it later shows the whole trajectory; activating it refreshes at once.
     */
    public void setActive(boolean on) {
        if (active.getAndSet(on) != on && on) {
            refreshNow();
        }
    }

    public boolean isActive() {
        return active.get();
    }

    /** The steps of the recorded path, oldest first (thinned evenly beyond {@value #MAX_HISTORY} snapshots). */
    public List<Long> recordedSteps() {
        synchronized (history) {
            return history.stream().map(Snapshot::step).toList();
        }
    }

    /** The parameters recorded at {@code step}, flat [P] (a copy), if that snapshot is still kept. */
    public Optional<double[]> parametersAt(long step) {
        synchronized (history) {
            for (Snapshot h : history) {
                if (h.step() == step) {
                    return Optional.of(h.theta().clone());
                }
            }
        }
        return Optional.empty();
    }

    /** The newest parameters, flat [P] (a copy), once a snapshot has arrived. */
    public Optional<double[]> newestParameters() {
        Snapshot s = newest.get();
        return s == null ? Optional.empty() : Optional.of(s.theta().clone());
    }

    /** The step of the newest snapshot, or −1 before the first. */
    public long newestStep() {
        Snapshot s = newest.get();
        return s == null ? -1 : s.step();
    }

    private void checkLength(double[] theta, String what) {
        long expected = ParameterVector.size(shapes);
        if (theta == null || theta.length != expected) {
            throw new IllegalArgumentException(what + " has " + (theta == null ? 0 : theta.length)
                    + " parameters but this model has " + expected + ": only runs of the same model can be "
                    + "compared in one parameter space");
        }
    }

    private void refreshNow() {
        Snapshot s = newest.get();
        if (s != null) {
            worker.submit(s);
        }
    }

    /** The newest frame, if any has been made. */
    public Optional<LandscapeFrame> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** What the last refresh cost, e.g. {@code 41×41 in 0.40 s (batched)}. */
    public Optional<String> lastCost() {
        return Optional.ofNullable(lastCost.get());
    }

    /** Every sharpness estimate so far, oldest first. */
    public List<SharpnessPoint> sharpness() {
        return List.copyOf(sharpness);
    }

    /** Why the last refresh failed, if it did. */
    public Optional<String> error() {
        return worker.error();
    }

    /** Refreshes dropped because a newer one arrived first. */
    public long skipped() {
        return worker.skipped();
    }

    private void refresh(Snapshot s) {
        if (evaluator == null) {
            evaluator = new LandscapeEvaluator(engineId, Precision.FLOAT32, model, loss, data,
                    LandscapeEvaluator.DEFAULT_PROBE_ROWS, seed);
        }
        InterpolationRequest line = interpolation.getAndSet(null);
        if (line != null) {
            LossCurve curve = evaluator.interpolate(line.from(), line.to(), Interpolation.POINTS, Interpolation.FROM,
                    Interpolation.TO);
            interpolationListener.accept(new Interpolation(line.fromLabel(), line.toLabel(), curve));
        }
        if (!active.get()) {
            return;
        }
        LandscapeSettings st = settings.get();
        List<Snapshot> path = pathUpTo(s.step());
        if (redraw.getAndSet(false) || directions == null
                || (pcaPending && path.size() >= LandscapeDirections.MIN_PCA_SNAPSHOTS)) {
            directions = draw(st, s, path);
        }
        List<TrajectoryPoint> trajectory = new ArrayList<>();
        double extent = 0;
        for (Snapshot h : path) {
            double[] p = directions.project(s.theta(), h.theta());
            trajectory.add(new TrajectoryPoint(h.step(), p[0], p[1], p[2], h.trainLoss()));
            extent = Math.max(extent, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        }
        // PCA directions are unit vectors, and the path spans tens of units: the radius is then a lower bound and
        // the map widens to keep the whole path on it (as the landscape command does).
        double radius = st.directions() == LandscapeDirections.Kind.PCA && directions.description().startsWith("PCA")
                ? Math.max(st.radius(), 1.1 * extent) : st.radius();
        LandscapeGrid grid = evaluator.grid(s.theta(), directions, st.resolution(), radius, s.step());
        LandscapeFrame frame = new LandscapeFrame(grid, trajectory);
        latest.set(frame);
        lastCost.set(cost(grid, st.resolution()));
        frameListener.accept(frame);
        if (st.sharpness()) {
            if (sharpnessEvaluator == null) {
                sharpnessEvaluator = new LandscapeEvaluator(engineId, Precision.FLOAT64, model, loss, data,
                        LandscapeEvaluator.DEFAULT_PROBE_ROWS, seed);
            }
            SharpnessPoint point = Sharpness.topEigenvalue(sharpnessEvaluator, s.theta(), s.step(), seed);
            sharpness.add(point);
            sharpnessListener.accept(point);
        }
    }

    /** e.g. {@code 41×41 in 0.40 s (batched)}. */
    static String cost(LandscapeGrid grid, int resolution) {
        return String.format(Locale.ROOT, "%d×%d in %.2f s (%s)", resolution, resolution, grid.seconds(),
                grid.evaluation());
    }

    /** The recorded snapshots up to {@code step}, oldest first (the submission being evaluated is the last). */
    private List<Snapshot> pathUpTo(long step) {
        List<Snapshot> path = new ArrayList<>();
        synchronized (history) {
            for (Snapshot h : history) {
                if (h.step() <= step) {
                    path.add(h);
                }
            }
        }
        return path;
    }

    private LandscapeDirections draw(LandscapeSettings st, Snapshot s, List<Snapshot> path) {
        pcaPending = false;
        if (st.directions() == LandscapeDirections.Kind.CHECKPOINTS) {
            double[][] ab = checkpoints.get();
            if (ab == null) {
                throw new IllegalStateException("checkpoint directions need two checkpoints: choose them first");
            }
            return LandscapeDirections.checkpoints(s.theta(), ab[0], ab[1]);
        }
        if (st.directions() == LandscapeDirections.Kind.PCA) {
            String why = "PCA needs " + LandscapeDirections.MIN_PCA_SNAPSHOTS + " snapshots, has " + path.size();
            if (path.size() >= LandscapeDirections.MIN_PCA_SNAPSHOTS) {
                List<double[]> thetas = new ArrayList<>();
                for (Snapshot h : path) {
                    thetas.add(h.theta());
                }
                try {
                    return LandscapeDirections.pca(thetas);
                } catch (IllegalArgumentException e) {
                    why = "no PCA yet: " + e.getMessage();
                }
            }
            pcaPending = true;
            LandscapeDirections random = LandscapeDirections.randomFilterNormalised(shapes, s.theta(), seed + draws++);
            return new LandscapeDirections(random.d1(), random.d2(), random.description() + "; " + why);
        }
        return LandscapeDirections.randomFilterNormalised(shapes, s.theta(), seed + draws++);
    }

    private void release() {
        if (evaluator != null) {
            evaluator.close();
            evaluator = null;
        }
        if (sharpnessEvaluator != null) {
            sharpnessEvaluator.close();
            sharpnessEvaluator = null;
        }
    }

    /** Stops taking work; the engine is released on the probe's own thread once the current refresh is done. */
    @Override
    public void close() {
        worker.close();
    }
}
