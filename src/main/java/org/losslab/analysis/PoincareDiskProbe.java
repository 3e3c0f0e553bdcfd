package org.losslab.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
import org.losslab.loss.hyperbolic.HostPoincareBall;
import org.losslab.model.Model;
import org.losslab.model.PoincareMlp;
import org.losslab.viz.DecisionMap;
import org.losslab.viz.DiskHyperplane;
import org.losslab.viz.PoincareDisk;
import org.losslab.viz.Scatter2D;

/**
 * Places a sample of examples in the Poincaré disk of a {@link PoincareMlp} with a 2-D ball, and the model's
 * hyperplanes and class regions around them, as a {@link PoincareDisk}.
 *
 * <p>Like the decision-boundary probe it runs on its own thread with its own engine and works on host copies of the
 * parameters; only the newest submission matters. The engine runs the model's forward pass on the sample (the
 * embedded points and their predictions); the hyperplanes and the tinted disk come from the MLR parameters through
 * {@link HostPoincareBall}, which needs no engine.
 */
public final class PoincareDiskProbe implements AutoCloseable {
    /** Enough points to show each class's cloud, few enough to stay legible. */
    public static final int DEFAULT_POINTS = 400;
    /** Cells per side of the tinted disk. */
    public static final int DEFAULT_RESOLUTION = 160;

    private static final String INPUT = "x";

    private final String engineId;
    private final PoincareMlp model;
    private final HostPoincareBall ball;
    private final Batch sample;
    private final int resolution;
    private final Consumer<PoincareDisk> listener;
    private final AtomicReference<PoincareDisk> latest = new AtomicReference<>();
    private final LatestOnlyWorker<Submission> worker;

    // Touched only by the probe thread.
    private Engine engine;
    private CompiledProgram program;
    private ParameterStore store;

    private record Submission(long step, Map<String, HostArray> parameters) {}

    /** True when {@code model} embeds into a 2-D ball, so that a disk can be drawn. */
    public static boolean supports(Model model) {
        return model instanceof PoincareMlp m && m.dimension() == 2;
    }

    /**
     * @param engineId engine to create for this probe (its own instance)
     * @param model a Poincaré MLP with dimension 2
     * @param data the examples to place (typically the validation set); up to {@code maxPoints}, evenly spread
     * @param resolution cells per side of the tinted disk
     * @param listener receives each new disk on the probe thread; must return quickly (e.g. set a holder)
     */
    public PoincareDiskProbe(String engineId, Model model, Dataset data, int maxPoints, int resolution,
            Consumer<PoincareDisk> listener) {
        if (!supports(model)) {
            throw new IllegalArgumentException("a Poincaré disk needs the poincare-mlp model with dimension 2, got "
                    + model.describe());
        }
        if (data.size() == 0 || maxPoints < 1) {
            throw new IllegalArgumentException("the disk needs at least one example to place, got " + data.size()
                    + " examples and maxPoints " + maxPoints);
        }
        if (resolution < 2 || resolution > 1000) {
            throw new IllegalArgumentException("resolution must be in [2, 1000], got " + resolution);
        }
        this.engineId = Objects.requireNonNull(engineId);
        this.model = (PoincareMlp) model;
        this.ball = new HostPoincareBall(this.model.curvature());
        this.sample = data.batch(spread(data.size(), maxPoints));
        this.resolution = resolution;
        this.listener = listener == null ? d -> {} : listener;
        this.worker = new LatestOnlyWorker<>("losslab-poincare-disk", this::evaluateAndPublish, this::release);
    }

    /** Asks for a disk of these parameters; returns at once and replaces a submission not yet started. */
    public void submit(long step, Map<String, HostArray> parameters) {
        worker.submit(new Submission(step, parameters));
    }

    /** The newest disk, if any has been made. */
    public Optional<PoincareDisk> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the last evaluation failed, if it did. */
    public Optional<String> error() {
        return worker.error();
    }

    /** Submissions replaced by newer ones before they were evaluated. */
    public long skipped() {
        return worker.skipped();
    }

    private void evaluateAndPublish(Submission s) {
        PoincareDisk disk = evaluate(s);
        latest.set(disk);
        listener.accept(disk);
    }

