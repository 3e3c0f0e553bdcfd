package org.losslab.calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.data.Batch;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.RunRequest;
import org.losslab.model.Model;
import org.losslab.train.TrainingRun;

/**
 * A trained classifier whose parameters no longer change: its logits for any batch of inputs, evaluated without
 * dropout on an engine the caller owns (and uses from one thread).
 */
public final class FrozenClassifier implements AutoCloseable {
    /** Rows per forward pass: bounds memory on large test sets. */
    private static final int CHUNK = 1000;

    private final Engine engine;
    private final Model model;
    private final CompiledProgram forward;
    private final ParameterStore params;

    /**
     * @param parameters host copies of every parameter of {@code model} (e.g. the final training snapshot)
     * @throws IllegalArgumentException naming a parameter the snapshot lacks
     */
    public FrozenClassifier(Engine engine, Model model, Map<String, HostArray> parameters) {
        this.engine = engine;
        this.model = model;
        Map<String, HostArray> ordered = new LinkedHashMap<>();
        for (String name : model.parameterShapes().keySet()) {
            HostArray value = parameters.get(name);
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + name + "' of " + model.describe()
                        + " is missing from the trained parameters");
            }
            ordered.put(name, value);
        }
        this.params = engine.createParameters(ordered);
        this.forward = engine.compile(TrainingRun.forwardProgram(model));
    }

    /** The engine it runs on, for fitting programs that belong with it. */
    public Engine engine() {
        return engine;
    }

    public Model model() {
        return model;
    }

    public int classes() {
        return model.outputs();
    }

    /** Logits of every example, row-major [N, classes]. */
    public double[] logits(Batch inputs) {
        int n = inputs.size();
        int classes = classes();
        int featureSize = inputs.features().length / Math.max(1, n);
        double[] out = new double[n * classes];
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            int[] shape = inputs.shape();
            shape[0] = rows;
            double[] x = new double[rows * featureSize];
            System.arraycopy(inputs.features(), from * featureSize, x, 0, x.length);
            HostArray z = forward.run(RunRequest.of(Map.of("x", HostArray.wrap(x, shape))).fetch("logits"), params)
                    .output("logits");
            System.arraycopy(z.data(), 0, out, from * classes, rows * classes);
        }
        return out;
    }

    /** The inputs with their logits, ready for a calibrator. */
    public CalibrationSet evaluate(Batch inputs) {
        return new CalibrationSet(inputs, logits(inputs), classes());
    }

    @Override
    public void close() {
        forward.close();
        params.close();
    }
}
