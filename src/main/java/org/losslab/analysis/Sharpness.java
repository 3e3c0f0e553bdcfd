package org.losslab.analysis;

import java.util.Random;

/**
 * The sharpness of the loss: the largest eigenvalue λ_max of its Hessian with respect to the parameters, by power
 * iteration on Hessian-vector products. Each product is a central finite difference of two gradients,
 * H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε with ε = {@link #STEP} / ‖v‖, so the Hessian is never formed; the
 * evaluator should work in float64, where the difference keeps about ten significant digits.
 *
 * <p>Power iteration converges to the eigenvalue of largest magnitude. Near a minimum, where training spends its
 * time, that is λ_max; far from one a strongly negative curvature could win, and the estimate is then negative.
 */
public final class Sharpness {
    /** Power iterations at most. */
    public static final int MAX_ITERATIONS = 20;
    /** Stop when the estimate changes by less than this, relatively. */
    public static final double TOLERANCE = 1e-3;
    /** The finite-difference step along a unit vector. */
    public static final double STEP = 1e-3;

    private Sharpness() {}

    /** λ_max at θ with {@link #MAX_ITERATIONS} and {@link #TOLERANCE}; the start vector is drawn from {@code seed}. */
    public static SharpnessPoint topEigenvalue(LandscapeEvaluator evaluator, double[] theta, long step, long seed) {
        return topEigenvalue(evaluator, theta, step, seed, MAX_ITERATIONS, TOLERANCE);
    }

    /**
     * λ_max at θ on the evaluator's probe batch.
     *
     * @param theta the parameters [P]
     * @param step the training step of θ, carried into the result
     * @param maxIterations power iterations at most, ≥ 1
     * @param tolerance stop when |λ_k − λ_(k−1)| ≤ tolerance·|λ_k|
     */
    public static SharpnessPoint topEigenvalue(LandscapeEvaluator evaluator, double[] theta, long step, long seed,
            int maxIterations, double tolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        long start = System.nanoTime();
        Random rng = new Random(seed);
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        v = ParameterVector.scaled(v, 1 / ParameterVector.norm(v));
        double lambda = Double.NaN;
        int iterations = 0;
        while (iterations < maxIterations) {
            iterations++;
            double[] hv = hessianTimes(evaluator, theta, v);
            double next = ParameterVector.dot(v, hv);
            double size = ParameterVector.norm(hv);
            boolean converged = Math.abs(next - lambda) <= tolerance * Math.abs(next);
            lambda = next;
            if (converged || !(size > 0)) {
                break;
            }
            v = ParameterVector.scaled(hv, 1 / size);
        }
        return new SharpnessPoint(step, lambda, iterations, (System.nanoTime() - start) / 1e9);
    }

    /** H·v at θ by a central difference of gradients. */
    static double[] hessianTimes(LandscapeEvaluator evaluator, double[] theta, double[] v) {
        double eps = STEP / ParameterVector.norm(v);
        double[] zero = new double[theta.length];
        double[] plus = evaluator.gradient(ParameterVector.offset(theta, eps, v, 0, zero));
        double[] minus = evaluator.gradient(ParameterVector.offset(theta, -eps, v, 0, zero));
        double[] out = new double[theta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * eps);
        }
        return out;
    }
}
