package org.losslab.engine;

/**
 * The operations losses and models are written against, once, for both engines.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>Binary element-wise ops broadcast with NumPy rules; the gradient of a broadcast operand is summed back to
 *       its shape.</li>
 *   <li>Axes may be negative (counted from the end).</li>
 *   <li>Every op is differentiable in its floating inputs unless its Javadoc says "no gradient".</li>
 *   <li>Programs never branch on values: anything value-dependent happens outside, in plain Java.</li>
 * </ul>
 * Composite operations are default methods built from primitives, so both engines compute them with the same
 * arithmetic; an engine overrides one only with a native op proven equal in its tests.
 */
public interface Ops {

    Precision precision();

    // ---- creation -------------------------------------------------------------------------------------------

    /** A constant (no gradient) holding {@code value}. */
    Tensor constant(HostArray value);

    /** A rank-0 constant. */
    default Tensor scalar(double value) {
        return constant(HostArray.scalar(value));
    }

    /** Zeros with the shape of {@code x}; no gradient. */
    Tensor zerosLike(Tensor x);

    /** Ones with the shape of {@code x}; no gradient. */
    Tensor onesLike(Tensor x);

    // ---- element-wise binary (broadcasting) -----------------------------------------------------------------

    Tensor add(Tensor a, Tensor b);

    Tensor sub(Tensor a, Tensor b);

    Tensor mul(Tensor a, Tensor b);

    Tensor div(Tensor a, Tensor b);

    /** {@code x + c}. */
    Tensor add(Tensor x, double c);

    /** {@code x * c}. */
    Tensor mul(Tensor x, double c);

    /** {@code c - x}. */
    Tensor rsub(double c, Tensor x);

    /** {@code x / c}. */
    default Tensor div(Tensor x, double c) {
        return mul(x, 1.0 / c);
    }

    /** {@code x ^ p} for a constant exponent; for non-integer {@code p} the caller keeps {@code x > 0}. */
    Tensor pow(Tensor x, double p);

    // ---- element-wise unary ---------------------------------------------------------------------------------

    Tensor neg(Tensor x);

    Tensor exp(Tensor x);

    Tensor log(Tensor x);

    Tensor sqrt(Tensor x);

    Tensor square(Tensor x);

    /** |x|; gradient sign(x), 0 at 0. */
    Tensor abs(Tensor x);

    /** max(x, 0); gradient 0 at 0 (both engines agree on the kink). */
    Tensor relu(Tensor x);

    Tensor tanh(Tensor x);

    Tensor sigmoid(Tensor x);

    /** log(1 + exp(x)), computed stably for large |x|. */
    Tensor softplus(Tensor x);

    /** Identity in the forward pass, zero gradient. */
    Tensor stopGradient(Tensor x);

    // ---- comparisons: 0/1 masks, no gradient ----------------------------------------------------------------

    /** 1 where {@code a > b}, else 0 (broadcasting); no gradient. */
    Tensor greaterThan(Tensor a, Tensor b);

    /** 1 where {@code x > c}, else 0; no gradient. */
    Tensor greaterThan(Tensor x, double c);

    // ---- reductions -----------------------------------------------------------------------------------------

    /** Sum over {@code axes} (all axes when none are given). */
    Tensor sum(Tensor x, boolean keepDims, int... axes);

    /** Mean over {@code axes} (all axes when none are given). */
    Tensor mean(Tensor x, boolean keepDims, int... axes);

    /**
     * Maximum over {@code axes}. The gradient goes to the arg-max; values in tests avoid ties (the engines split
     * tied gradients differently).
     */
    Tensor max(Tensor x, boolean keepDims, int... axes);

    // ---- shape ----------------------------------------------------------------------------------------------

    /** Same values, new shape (row-major); one dimension may be -1. */
    Tensor reshape(Tensor x, long... shape);

    /** Reorders axes: output axis i is input axis {@code order[i]}. */
    Tensor permute(Tensor x, int... order);

    /** Joins tensors of equal shape but for {@code axis}. */
    Tensor concat(int axis, Tensor... parts);

