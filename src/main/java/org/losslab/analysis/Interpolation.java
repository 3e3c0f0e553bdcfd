package org.losslab.analysis;

import java.util.Objects;

/**
 * The loss along the straight line between two parameter sets, θ(t) = θa + t·(θb − θa), with t running a little
 * beyond both ends so the endpoints are seen in their surroundings. Used for two checkpoints of one run, or the
 * current parameters of two runs (linear mode connectivity: a barrier between them means two separate basins).
 *
 * @param fromLabel what θa is, e.g. {@code step 0}
 * @param toLabel what θb is, e.g. {@code now (step 900)} or {@code arm GCE}
 * @param curve the losses at the t values; t = 0 is θa, t = 1 is θb
 */
public record Interpolation(String fromLabel, String toLabel, LossCurve curve) {
    /** Where the curve starts and ends: a quarter of the segment beyond either endpoint. */
    public static final double FROM = -0.25;
    public static final double TO = 1.25;
    /** Points along the curve: t steps of 0.025, so t = 0 and t = 1 are sample points. */
    public static final int POINTS = 61;

    public Interpolation {
        Objects.requireNonNull(fromLabel, "fromLabel");
        Objects.requireNonNull(toLabel, "toLabel");
        Objects.requireNonNull(curve, "curve");
    }

    /**
     * The loss barrier on the segment: max over t ∈ [0, 1] of L(θ(t)) − ((1 − t)·L(θa) + t·L(θb)), the height the
     * path must climb above the straight line joining the endpoint losses; ≈ 0 when both lie in one convex basin.
     * NaN when the curve does not sample both endpoints or the model overflowed there.
     */
    public double barrier() {
        double[] t = curve.t();
        double[] loss = curve.losses();
        int start = indexOf(t, 0);
        int end = indexOf(t, 1);
        if (start < 0 || end < 0 || !Double.isFinite(loss[start]) || !Double.isFinite(loss[end])) {
            return Double.NaN;
        }
        double worst = 0;
        for (int i = start; i <= end; i++) {
            double line = (1 - t[i]) * loss[start] + t[i] * loss[end];
            double above = loss[i] - line;
            if (!Double.isFinite(above)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, above);
        }
        return worst;
    }

    /**
     * How far the loss rises above the higher endpoint between them: max over t ∈ [0, 1] of L(θ(t)) −
     * max(L(θa), L(θb)), at least 0. Positive only for a true hill (two basins), unlike {@link #barrier()}, which
     * also counts a path that merely bends above the straight line. NaN as for the barrier.
     */
    public double peakAboveEndpoints() {
        double[] t = curve.t();
        double[] loss = curve.losses();
        int start = indexOf(t, 0);
        int end = indexOf(t, 1);
        if (start < 0 || end < 0 || !Double.isFinite(loss[start]) || !Double.isFinite(loss[end])) {
            return Double.NaN;
        }
        double higher = Math.max(loss[start], loss[end]);
        double peak = 0;
        for (int i = start; i <= end; i++) {
            if (!Double.isFinite(loss[i])) {
                return Double.POSITIVE_INFINITY;
            }
            peak = Math.max(peak, loss[i] - higher);
        }
        return peak;
    }

    /** L(θa), the loss at t = 0; NaN when t = 0 is not sampled. */
    public double startLoss() {
        int i = indexOf(curve.t(), 0);
        return i < 0 ? Double.NaN : curve.losses()[i];
    }

    /** L(θb), the loss at t = 1; NaN when t = 1 is not sampled. */
    public double endLoss() {
        int i = indexOf(curve.t(), 1);
        return i < 0 ? Double.NaN : curve.losses()[i];
    }

    private static int indexOf(double[] t, double value) {
        for (int i = 0; i < t.length; i++) {
            if (Math.abs(t[i] - value) < 1e-9) {
                return i;
            }
        }
        return -1;
    }
}
