package org.losslab.loss.segmentation;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * Grey-scale morphology on the last two axes (H, W) of a tensor [..., H, W], built only from slices, concatenation
 * and the tie-safe {@link Ops#minimum}/{@link Ops#maximum}, so both engines compute the same values and the same
 * gradients. On a tie the gradient goes to exactly one of the tied pixels (a one-sided choice), never to all of them:
 * soft skeletons compare equal neighbours all the time (flat regions, binary masks, saturated probabilities), and a
 * pairwise min/max that credits every tied operand would multiply those gradients.
 *
 * <p>Windows are clipped at the image border (as max pooling with −∞ padding): the border is replicated, which adds
 * no new value to a window. Every operation keeps the shape of its input.
 */
public final class SoftMorphology {
    private SoftMorphology() {}

    /** Minimum over the window {i−1, i, i+1} along {@code axis}, clipped at the ends. [..] → same shape. */
    public static Tensor min3(Ops ops, Tensor x, int axis) {
        if (x.dim(axis) == 1) {
            return x;
        }
        return ops.minimum(ops.minimum(x, previous(ops, x, axis)), next(ops, x, axis));
    }

    /** Maximum over the window {i−1, i, i+1} along {@code axis}, clipped at the ends. [..] → same shape. */
    public static Tensor max3(Ops ops, Tensor x, int axis) {
        if (x.dim(axis) == 1) {
            return x;
        }
        return ops.maximum(ops.maximum(previous(ops, x, axis), x), next(ops, x, axis));
    }

    /**
     * Soft erosion with the plus-shaped 3×3 element: min(3×1 min pool, 1×3 min pool), i.e. the minimum of a pixel
     * and its four edge neighbours. [..., H, W] → [..., H, W].
     */
    public static Tensor erode(Ops ops, Tensor x) {
        return ops.minimum(min3(ops, x, -2), min3(ops, x, -1));
    }

    /** Soft dilation with the full 3×3 square: a 3×3 max pool, stride 1, same size. [..., H, W] → [..., H, W]. */
    public static Tensor dilate(Ops ops, Tensor x) {
        return max3(ops, max3(ops, x, -2), -1);
    }

    /** Soft opening, {@code dilate(erode(x))}. [..., H, W] → [..., H, W]. */
    public static Tensor open(Ops ops, Tensor x) {
        return dilate(ops, erode(ops, x));
    }

    /**
     * The soft skeleton of clDice (Shit et al.) as TopoMortar runs it: skel = relu(x − open(x)); then
     * {@code iterations} times x ← erode(x), δ = relu(x − open(x)), skel ← skel + relu(δ − skel·δ).
     * [..., H, W] → [..., H, W]; for x in [0,1] the skeleton stays in [0,1].
     */
    public static Tensor softSkeleton(Ops ops, Tensor x, int iterations) {
        Tensor skeleton = ops.relu(ops.sub(x, open(ops, x)));
        Tensor eroded = x;
        for (int i = 0; i < iterations; i++) {
            eroded = erode(ops, eroded);
            Tensor delta = ops.relu(ops.sub(eroded, open(ops, eroded)));
            skeleton = ops.add(skeleton, ops.relu(ops.sub(delta, ops.mul(skeleton, delta))));
        }
        return skeleton;
    }

    /**
     * Maximum over {@code axis} (a maximum intensity projection), the axis removed: a balanced tree of tie-safe
     * {@link Ops#maximum}, so the gradient goes to one arg-max per ray even on ties, identically on both engines,
     * in about 3·log₂(n) operations.
     */
    public static Tensor maxOver(Ops ops, Tensor x, int axis) {
        int a = axis < 0 ? x.rank() + axis : axis;
        Tensor level = x;
        while (level.dim(a) > 1) {
            long n = level.dim(a);
            long half = n / 2;
            Tensor paired = ops.maximum(ops.slice(level, a, 0, half), ops.slice(level, a, half, 2 * half));
            level = n % 2 == 0 ? paired : ops.concat(a, paired, ops.slice(level, a, n - 1, n));
        }
        return ops.squeeze(level, a);
    }

    /** x shifted by one towards higher indices along {@code axis}: out[i] = x[i−1], out[0] = x[0]. */
    private static Tensor previous(Ops ops, Tensor x, int axis) {
        int a = axis < 0 ? x.rank() + axis : axis;
        long n = x.dim(a);
        return ops.concat(a, ops.slice(x, a, 0, 1), ops.slice(x, a, 0, n - 1));
    }

    /** x shifted by one towards lower indices along {@code axis}: out[i] = x[i+1], out[n−1] = x[n−1]. */
    private static Tensor next(Ops ops, Tensor x, int axis) {
        int a = axis < 0 ? x.rank() + axis : axis;
        long n = x.dim(a);
        return ops.concat(a, ops.slice(x, a, 1, n), ops.slice(x, a, n - 1, n));
    }
}