    /** Elements {@code from} (inclusive) to {@code to} (exclusive) along {@code axis}. */
    Tensor slice(Tensor x, int axis, long from, long to);

    // ---- linear algebra -------------------------------------------------------------------------------------

    /**
     * Matrix product: [m,k]×[k,n] → [m,n], or batched [b,m,k]×[b,k,n] → [b,m,n].
     */
    Tensor matmul(Tensor a, Tensor b);

    // ---- indexing -------------------------------------------------------------------------------------------

    /**
     * One-hot rows: {@code labels} [N] holding class indices as whole numbers → [N, classes]; no gradient.
     */
    Tensor oneHot(Tensor labels, int classes);

    /**
     * Rows of {@code x} along {@code axis} picked by {@code indices} (whole numbers, rank 1, repeats allowed):
     * output shape is x's shape with that axis replaced by indices' length. The gradient scatters-adds back, so a
     * repeated index receives the sum of its rows' gradients.
     */
    Tensor gather(Tensor x, Tensor indices, int axis);

    // ---- convolution (NCHW) ---------------------------------------------------------------------------------

    /**
     * 2-D convolution (cross-correlation, as in PyTorch). x [N,C,H,W], weight [O,C,kH,kW], bias [O] or null.
     * Output [N,O,(H+2p-kH)/s+1,(W+2p-kW)/s+1].
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding);

    /** Max pooling with a square window, no padding. x [N,C,H,W] → [N,C,(H-k)/s+1,(W-k)/s+1]. */
    Tensor maxPool2d(Tensor x, int kernel, int stride);

    /** Average pooling with a square window, no padding. */
    Tensor avgPool2d(Tensor x, int kernel, int stride);

    // ---- sequence -------------------------------------------------------------------------------------------

    /**
     * Connectionist temporal classification, per sequence, blank = 0, not length-normalised.
     *
     * @param logProbs [N,T,V] log-probabilities (log-softmax over V already applied)
     * @param targets [N,S] label indices, padded
     * @param inputLengths [N] valid time steps per sequence
     * @param targetLengths [N] valid labels per sequence
     * @return [N] negative log-likelihoods; gradient flows to {@code logProbs}
     */
    Tensor ctcLoss(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths);

    // ---- composites: same arithmetic on both engines ----------------------------------------------------------

    /** {@code min(a, b)} as {@code a - relu(a - b)}: on ties the gradient goes to {@code a}, never to both. */
    default Tensor minimum(Tensor a, Tensor b) {
        return sub(a, relu(sub(a, b)));
    }

    /** {@code max(a, b)} as {@code b + relu(a - b)}: on ties the gradient goes to {@code b}, never to both. */
    default Tensor maximum(Tensor a, Tensor b) {
        return add(b, relu(sub(a, b)));
    }

    /** Clamps to [lo, hi]; gradient 1 strictly inside, 0 outside. */
    default Tensor clamp(Tensor x, double lo, double hi) {
        Tensor aboveLo = add(relu(add(x, -lo)), lo);
        return rsub(hi, relu(rsub(hi, aboveLo)));
    }

    /** {@code mask ? a : b} for a 0/1 {@code mask}. */
    default Tensor where(Tensor mask, Tensor a, Tensor b) {
        return add(mul(mask, a), mul(rsub(1.0, mask), b));
    }

    /** Numerically stable log Σ exp over {@code axis}; gradient softmax(x). */
    default Tensor logSumExp(Tensor x, int axis, boolean keepDims) {
        Tensor shift = stopGradient(max(x, true, axis));
        Tensor lse = add(log(sum(exp(sub(x, shift)), true, axis)), shift);
        return keepDims ? lse : squeeze(lse, axis);
    }

    default Tensor logSoftmax(Tensor x, int axis) {
        return sub(x, logSumExp(x, axis, true));
    }

    default Tensor softmax(Tensor x, int axis) {
        return exp(logSoftmax(x, axis));
    }

