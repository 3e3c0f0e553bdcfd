package org.losslab.loss.classification;

import java.util.Arrays;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;

/**
 * Multi-sample dropout: the cross-entropy of the output layer averaged over M dropout masks of its input features,
 * all sharing the layer's weights: ℓ_i = (1/M) Σ_m CE(W(m_m ⊙ h_i) + b, y_i). Without masks (evaluation) it is the
 * plain cross-entropy of the undropped layer.
 *
 * <p>Inputs: {@code features} h [N,H] (what the output layer reads), {@code headWeight} W [C,H], {@code headBias}
 * b [C], {@code labels} y [N], and optional {@code headMasks} [M,N,H] already scaled (entries 0 or 1/(1−p)), drawn
 * by the model outside the graph so both engines see the same ones. The MLP supplies all of them when its
 * {@code headSamples} option is on.
 */
public final class MultiSampleDropout implements LossFunction {

    public static final LossSpec SPEC = LossSpec.builder("multi-sample-dropout", "Multi-sample dropout",
                    Family.CLASSIFICATION)
            .differentiableInput("features").differentiableInput("headWeight").differentiableInput("headBias")
            .input("labels").optionalInput("headMasks")
            .cite("Multi-Sample Dropout for Accelerated Training and Better Generalization. From the paper, not "
                    + "checked against code; M = 8 as reconstructed (the MLP's headSamples, not re-read).")
            .tex("\\ell = \\frac{1}{M}\\sum_{m=1}^{M} \\mathrm{CE}\\big(W(m_m \\odot h) + b,\\; y\\big),"
                    + "\\quad m_m \\in \\{0, \\tfrac{1}{1-p}\\}^H")
            .intuition("Several dropout masks share one output layer in the same step, so each step sees M noisy "
                    + "versions of the batch for little more than the cost of one.")
            .status(Status.PAPER)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    /** @return ℓ_i [N] */
    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor features = in.get("features");
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must have shape [N, H], got " + Arrays.toString(features.shape()));
        }
        long n = features.dim(0);
        long width = features.dim(1);
        Tensor weight = in.get("headWeight");
        if (weight.rank() != 2 || weight.dim(1) != width) {
            throw new IllegalArgumentException("headWeight must have shape [C, " + width + "], got "
                    + Arrays.toString(weight.shape()));
        }
        long classes = weight.dim(0);
        Tensor bias = in.get("headBias");
        if (bias.rank() != 1 || bias.dim(0) != classes) {
            throw new IllegalArgumentException("headBias must have shape [" + classes + "], got "
                    + Arrays.toString(bias.shape()));
        }
        Tensor labels = in.get("labels");
        if (labels.rank() != 1 || labels.dim(0) != n) {
            throw new IllegalArgumentException("labels must have shape [" + n + "], got "
                    + Arrays.toString(labels.shape()));
        }
        Tensor y = ops.oneHot(labels, (int) classes);
        Tensor weightT = ops.transpose(weight);
        if (!in.has("headMasks")) {
            return crossEntropy(ops, ops.add(ops.matmul(features, weightT), bias), y);
        }
        Tensor masks = in.get("headMasks");
        if (masks.rank() != 3 || masks.dim(1) != n || masks.dim(2) != width) {
            throw new IllegalArgumentException("headMasks must have shape [M, " + n + ", " + width + "], got "
                    + Arrays.toString(masks.shape()));
        }
        long samples = masks.dim(0);
        // All M samples go through the shared layer as one [M·N, H] × [H, C] product.
        Tensor dropped = ops.reshape(ops.mul(masks, features), samples * n, width);
        Tensor logits = ops.reshape(ops.add(ops.matmul(dropped, weightT), bias), samples, n, classes);
        return ops.mean(crossEntropy(ops, logits, y), false, 0);
    }

    /** logsumexp(z) − z_y over the last axis: z [..., N, C], y one-hot [N, C] → [..., N]. */
    private static Tensor crossEntropy(Ops ops, Tensor logits, Tensor y) {
        return ops.sub(ops.logSumExp(logits, -1, false), ops.rowDot(logits, y));
    }
}
