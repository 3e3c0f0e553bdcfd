package org.losslab.loss.hyperbolic;

/**
 * {@link PoincareBall} in plain double loops, with the same constants: the reference the tests hold the engine
 * version to, and what probes and views use to place hyperplanes and colour the disk without an engine.
 *
 * <p>Points and tangent vectors are {@code double[D]}; batches are {@code double[N][D]}. Inputs are not modified.
 */
public final class HostPoincareBall {
    private final double c;
    private final double sqrtC;

    /** @param c the curvature magnitude; the ball has radius 1/√c */
    public HostPoincareBall(double c) {
        this.c = checkCurvature(c);
        this.sqrtC = Math.sqrt(c);
    }

    static double checkCurvature(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("curvature c must be a positive number, got " + c);
        }
        return c;
    }

    public double curvature() {
        return c;
    }

    /** 1/√c. */
    public double radius() {
        return 1 / sqrtC;
    }

    /** The ball parameters of multiclass logistic regression: normals {@code a} and offsets {@code p}, each [C][D]. */
    public record Hyperplanes(double[][] a, double[][] p) {}

    public static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** max(‖x‖, {@link PoincareBall#MIN_NORM}). */
    public static double norm(double[] x) {
        return Math.sqrt(Math.max(dot(x, x), PoincareBall.MIN_NORM * PoincareBall.MIN_NORM));
    }

    /** x ⊕ y, with hyptorch's 1e-5 in the denominator. */
    public double[] mobiusAdd(double[] x, double[] y) {
        double xy = dot(x, y);
        double x2 = dot(x, x);
        double y2 = dot(y, y);
        double xFactor = 1 + 2 * c * xy + c * y2;
        double yFactor = 1 - c * x2;
        double denominator = 1 + 2 * c * xy + c * c * x2 * y2 + PoincareBall.MOBIUS_EPSILON;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (xFactor * x[i] + yFactor * y[i]) / denominator;
        }
        return out;
    }

    /** tanh(√c‖v‖) v / (√c‖v‖). */
    public double[] expmap0(double[] v) {
        double scaledNorm = sqrtC * norm(v);
        return scale(v, Math.tanh(scaledNorm) / scaledNorm);
    }

    /** base ⊕ (tanh(√c λ_base ‖v‖ / 2) v / (√c‖v‖)). */
    public double[] expmap(double[] base, double[] v) {
        double vNorm = norm(v);
        double angle = sqrtC * conformalFactor(base) * vNorm / 2;
        return mobiusAdd(base, scale(v, Math.tanh(angle) / (sqrtC * vNorm)));
    }

    /** λ_p = 2 / (1 − c‖p‖²). */
    public double conformalFactor(double[] p) {
        return 2 / (1 - c * dot(p, p));
    }

    /** Onto radius (1 − {@link PoincareBall#BOUNDARY_MARGIN})/√c when beyond it. */
    public double[] project(double[] x) {
        double allowed = (1 - PoincareBall.BOUNDARY_MARGIN) / sqrtC;
        return scale(x, Math.min(1, allowed / norm(x)));
    }

    /** x · min(1, r / (‖x‖ + 1e-5)). */
    public static double[] clipNorm(double[] x, double radius) {
        return scale(x, Math.min(1, radius / (Math.sqrt(Math.max(dot(x, x), 1e-24)) + 1e-5)));
    }

    /** p_k ← expmap0(p_k), a_k ← a_k (1 − c‖p_k‖²). */
    public Hyperplanes mlrParameters(double[][] aRaw, double[][] pRaw) {
        double[][] a = new double[aRaw.length][];
        double[][] p = new double[pRaw.length][];
        for (int k = 0; k < aRaw.length; k++) {
            p[k] = expmap0(pRaw[k]);
            a[k] = scale(aRaw[k], 1 - c * dot(p[k], p[k]));
        }
        return new Hyperplanes(a, p);
    }

    /** The logit of one class: (λ_p‖a‖/√c) asinh(2√c⟨w,a⟩ / ((1 − c‖w‖²)‖a‖)), w = (−p) ⊕ x. */
    public double mlrLogit(double[] x, double[] a, double[] p) {
        double[] w = mobiusAdd(scale(p, -1), x);
        double aNorm = norm(a);
        double argument = 2 * sqrtC * dot(w, a) / ((1 - c * dot(w, w)) * aNorm);
        return conformalFactor(p) * aNorm / sqrtC * asinh(argument);
    }

    /** Logits [N][C] of points [N][D] for ball parameters {@code planes}. */
    public double[][] mlrLogits(double[][] x, Hyperplanes planes) {
        double[][] logits = new double[x.length][planes.a().length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < planes.a().length; k++) {
                logits[i][k] = mlrLogit(x[i], planes.a()[k], planes.p()[k]);
            }
        }
        return logits;
    }

    /** Logits [N][C] of points [N][D] for raw parameters [C][D]. */
    public double[][] mlrLogitsFromRaw(double[][] x, double[][] aRaw, double[][] pRaw) {
        return mlrLogits(x, mlrParameters(aRaw, pRaw));
    }

    /**
     * asinh(x) = sign(x) · log1p(|x| + x² / (1 + √(1 + x²))), accurate also for tiny |x| (Java has no Math.asinh).
     */
    public static double asinh(double x) {
        double magnitude = Math.abs(x);
        double square = magnitude * magnitude;
        return Math.copySign(Math.log1p(magnitude + square / (1 + Math.sqrt(1 + square))), x);
    }

    private static double[] scale(double[] x, double s) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * s;
        }
        return out;
    }
}
