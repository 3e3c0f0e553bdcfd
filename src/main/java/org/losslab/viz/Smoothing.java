package org.losslab.viz;

/**
 * Exponential moving average as TensorBoard draws it: {@code s_t = w·s_{t−1} + (1−w)·x_t}, divided by
 * {@code 1 − w^(t+1)} so that the first points are not pulled towards zero. Causal: appending a value never changes
 * earlier smoothed values, so a chart can append instead of redrawing everything.
 */
public final class Smoothing {
    /** Above this the average barely moves: the slider stops here. */
    public static final double MAX_WEIGHT = 0.99;

    private Smoothing() {}

    /**
     * @param values raw values in order; non-finite values are passed through and do not enter the average
     * @param weight 0 (no smoothing) to {@link #MAX_WEIGHT}
     */
    public static double[] ema(double[] values, double weight) {
        if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, " + MAX_WEIGHT + "], got " + weight);
        }
        double[] out = new double[values.length];
        double average = 0;
        double decay = 1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            average = weight * average + (1 - weight) * v;
            decay *= weight;
            out[i] = weight == 0 ? v : average / (1 - decay);
        }
        return out;
    }
}
