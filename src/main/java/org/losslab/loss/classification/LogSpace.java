package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * Numerically careful building blocks the seam does not offer as primitives ({@code expm1}, log-sum-exp over the
 * wrong classes), composed from {@link Ops} so both engines compute them with the same arithmetic.
 */
final class LogSpace {
    /** Subtracted from the true class's logit so it drops out of a log-sum-exp (e^{-1e9} is exactly 0). */
    private static final double EXCLUDE = 1e9;

    /**
     * Up to this |x| expm1 uses its Taylor polynomial; above it exp(x) − 1 loses at most ~10 ulps
     * (|e^x − 1| &gt; 0.095).
     */
    private static final double SMALL = 0.1;

    /** Degree of the Taylor polynomial: the first term left out, x¹¹/11!, is below 3e-18·|x| for |x| ≤ 0.1. */
    private static final int TAYLOR_DEGREE = 10;

    private LogSpace() {}

    /**
     * e^x − 1 without the cancellation of {@code exp(x) - 1} near 0, element-wise, any shape. Near 0 it is the
     * Taylor polynomial x(1 + x/2(1 + x/3(… (1 + x/10)))), elsewhere exp(x) − 1 directly. (The shorter identity
     * e^x − 1 = tanh(x/2)(1 + e^x) only helps where the engine's tanh is accurate near 0, which ND4J's is not.) The
     * polynomial sees x masked to 0 outside its range, so it contributes no gradient there; a masked product is
     * exact, whereas {@link Ops#clamp} adds and subtracts its bounds and would cost small arguments their digits.
     */
    static Tensor expm1(Ops ops, Tensor x) {
        Tensor small = ops.rsub(1.0, ops.greaterThan(ops.abs(x), SMALL));
        Tensor inner = ops.mul(x, small);
        Tensor horner = ops.add(ops.mul(inner, 1.0 / TAYLOR_DEGREE), 1.0);
        for (int k = TAYLOR_DEGREE - 1; k >= 2; k--) {
            horner = ops.add(ops.mul(ops.mul(inner, horner), 1.0 / k), 1.0);
        }
        Tensor nearZero = ops.mul(inner, horner);
        Tensor far = ops.add(ops.exp(x), -1.0);
        return ops.where(small, nearZero, far);
    }

    /** log Σ_{k≠y} e^{z_k} per row: z [N,C], onehot(y) [N,C] → [N]. With C = 1 it is about −1e9 (an empty sum). */
    static Tensor logSumExpOfOthers(Ops ops, Tensor z, Tensor oneHot) {
        return ops.logSumExp(ops.sub(z, ops.mul(oneHot, EXCLUDE)), -1, false);
    }

    /** Cross-entropy per row, logsumexp(z) − z_y: z [N,C], onehot(y) [N,C] → [N]. */
    static Tensor crossEntropy(Ops ops, Tensor z, Tensor oneHot) {
        return ops.sub(ops.logSumExp(z, -1, false), ops.rowDot(z, oneHot));
    }
}
