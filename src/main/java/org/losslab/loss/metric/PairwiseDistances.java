package org.losslab.loss.metric;

import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/** Pairwise distances, similarities and label masks of embedding batches, shared by the losses of this package. */
final class PairwiseDistances {
    /** Floor of a row norm in {@link #unitRows}, as torch's {@code F.normalize}. */
    private static final double NORM_FLOOR = 1e-12;

    private PairwiseDistances() {}

    /**
     * ‖a_i − b_j‖² for a [N,D] and b [M,D] → [N,M]. Built from the differences rather than ‖a‖² + ‖b‖² − 2ab, so it
     * never goes negative and is exactly 0 (with zero gradient) between equal rows.
     */
    static Tensor squaredEuclidean(Ops ops, Tensor a, Tensor b) {
        Tensor diff = ops.sub(ops.unsqueeze(a, 1), ops.unsqueeze(b, 0));
        return ops.sum(ops.square(diff), false, -1);
    }

    /**
     * sqrt(‖a_i − b_j‖² + epsilon) → [N,M]: the Euclidean distance, kept differentiable where two rows coincide
     * (the plain square root has an infinite slope at 0; with epsilon &gt; 0 the slope there is 0).
     */
    static Tensor euclidean(Ops ops, Tensor a, Tensor b, double epsilon) {
        return ops.sqrt(ops.add(squaredEuclidean(ops, a, b), epsilon));
    }

    /** Each row of x [N,D] divided by max(‖x_i‖, 1e-12), as torch's {@code F.normalize}. */
    static Tensor unitRows(Ops ops, Tensor x) {
        Tensor norm = ops.sqrt(ops.sum(ops.square(x), true, -1));
        Tensor floored = ops.add(ops.relu(ops.add(norm, -NORM_FLOOR)), NORM_FLOOR);
        return ops.div(x, floored);
    }

    /** cos(a_i, b_j) for a [N,D] and b [M,D] → [N,M]: the dot products of the L2-normalised rows. */
    static Tensor cosine(Ops ops, Tensor a, Tensor b) {
        return ops.matmul(unitRows(ops, a), ops.transpose(unitRows(ops, b)));
    }

    /** 1 where labels i and j [N] are equal, else 0 → [N,N]; no gradient. */
    static Tensor sameClass(Ops ops, Tensor labels) {
        Tensor gap = ops.abs(ops.sub(ops.unsqueeze(labels, 1), ops.unsqueeze(labels, 0)));
        return ops.rsub(1.0, ops.greaterThan(gap, 0.5));
    }

    /** The n×n identity as a constant. */
    static Tensor identity(Ops ops, int n) {
        double[] eye = new double[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1;
        }
        return ops.constant(HostArray.wrap(eye, n, n));
    }

    /**
     * log Σ_{j: mask=1} e^{x_j} along {@code axis}, without keeping the axis. x and mask broadcast together; every
     * slice must have at least one unmasked entry. The shift is the maximum over the unmasked entries (held
     * constant), so masked-out entries, however large, neither overflow nor take gradient.
     */
    static Tensor maskedLogSumExp(Ops ops, Tensor x, Tensor mask, int axis) {
        Tensor pushedDown = ops.add(x, ops.mul(ops.add(mask, -1.0), 1e30));
        Tensor shift = ops.stopGradient(ops.max(pushedDown, true, axis));
        Tensor sum = ops.sum(ops.mul(ops.exp(ops.sub(x, shift)), mask), true, axis);
        return ops.squeeze(ops.add(ops.log(sum), shift), axis);
    }

    /** softmax of x over the entries with mask = 1 along {@code axis} (0 on masked entries); shapes as x. */
    static Tensor maskedSoftmax(Ops ops, Tensor x, Tensor mask, int axis) {
        Tensor lse = ops.unsqueeze(maskedLogSumExp(ops, x, mask, axis), axis);
        return ops.mul(ops.exp(ops.sub(x, lse)), mask);
    }
}
