package org.losslab.loss.hyperbolic;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * The Poincaré ball of curvature c — the open ball of radius 1/√c — written against {@link Ops}, so losses and
 * models get its arithmetic with gradients on both engines. {@link HostPoincareBall} computes the same in plain
 * double loops.
 *
 * <p>Every point or tangent vector is a tensor [..., D] whose last axis holds the coordinates; the leading axes
 * broadcast with NumPy rules, so a [N,1,D] batch combined with [1,C,D] class parameters gives [N,C,D]. Results that
 * reduce over the coordinates keep that axis as size 1 ([..., 1]) unless the method says otherwise.
 *
 * <p>The small constants are hyptorch's (the library the Hyp-OC code uses) and are part of the numbers LOSSES.md
 * lists: the Möbius denominator gets {@value #MOBIUS_EPSILON}, and a norm divided by is floored at
 * {@value #MIN_NORM}.
 */
public final class PoincareBall {
    /** Added to the denominator of Möbius addition, as hyptorch does; the worked examples depend on it. */
    public static final double MOBIUS_EPSILON = 1e-5;
    /** hyptorch's {@code clamp_min(norm, 1e-5)}: keeps v/‖v‖ and its gradient finite at the origin. */
    public static final double MIN_NORM = 1e-5;
    /** Points are kept within (1 − this)/√c of the centre, where 1 − c‖x‖² is still well resolved. */
    public static final double BOUNDARY_MARGIN = 1e-5;
    /** Hyp-OC's curvature. */
    public static final double DEFAULT_CURVATURE = 0.1;

    private final Ops ops;
    private final double c;
    private final double sqrtC;

    /**
     * @param c the curvature magnitude; the ball has radius 1/√c
     * @throws IllegalArgumentException when c is not a positive finite number
     */
    public PoincareBall(Ops ops, double c) {
        this.ops = ops;
        this.c = HostPoincareBall.checkCurvature(c);
        this.sqrtC = Math.sqrt(c);
    }

    public double curvature() {
        return c;
    }

    /** 1/√c. */
    public double radius() {
        return 1 / sqrtC;
    }

    /** ⟨x, y⟩ over the coordinates: [..., D] × [..., D] → [..., 1]. */
    public Tensor dot(Tensor x, Tensor y) {
        return ops.sum(ops.mul(x, y), true, -1);
    }

    /** ‖x‖²: [..., D] → [..., 1]. */
    public Tensor squaredNorm(Tensor x) {
        return ops.sum(ops.square(x), true, -1);
    }

    /** max(‖x‖, {@value #MIN_NORM}): [..., D] → [..., 1]; the floor acts on ‖x‖², so the gradient stays finite at 0. */
    public Tensor norm(Tensor x) {
        return ops.sqrt(floor(squaredNorm(x), MIN_NORM * MIN_NORM));
    }

    /**
     * Möbius addition x ⊕ y = ((1 + 2c⟨x,y⟩ + c‖y‖²) x + (1 − c‖x‖²) y) / (1 + 2c⟨x,y⟩ + c²‖x‖²‖y‖² + 1e-5).
     *
     * @param x [..., D]
     * @param y [..., D], broadcasting against x
     * @return [..., D] with the broadcast leading shape
     */
    public Tensor mobiusAdd(Tensor x, Tensor y) {
        Tensor xy = dot(x, y);
        Tensor x2 = squaredNorm(x);
        Tensor y2 = squaredNorm(y);
        Tensor twoCxy = ops.mul(xy, 2 * c);
        Tensor xFactor = ops.add(ops.add(twoCxy, ops.mul(y2, c)), 1.0);
        Tensor yFactor = ops.rsub(1.0, ops.mul(x2, c));
        Tensor numerator = ops.add(ops.mul(xFactor, x), ops.mul(yFactor, y));
        Tensor denominator = ops.add(ops.add(twoCxy, ops.mul(ops.mul(x2, y2), c * c)), 1.0 + MOBIUS_EPSILON);
        return ops.div(numerator, denominator);
    }

    /**
     * The exponential map at the origin: tanh(√c‖v‖) v / (√c‖v‖), with ‖v‖ floored at {@value #MIN_NORM}.
     *
     * @param v tangent vectors [..., D]
     * @return points of the ball [..., D]
     */
    public Tensor expmap0(Tensor v) {
        Tensor scaledNorm = ops.mul(norm(v), sqrtC);
        return ops.mul(v, ops.div(ops.tanh(scaledNorm), scaledNorm));
    }

    /**
     * The exponential map at {@code base}: base ⊕ (tanh(√c λ_base ‖v‖ / 2) v / (√c‖v‖)), as hyptorch writes it.
     *
     * @param base points of the ball [..., D]
     * @param v tangent vectors at {@code base} [..., D]
     * @return [..., D]
     */
    public Tensor expmap(Tensor base, Tensor v) {
        Tensor vNorm = norm(v);
        Tensor angle = ops.mul(ops.mul(conformalFactor(base), vNorm), sqrtC / 2);
        Tensor step = ops.mul(v, ops.div(ops.tanh(angle), ops.mul(vNorm, sqrtC)));
        return mobiusAdd(base, step);
    }

    /** The conformal factor λ_p = 2 / (1 − c‖p‖²): [..., D] → [..., 1]. */
    public Tensor conformalFactor(Tensor p) {
        return ops.mul(ops.pow(ops.rsub(1.0, ops.mul(squaredNorm(p), c)), -1), 2.0);
    }

    /**
     * Pulls points that lie beyond radius (1 − {@value #BOUNDARY_MARGIN})/√c back onto that radius along their
     * direction; points inside are unchanged.
     */
    public Tensor project(Tensor x) {
        Tensor allowedOverNorm = ops.mul(ops.pow(norm(x), -1), (1 - BOUNDARY_MARGIN) / sqrtC);
        return ops.mul(x, atMostOne(allowedOverNorm));
    }

    /**
     * Feature clipping before the map into the ball (Guo et al., "Clipped hyperbolic classifiers", as Hyp-OC's
     * {@code ToPoincare} does it): x · min(1, r / (‖x‖ + 1e-5)). Keeps points away from the boundary, where the
     * gradients vanish.
     *
     * @param x Euclidean features [..., D]
     * @param radius r, the largest norm let through
     */
    public Tensor clipNorm(Tensor x, double radius) {
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("clip radius must be a positive number, got " + radius);
        }
        Tensor paddedNorm = ops.add(ops.sqrt(floor(squaredNorm(x), 1e-24)), 1e-5);
        return ops.mul(x, atMostOne(ops.mul(ops.pow(paddedNorm, -1), radius)));
    }

    /**
     * The raw parameters of hyperbolic multiclass logistic regression moved onto the ball as hyptorch's
     * {@code HyperbolicMLR} does: p_k ← expmap0(p_k), then a_k ← a_k (1 − c‖p_k‖²).
     *
     * @param aRaw normals [C, D]
     * @param pRaw offsets [C, D], tangent vectors at the origin
     * @return {a, p} on the ball, each [C, D]
     */
    public Tensor[] mlrParameters(Tensor aRaw, Tensor pRaw) {
        Tensor p = expmap0(pRaw);
        Tensor a = ops.mul(aRaw, ops.rsub(1.0, ops.mul(squaredNorm(p), c)));
        return new Tensor[] {a, p};
    }

    /**
     * Logits of hyperbolic multiclass logistic regression (Ganea et al., Hyperbolic Neural Networks):
     * logit_k(x) = (λ_{p_k} ‖a_k‖ / √c) · asinh(2√c ⟨w, a_k⟩ / ((1 − c‖w‖²) ‖a_k‖)) with w = (−p_k) ⊕ x, the signed
     * distance to the k-th hyperplane scaled by ‖a_k‖. ‖a_k‖ is floored at {@value #MIN_NORM}.
     *
     * @param x points of the ball [N, D]
     * @param a normals on the ball [C, D] (see {@link #mlrParameters})
     * @param p offsets on the ball [C, D]
     * @return logits [N, C]
     */
    public Tensor mlrLogits(Tensor x, Tensor a, Tensor p) {
        Tensor w = mobiusAdd(ops.neg(ops.unsqueeze(p, 0)), ops.unsqueeze(x, 1)); // [N,C,D]
        Tensor wa = ops.sum(ops.mul(w, ops.unsqueeze(a, 0)), false, -1); // [N,C]
        Tensor w2 = ops.sum(ops.square(w), false, -1); // [N,C]
        Tensor aNorm = ops.squeeze(norm(a), -1); // [C]
        Tensor lambdaP = ops.squeeze(conformalFactor(p), -1); // [C]
        Tensor argument = ops.div(ops.mul(wa, 2 * sqrtC), ops.mul(ops.rsub(1.0, ops.mul(w2, c)), aNorm));
        Tensor scale = ops.mul(ops.mul(lambdaP, aNorm), 1 / sqrtC);
        return ops.mul(scale, asinh(argument));
    }

    /** {@link #mlrLogits} of the raw parameters, after {@link #mlrParameters}: x [N,D], aRaw, pRaw [C,D] → [N,C]. */
    public Tensor mlrLogitsFromRaw(Tensor x, Tensor aRaw, Tensor pRaw) {
        Tensor[] ap = mlrParameters(aRaw, pRaw);
        return mlrLogits(x, ap[0], ap[1]);
    }

    /**
     * asinh(x) = s · log(s·x + √(x² + 1)) with s = sign(x) held constant: s·x = |x| ≥ 0 never cancels against the
     * root (the plain form loses every digit for large negative x in float32), and the gradient is 1/√(x² + 1)
     * everywhere, also at 0.
     */
    public Tensor asinh(Tensor x) {
        Tensor sign = ops.add(ops.mul(ops.greaterThan(x, 0.0), 2.0), -1.0);
        Tensor root = ops.sqrt(ops.add(ops.square(x), 1.0));
        return ops.mul(sign, ops.log(ops.add(ops.mul(sign, x), root)));
    }

    /** artanh(x) = ½ log((1 + x)/(1 − x)), for |x| &lt; 1 (distances inside the ball). */
    public Tensor artanh(Tensor x) {
        return ops.mul(ops.sub(ops.log(ops.add(x, 1.0)), ops.log(ops.rsub(1.0, x))), 0.5);
    }

    /** max(x, lo), with gradient 1 above the floor. */
    private Tensor floor(Tensor x, double lo) {
        return ops.add(ops.relu(ops.add(x, -lo)), lo);
    }

    /** min(x, 1), with gradient 1 below the cap. */
    private Tensor atMostOne(Tensor x) {
        return ops.rsub(1.0, ops.relu(ops.rsub(1.0, x)));
    }
}
