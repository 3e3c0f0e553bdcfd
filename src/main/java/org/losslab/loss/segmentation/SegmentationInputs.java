package org.losslab.loss.segmentation;

import java.util.Arrays;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;

/**
 * Shared reading and checking of the segmentation inputs: {@code prob} [N,H,W] with a binary {@code target} of the
 * same shape, or {@code logits} [N,C,H,W] with a class-index {@code target} [N,H,W]. Shape errors are thrown while
 * the graph is built; value errors (a target that is not 0/1, a probability outside [0,1]) need the host arrays and
 * are thrown from {@link #checkBinary} and {@link #checkClassIndices}, which the losses call in {@code prepare}.
 */
final class SegmentationInputs {
    static final String PROB = "prob";
    static final String TARGET = "target";
    static final String LOGITS = "logits";

    private SegmentationInputs() {}

    /**
     * {@code prob} and {@code target} of one shape with a batch axis first and at least {@code minRank} axes in all.
     *
     * @return {prob, target}
     */
    static Tensor[] binaryPair(LossInputs in, int minRank, int maxRank) {
        return checkedPair(in.get(PROB), in.get(TARGET), minRank, maxRank);
    }

    /** {@link #binaryPair} for tensors already taken from the inputs (e.g. after dropping a channel axis). */
    static Tensor[] checkedPair(Tensor prob, Tensor target, int minRank, int maxRank) {
        if (prob.rank() < minRank || prob.rank() > maxRank) {
            String expected = minRank == 3 && maxRank == 3 ? "[N,H,W]"
                    : minRank == 3 && maxRank == 4 ? "[N,H,W] or [N,D,H,W]" : "[N,...] with at most " + maxRank + " axes";
            throw new IllegalArgumentException("prob must have shape " + expected + ", got "
                    + Arrays.toString(prob.shape()));
        }
        if (!Arrays.equals(prob.shape(), target.shape())) {
            throw new IllegalArgumentException("target must have the shape of prob " + Arrays.toString(prob.shape())
                    + ", got " + Arrays.toString(target.shape()));
        }
        return new Tensor[] {prob, target};
    }

    /** {@code logits} [N,C,H,W] with C ≥ 2 channels, or exactly {@code exactClasses} when that is &gt; 0. */
    static Tensor logits(LossInputs in, int exactClasses) {
        Tensor z = in.get(LOGITS);
        if (z.rank() != 4) {
            throw new IllegalArgumentException("logits must have shape [N,C,H,W], got " + Arrays.toString(z.shape()));
        }
        if (exactClasses > 0 ? z.dim(1) != exactClasses : z.dim(1) < 2) {
            throw new IllegalArgumentException("logits must have " + (exactClasses > 0 ? "exactly " + exactClasses
                    : "at least 2") + " channels (axis 1), got " + Arrays.toString(z.shape()));
        }
        return z;
    }

    /** The class-index {@code target} [N,H,W] as one-hot [N,C,H,W] for {@code logits} [N,C,H,W]; no gradient. */
    static Tensor oneHotTarget(Ops ops, LossInputs in, Tensor logits) {
        Tensor target = in.get(TARGET);
        long[] z = logits.shape();
        long[] expected = {z[0], z[2], z[3]};
        if (!Arrays.equals(target.shape(), expected)) {
            throw new IllegalArgumentException("target must have shape [N,H,W] = " + Arrays.toString(expected)
                    + " to match logits " + Arrays.toString(z) + ", got " + Arrays.toString(target.shape()));
        }
        int classes = (int) z[1];
        Tensor flat = ops.oneHot(ops.reshape(target, z[0] * z[2] * z[3]), classes);
        return ops.permute(ops.reshape(flat, z[0], z[2], z[3], classes), 0, 3, 1, 2);
    }

    /** Sum over every axis but the batch axis: [N,...] → [N]. */
    static Tensor perImageSum(Ops ops, Tensor x) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return ops.sum(x, false, axes);
    }

    /** Refuses, by name, a {@code target} that is not 0/1 and a {@code prob} outside [0,1] (when present). */
    static void checkBinary(Map<String, HostArray> host) {
        HostArray target = host.get(TARGET);
        if (target != null) {
            for (double v : target.data()) {
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("target must be a binary mask (0 or 1), found " + v);
                }
            }
        }
        HostArray prob = host.get(PROB);
        if (prob != null) {
            for (double v : prob.data()) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("prob must hold probabilities in [0,1], found " + v);
                }
            }
        }
    }

    /** Refuses, by name, a {@code target} that is not whole class indices 0…C−1 (C from {@code logits} if present). */
    static void checkClassIndices(Map<String, HostArray> host) {
        HostArray target = host.get(TARGET);
        if (target == null) {
            return;
        }
        HostArray logits = host.get(LOGITS);
        int classes = logits != null && logits.rank() == 4 ? logits.dim(1) : Integer.MAX_VALUE;
        for (double v : target.data()) {
            if (v < 0 || v >= classes || v != Math.rint(v)) {
                throw new IllegalArgumentException("target must hold class indices 0…"
                        + (classes == Integer.MAX_VALUE ? "C−1" : String.valueOf(classes - 1)) + ", found " + v);
            }
        }
    }

    /**
     * The class-index {@code target} [N,H,W] as foreground masks, one boolean[H·W] per image (class ≥ 1 is
     * foreground), for host-side helpers such as skeletons.
     */
    static boolean[][] foregroundMasks(HostArray target) {
        if (target.rank() != 3) {
            throw new IllegalArgumentException("target must have shape [N,H,W], got "
                    + Arrays.toString(target.shape()));
        }
        int n = target.dim(0);
        int pixels = target.dim(1) * target.dim(2);
        boolean[][] masks = new boolean[n][pixels];
        double[] d = target.data();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < pixels; p++) {
                masks[i][p] = d[i * pixels + p] >= 1;
            }
        }
        return masks;
    }
}
