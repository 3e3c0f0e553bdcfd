package org.losslab.train;

import java.util.IdentityHashMap;
import java.util.Map;
import org.losslab.data.Batch;
import org.losslab.data.Dataset;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.model.Model;

/**
 * A frozen teacher as batch inputs: {@code teacherLogits} [N,C] for the rows of every batch, training and
 * evaluation alike, from the teacher's own engine and compiled forward pass (no dropout).
 *
 * <p>The teacher never changes, so each row's logits are computed once, the first time a batch needs them, and kept
 * per data set: after the first epoch a distillation step costs no teacher forward pass at all. Memory is one C-vector
 * per row seen (80 KB per 1,000 rows of 10 classes).
 *
 * <p>Like a {@link TrainingRun}, it belongs to the thread that uses it; close it after the runs that share it.
 */
public final class TeacherLogits implements ExtraInputs {
    /** Rows per teacher forward pass when filling the cache: bounds memory for image models. */
    private static final int CHUNK = 500;

    private final Model model;
    private final Engine engine;
    private final ParameterStore params;
    private final CompiledProgram forward;
    /** Per data set (by identity: two equal sets are still separate splits), each row's logits or null. */
    private final Map<Dataset, double[][]> cache = new IdentityHashMap<>();

    /**
     * @param engineId the engine the teacher runs on (the student's)
     * @param model the teacher network
     * @param parameters its trained parameters, shaped as {@link Model#parameterShapes()}
     */
    public TeacherLogits(String engineId, Model model, Map<String, HostArray> parameters) {
        this.model = model;
        this.engine = Engines.create(engineId, Precision.FLOAT32);
        try {
            this.params = engine.createParameters(parameters);
            this.forward = engine.compile(TrainingRun.forwardProgram(model));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public Model model() {
        return model;
    }

    /** {@code teacherLogits} [rows.length, C]. */
    @Override
    public Map<String, HostArray> forBatch(Dataset data, int[] rows, boolean training) {
        double[][] known = rowsOf(data, rows);
        int classes = model.outputs();
        double[] out = new double[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(known[rows[i]], 0, out, i * classes, classes);
        }
        return Map.of("teacherLogits", HostArray.wrap(out, rows.length, classes));
    }

    /** The teacher's accuracy on a whole data set (0 for an empty one). */
    public double accuracy(Dataset data) {
        if (data.size() == 0) {
            return 0;
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[][] logits = rowsOf(data, all);
        int hits = 0;
        for (int row = 0; row < all.length; row++) {
            int best = 0;
            for (int c = 1; c < logits[row].length; c++) {
                if (logits[row][c] > logits[row][best]) {
                    best = c;
                }
            }
            if (best == data.label(row)) {
                hits++;
            }
        }
        return (double) hits / data.size();
    }

    /** The cache of {@code data} with every row of {@code rows} filled in. */
    private double[][] rowsOf(Dataset data, int[] rows) {
        double[][] known = cache.computeIfAbsent(data, d -> new double[d.size()][]);
        int[] missing = new int[rows.length];
        int count = 0;
        java.util.BitSet queued = new java.util.BitSet();
        for (int row : rows) {
            if (known[row] == null && !queued.get(row)) {
                queued.set(row);
                missing[count++] = row;
            }
        }
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            int[] chunk = java.util.Arrays.copyOfRange(missing, from, to);
            Batch batch = data.batch(chunk);
            HostArray logits = forward.run(RunRequest.of(Map.of("x", HostArray.wrap(batch.features(), batch.shape())))
                    .fetch("logits"), params).output("logits");
            int classes = logits.dim(1);
            for (int i = 0; i < chunk.length; i++) {
                double[] row = new double[classes];
                System.arraycopy(logits.data(), i * classes, row, 0, classes);
                known[chunk[i]] = row;
            }
        }
        return known;
    }

    @Override
    public void close() {
        forward.close();
        params.close();
        engine.close();
    }
}
