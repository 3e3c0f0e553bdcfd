package org.losslab.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.losslab.model.Model;
import org.losslab.viz.Bounds2D;
import org.losslab.viz.DecisionMap;

/**
 * Evaluates a 2-D classifier on a grid over the plane and publishes a {@link DecisionMap}.
 *
 * <p>It runs on its own single thread with its own engine instance (engines are not shared between threads) and
 * works on host copies of the parameters, so training never waits for it. Only the newest submitted parameters
 * matter: a submission replaces any that is still waiting, and stale ones are skipped.
 */
public final class DecisionBoundaryProbe implements AutoCloseable {
    /** Cells per side: fine enough for smooth spirals, cheap enough to redo every snapshot. */
    public static final int DEFAULT_RESOLUTION = 120;

    private static final String INPUT = "x";
    private static final String OUTPUT = "probabilities";

    private final String engineId;
    private final Model model;
    private final Bounds2D bounds;
    private final int resolution;
    private final double[] grid;
    private final double[] points;
    private final Consumer<DecisionMap> listener;

    private final ExecutorService executor;
    private final AtomicReference<Submission> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<DecisionMap> latest = new AtomicReference<>();
    private final AtomicReference<String> error = new AtomicReference<>();
    private final AtomicLong skipped = new AtomicLong();

    // Touched only by the probe thread.
    private Engine engine;
    private CompiledProgram program;
    private ParameterStore store;

    private record Submission(long step, Map<String, HostArray> parameters) {}

    /**
     * @param engineId engine to create for this probe (its own instance)
     * @param model a model whose input is a 2-D point
     * @param bounds the area to cover
     * @param resolution cells per side
     * @param points data points x0, y0, x1, y1, … whose predicted classes are reported too (may be empty)
     * @param listener receives each new map on the probe thread; must return quickly (e.g. set a holder)
     */
    public DecisionBoundaryProbe(String engineId, Model model, Bounds2D bounds, int resolution, double[] points,
            Consumer<DecisionMap> listener) {
        int[] shape = model.inputShape();
        if (shape.length != 1 || shape[0] != 2) {
            throw new IllegalArgumentException("a decision boundary needs a model of 2-D points, this one takes "
                    + java.util.Arrays.toString(shape));
        }
        if (resolution < 2 || resolution > 1000) {
            throw new IllegalArgumentException("resolution must be in [2, 1000], got " + resolution);
        }
        if (points.length % 2 != 0) {
            throw new IllegalArgumentException("points come as x, y pairs; got " + points.length + " numbers");
        }
        this.engineId = Objects.requireNonNull(engineId);
        this.model = model;
        this.bounds = bounds;
        this.resolution = resolution;
        this.grid = gridPoints(bounds, resolution);
        this.points = points.clone();
        this.listener = listener == null ? m -> {} : listener;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "losslab-decision-boundary");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Asks for a map of these parameters. Returns at once; replaces a submission that has not started yet.
     *
     * @param parameters host copies (not modified)
     */
    public void submit(long step, Map<String, HostArray> parameters) {
        if (closed.get()) {
            return;
        }
        if (pending.getAndSet(new Submission(step, parameters)) != null) {
            skipped.incrementAndGet();
        }
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** The newest map, if any has been made. */
    public Optional<DecisionMap> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the last evaluation failed, if it did. */
    public Optional<String> error() {
        return Optional.ofNullable(error.get());
    }

    /** Submissions replaced by newer ones before they were evaluated. */
    public long skipped() {
        return skipped.get();
    }

    public Bounds2D bounds() {
        return bounds;
    }

    public int resolution() {
        return resolution;
    }

    private void drain() {
        while (true) {
            Submission next = pending.getAndSet(null);
            if (next == null) {
                draining.set(false);
                // A submission may have slipped in between the read and the reset: take it rather than strand it.
                if (pending.get() != null && draining.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            if (closed.get()) {
                continue;
            }
            try {
                DecisionMap map = evaluate(next);
                latest.set(map);
                error.set(null);
                listener.accept(map);
            } catch (RuntimeException e) {
                error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private DecisionMap evaluate(Submission s) {
        long start = System.nanoTime();
        ensureEngine();
        Map<String, HostArray> ordered = new LinkedHashMap<>();
        for (String name : model.parameterShapes().keySet()) {
            HostArray value = s.parameters().get(name);
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + name + "' missing from the snapshot of step "
                        + s.step());
            }
            ordered.put(name, value);
        }
        if (store == null) {
            store = engine.createParameters(ordered);
        } else {
            store.load(ordered);
        }
        int cells = resolution * resolution;
        int n = points.length / 2;
        // One batch for grid and points: one forward pass, and one traced shape for graph engines.
        double[] x = new double[2 * (cells + n)];
        System.arraycopy(grid, 0, x, 0, grid.length);
        System.arraycopy(points, 0, x, grid.length, points.length);
        HostArray probabilities = program.run(RunRequest.of(Map.of(INPUT, HostArray.wrap(x, cells + n, 2)))
                .fetch(OUTPUT), store).output(OUTPUT);
        int classes = probabilities.dim(1);
        double[] p = probabilities.data();
        int[] predicted = new int[cells];
        double[] confidence = new double[cells];
        int[] pointPredictions = new int[n];
        for (int i = 0; i < cells + n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[i * classes + c] > p[i * classes + best]) {
                    best = c;
                }
            }
            if (i < cells) {
                predicted[i] = best;
                confidence[i] = p[i * classes + best];
            } else {
                pointPredictions[i - cells] = best;
            }
        }
        return new DecisionMap(resolution, resolution, bounds, classes, predicted, confidence, pointPredictions,
                s.step(), System.nanoTime() - start);
    }

    private void ensureEngine() {
        if (engine != null) {
            return;
        }
        engine = Engines.create(engineId, Precision.FLOAT32);
        program = engine.compile(forward(model));
    }

    /** The model's forward pass in evaluation mode (no dropout) followed by a softmax over the logits. */
    static Program forward(Model model) {
        return (ops, inputs, params) -> {
            Tensor logits = model.forward(ops, inputs.get(INPUT), params, Map.of());
            return Map.of(OUTPUT, ops.softmax(logits, -1));
        };
    }

    /** Cell centres, row-major from the bottom row, as x, y pairs. */
    static double[] gridPoints(Bounds2D bounds, int resolution) {
        double[] xy = new double[2 * resolution * resolution];
        double dx = bounds.width() / resolution;
        double dy = bounds.height() / resolution;
        int k = 0;
        for (int r = 0; r < resolution; r++) {
            for (int c = 0; c < resolution; c++) {
                xy[k++] = bounds.minX() + (c + 0.5) * dx;
                xy[k++] = bounds.minY() + (r + 0.5) * dy;
            }
        }
        return xy;
    }

    /** Stops taking work; the engine is released on the probe's own thread once the current map is done. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pending.set(null);
        executor.execute(() -> {
            if (program != null) {
                program.close();
            }
            if (store != null) {
                store.close();
            }
            if (engine != null) {
                engine.close();
            }
        });
        executor.shutdown();
    }
}