    private PoincareDisk evaluate(Submission s) {
        long start = System.nanoTime();
        Map<String, HostArray> ordered = new LinkedHashMap<>();
        for (String name : model.parameterShapes().keySet()) {
            HostArray value = s.parameters().get(name);
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + name + "' missing from the snapshot of step "
                        + s.step());
            }
            ordered.put(name, value);
        }
        ensureEngine(ordered);
        RunResult r = program.run(RunRequest.of(Map.of(INPUT, HostArray.wrap(sample.features(), sample.shape())))
                .fetch("points", "logits"), store);
        double[] xy = r.output("points").data();
        int[] predicted = argmax(r.output("logits"));
        HostPoincareBall.Hyperplanes planes = ball.mlrParameters(rows(ordered.get(PoincareMlp.NORMALS)),
                rows(ordered.get(PoincareMlp.OFFSETS)));
        List<DiskHyperplane> hyperplanes = new ArrayList<>();
        for (int k = 0; k < planes.a().length; k++) {
            // expmap0 of a very long offset rounds onto the rim in double precision; keep it drawable.
            double[] offset = ball.project(planes.p()[k]);
            hyperplanes.add(new DiskHyperplane(k, offset[0], offset[1], planes.a()[k][0], planes.a()[k][1],
                    ball.radius()));
        }
        DecisionMap regions = regions(planes, s.step());
        // The clipped feature norm r maps to tanh(√c r)/√c: no point lies further out.
        double reach = Math.min(ball.radius(), Math.tanh(Math.sqrt(ball.curvature()) * model.clipRadius())
                * ball.radius());
        return new PoincareDisk(ball.curvature(), reach, new Scatter2D(xy, sample.labels()), predicted, hyperplanes,
                regions, s.step(), System.nanoTime() - start);
    }

    /**
     * The disk tinted by the MLR's predicted class and its softmax probability, from the ball parameters alone.
     * Cells whose centre lies outside the disk hold class −1 and confidence 0.
     */
    DecisionMap regions(HostPoincareBall.Hyperplanes planes, long step) {
        int classes = planes.a().length;
        double radius = ball.radius();
        double cell = 2 * radius / resolution;
        int[] predicted = new int[resolution * resolution];
        double[] confidence = new double[resolution * resolution];
        double[] point = new double[2];
        for (int row = 0; row < resolution; row++) {
            for (int column = 0; column < resolution; column++) {
                int i = row * resolution + column;
                point[0] = -radius + (column + 0.5) * cell;
                point[1] = -radius + (row + 0.5) * cell;
                if (Math.hypot(point[0], point[1]) >= radius * (1 - 1e-9)) {
                    predicted[i] = -1;
                    continue;
                }
                double[] logits = new double[classes];
                int best = 0;
                for (int k = 0; k < classes; k++) {
                    logits[k] = ball.mlrLogit(point, planes.a()[k], planes.p()[k]);
                    if (logits[k] > logits[best]) {
                        best = k;
                    }
                }
                double sum = 0;
                for (double z : logits) {
                    sum += Math.exp(z - logits[best]);
                }
                predicted[i] = best;
                confidence[i] = 1 / sum;
            }
        }
        return new DecisionMap(resolution, resolution, PoincareDisk.bounds(ball.curvature()), classes, predicted,
                confidence, new int[0], step, 0);
    }

    private void ensureEngine(Map<String, HostArray> parameters) {
        if (engine == null) {
            engine = Engines.create(engineId, Precision.FLOAT32);
            program = engine.compile(forward(model));
        }
        if (store == null) {
            store = engine.createParameters(parameters);
        } else {
            store.load(parameters);
        }
    }

    /** The model's outputs in evaluation mode: {@code points} [N,2] and {@code logits} [N,C]. */
    static Program forward(Model model) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> outputs = model.outputs(ops, inputs.get(INPUT), params, Map.of());
            return Map.of("points", outputs.get("points"), "logits", outputs.get("logits"));
        };
    }

    private void release() {
        if (program != null) {
            program.close();
        }
        if (store != null) {
            store.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** Up to {@code max} row indices spread evenly over {@code size}. */
    static int[] spread(int size, int max) {
        int n = Math.min(size, max);
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            idx[j] = (int) ((long) j * size / n);
        }
        return idx;
    }

    private static int[] argmax(HostArray logits) {
        int n = logits.dim(0);
        int classes = logits.dim(1);
        double[] z = logits.data();
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < classes; k++) {
                if (z[i * classes + k] > z[i * classes + best[i]]) {
                    best[i] = k;
                }
            }
        }
        return best;
    }

    private static double[][] rows(HostArray a) {
        double[][] out = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(a.data(), i * a.dim(1), out[i], 0, a.dim(1));
        }
        return out;
    }

    /** Stops taking work; the engine is released on the probe's own thread once the current disk is done. */
    @Override
    public void close() {
        worker.close();
    }
}