    /** Removes {@code axis}, which must have size 1. */
    default Tensor squeeze(Tensor x, int axis) {
        long[] s = x.shape();
        int a = axis < 0 ? s.length + axis : axis;
        if (s[a] != 1) {
            throw new IllegalArgumentException("cannot squeeze axis " + axis + " of size " + s[a]);
        }
        long[] out = new long[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != a) {
                out[j++] = s[i];
            }
        }
        return reshape(x, out);
    }

    /** Inserts an axis of size 1 at {@code axis}. */
    default Tensor unsqueeze(Tensor x, int axis) {
        long[] s = x.shape();
        int a = axis < 0 ? s.length + 1 + axis : axis;
        long[] out = new long[s.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == a ? 1 : s[j++];
        }
        return reshape(x, out);
    }

    /** Σ over the last axis of x·y: the class-y entry of each row when y is one-hot. [N,C],[N,C] → [N]. */
    default Tensor rowDot(Tensor x, Tensor y) {
        return sum(mul(x, y), false, -1);
    }

    /** Matrix transpose of the last two axes. */
    default Tensor transpose(Tensor x) {
        int r = x.rank();
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        order[r - 1] = r - 2;
        order[r - 2] = r - 1;
        return permute(x, order);
    }

    /**
     * atan(x), from primitives so both engines compute it alike. Beyond |x| = 1 it takes
     * sign(x)·π/2 − atan(1/x), so the argument r is within [−1, 1]; three halvings
     * atan(r) = 2·atan(r / (1 + √(1 + r²))) then bring it below tan(π/32) ≈ 0.0985, where eight terms of the Taylor
     * series are exact to double precision. Gradient 1/(1 + x²), accurate for every finite x.
     */
    default Tensor atan(Tensor x) {
        Tensor large = greaterThan(abs(x), 1.0);
        Tensor sign = add(mul(greaterThan(x, 0.0), 2.0), -1.0);
        // the reciprocal of the large entries only, with 1 in place of the others, so no branch divides by 0
        Tensor reciprocal = pow(where(large, x, onesLike(x)), -1.0);
        Tensor r = where(large, reciprocal, x);
        int halvings = 3;
        Tensor y = r;
        for (int i = 0; i < halvings; i++) {
            y = div(y, add(sqrt(add(square(y), 1.0)), 1.0));
        }
        Tensor y2 = square(y);
        int terms = 8;
        Tensor series = add(mul(y2, seriesCoefficient(terms - 1)), seriesCoefficient(terms - 2));
        for (int n = terms - 3; n >= 0; n--) {
            series = add(mul(series, y2), seriesCoefficient(n));
        }
        Tensor atanR = mul(mul(y, series), 1 << halvings);
        return where(large, sub(mul(sign, Math.PI / 2), atanR), atanR);
    }

    /** (−1)ⁿ/(2n + 1), the n-th coefficient of atan's Taylor series in odd powers. */
    private static double seriesCoefficient(int n) {
        return (n % 2 == 0 ? 1.0 : -1.0) / (2 * n + 1);
    }

    /**
     * Nearest-neighbour upsampling by 2 in height and width: [N,C,H,W] → [N,C,2H,2W], each input pixel copied into a
     * 2×2 block. Built from reshape and concat (SameDiff's own upsampling op fails inside graphs), so the gradient of
     * an input pixel is the sum of its four copies' gradients on both engines.
     */
    default Tensor upsampleNearest2x(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("upsampleNearest2x needs x of shape [N,C,H,W], got rank " + x.rank());
        }
        long[] s = x.shape();
        Tensor cells = reshape(x, s[0], s[1], s[2], 1, s[3], 1);
        Tensor wide = concat(5, cells, cells);
        Tensor block = concat(3, wide, wide);
        return reshape(block, s[0], s[1], 2 * s[2], 2 * s[3]);
    }

    /** GELU, tanh approximation (Hendrycks & Gimpel), spelled out so both engines agree exactly. */
    default Tensor gelu(Tensor x) {
        Tensor inner = mul(add(x, mul(mul(x, square(x)), 0.044715)), Math.sqrt(2.0 / Math.PI));
        return mul(mul(x, add(tanh(inner), 1.0)), 0.5);
    }
}
