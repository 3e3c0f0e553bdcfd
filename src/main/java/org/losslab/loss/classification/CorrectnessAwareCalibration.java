package org.losslab.loss.classification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;

/**
 * Correctness-aware calibration (Liu et al., "Optimizing Calibration by Gaining Aware of Prediction Correctness"):
 * the loss of a post-hoc calibrator that outputs one temperature per example for a frozen classifier.
 *
 * <p>Inputs: frozen {@code logits} z [N,C] (no gradient), {@code labels} y [N] and {@code temperature} T [N] > 0,
 * the calibrator's output and the only input a gradient flows to. With ŝ_i = max_k softmax(z_i/T_i)_k,
 * c_i = 1[argmax z_i = y_i] and, from the batch accuracy acc, w_i = 1 − acc for a correct prediction and acc for a
 * wrong one (so the rarer outcome weighs more):
 * <pre>L = Σ_i w_i (ŝ_i − c_i)² / Σ_i w_i.</pre>
 *
 * <p>Batch-level: the weights couple the examples. {@link #perExample} returns ℓ_i = N·w_i(ŝ_i − c_i)²/Σ_j w_j, whose
 * mean over the batch is L (the default reduction); a single ℓ_i is not a loss of example i on its own.
 *
 * <p>The max over classes is a selection: its gradient flows to the arg-max entry only. Since T_i > 0 does not change
 * the arg-max of z_i, {@link #prepare} picks it from the logits once, as a constant one-hot row (first index on
 * ties), together with c_i and the normalised weights; the graph has no value-dependent branch.
 *
 * <p>When every prediction in the batch is right (or every one wrong) all w_i are 0; the weights then fall back to
 * equal ones, which is the limit of any equal weighting and keeps the loss defined.
 */
public final class CorrectnessAwareCalibration implements LossFunction {
    /** Prepared one-hot rows of each example's predicted class, [N,C]. */
    static final String PREDICTED = "caPredicted";
    /** Prepared correctness c_i ∈ {0, 1}, [N]. */
    static final String CORRECT = "caCorrect";
    /** Prepared weights N·w_i/Σw, [N]. */
    static final String WEIGHT = "caWeight";

    public static final LossSpec SPEC = LossSpec.builder("ca-calibration", "Correctness-aware calibration",
                    Family.CLASSIFICATION)
            .input("logits").input("labels").differentiableInput("temperature")
            .cite("Optimizing Calibration by Gaining Aware of Prediction Correctness")
            .tex("\\mathcal{L} = \\frac{\\sum_i w_i\\,(\\hat s_i - c_i)^2}{\\sum_i w_i},\\quad "
                    + "\\hat s_i = \\max_k \\mathrm{softmax}(z_i / T_i)_k,\\quad c_i = [\\hat y_i = y_i],\\quad "
                    + "w_i = c_i\\,(1-\\mathrm{acc}) + (1-c_i)\\,\\mathrm{acc}")
            .intuition("Post-hoc: a small network picks a temperature for each example of a frozen classifier so "
                    + "that its confidence says whether the prediction is right, with the rarer case (usually the "
                    + "mistakes) weighted up.")
            .status(Status.UNCERTAIN)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    /**
     * Predicted one-hot rows, correctness and normalised weights from the host logits and labels.
     *
     * @param hostInputs {@code logits} [N,C], {@code labels} [N] and, when given on the host, {@code temperature} [N]
     */
    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray logits = hostInputs.get("logits");
        HostArray labels = hostInputs.get("labels");
        if (logits == null || labels == null) {
            throw new IllegalArgumentException("ca-calibration needs inputs 'logits' and 'labels'; given: "
                    + hostInputs.keySet());
        }
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("logits must have shape [N, C], got " + Arrays.toString(logits.shape()));
        }
        int n = logits.dim(0);
        int classes = logits.dim(1);
        if (labels.rank() != 1 || labels.dim(0) != n) {
            throw new IllegalArgumentException("labels must have shape [" + n + "], got "
                    + Arrays.toString(labels.shape()));
        }
        HostArray temperature = hostInputs.get("temperature");
        if (temperature != null) {
            checkTemperature(temperature, n);
        }
        double[] z = logits.data();
        double[] oneHot = new double[n * classes];
        double[] correct = new double[n];
        double hits = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (z[i * classes + k] > z[i * classes + best]) {
                    best = k;
                }
            }
            oneHot[i * classes + best] = 1;
            double y = labels.data()[i];
            if (y != Math.rint(y) || y < 0 || y >= classes) {
                throw new IllegalArgumentException("labels must be class indices in 0.." + (classes - 1)
                        + ", got " + y + " at " + i);
            }
            correct[i] = best == (int) y ? 1 : 0;
            hits += correct[i];
        }
        double accuracy = n == 0 ? 0 : hits / n;
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = correct[i] == 1 ? 1 - accuracy : accuracy;
            total += weight[i];
        }
        for (int i = 0; i < n; i++) {
            weight[i] = total > 0 ? n * weight[i] / total : 1;
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put(PREDICTED, HostArray.wrap(oneHot, n, classes));
        out.put(CORRECT, HostArray.wrap(correct, n));
        out.put(WEIGHT, HostArray.wrap(weight, n));
        return out;
    }

    private static void checkTemperature(HostArray temperature, int n) {
        if (temperature.rank() != 1 || temperature.dim(0) != n) {
            throw new IllegalArgumentException("temperature must have shape [" + n + "] (one per example), got "
                    + Arrays.toString(temperature.shape()));
        }
        for (int i = 0; i < n; i++) {
            if (!(temperature.data()[i] > 0)) {
                throw new IllegalArgumentException("temperature must be positive, got " + temperature.data()[i]
                        + " at " + i);
            }
        }
    }

    /** ℓ_i = N·w_i(ŝ_i − c_i)²/Σw, shape [N]; the mean is the batch loss L. */
    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor z = Targets.logits(in);
        Tensor t = in.get("temperature");
        if (t.rank() != 1 || t.dim(0) != z.dim(0)) {
            throw new IllegalArgumentException("temperature must have shape [" + z.dim(0) + "] (one per example), got "
                    + Arrays.toString(t.shape()));
        }
        for (String prepared : new String[] {PREDICTED, CORRECT, WEIGHT}) {
            if (!in.has(prepared)) {
                throw new IllegalArgumentException("ca-calibration reads '" + prepared + "' from its prepare step, "
                        + "which did not run on this batch");
            }
        }
        Tensor frozen = ops.stopGradient(z);
        Tensor scaled = ops.div(frozen, ops.reshape(t, t.dim(0), 1));
        Tensor confidence = ops.exp(ops.rowDot(ops.logSoftmax(scaled, -1), in.get(PREDICTED)));
        Tensor gap = ops.sub(confidence, in.get(CORRECT));
        return ops.mul(in.get(WEIGHT), ops.square(gap));
    }
}
