package org.losslab.viz;

/**
 * A regression model's prediction over its input domain, sampled on a grid, plus its prediction at each data point:
 * what the fitted-curve view draws (a curve for one input, a heat map for two) and where its residuals come from.
 *
 * <p>Grid values are row-major: value {@code (column, row)} is the prediction at {@code (xs[column], ys[row])}, row
 * 0 at the bottom ({@code ys[0]} the smallest). With one input there is one row and {@code ys} is {@code [0]}.
 * Arrays are copied in and are read-only by contract afterwards.
 *
 * @param inputDims 1 (a curve) or 2 (a surface)
 * @param xs increasing grid coordinates along the first input, at least 2
 * @param ys increasing grid coordinates along the second input (2 or more), or {@code [0]} for one input
 * @param values {@code ys.length × xs.length} predictions
 * @param pointPredictions the prediction at each data point the probe was given, in the order given (may be empty)
 * @param step the training step of the parameters that produced it
 * @param costNanos wall time the probe spent on it
 */
public record FittedFunction(int inputDims, double[] xs, double[] ys, double[] values, double[] pointPredictions,
        long step, long costNanos) {

    public FittedFunction {
        if (inputDims != 1 && inputDims != 2) {
            throw new IllegalArgumentException("a fitted function is drawn for 1 or 2 inputs, not " + inputDims);
        }
        if (xs.length < 2 || (inputDims == 2 ? ys.length < 2 : ys.length != 1)) {
            throw new IllegalArgumentException("grid of " + xs.length + " × " + ys.length + " samples does not fit "
                    + inputDims + " input(s)");
        }
        if (values.length != xs.length * ys.length) {
            throw new IllegalArgumentException(xs.length + " × " + ys.length + " grid needs " + xs.length * ys.length
                    + " values, got " + values.length);
        }
        xs = xs.clone();
        ys = ys.clone();
        values = values.clone();
        pointPredictions = pointPredictions == null ? new double[0] : pointPredictions.clone();
    }

    public int columns() {
        return xs.length;
    }

    public int rows() {
        return ys.length;
    }

    /** The prediction at grid point ({@code column}, {@code row}). */
    public double value(int column, int row) {
        return values[row * xs.length + column];
    }

    /** Smallest and largest grid value: the range of a heat map's colour scale. */
    public double[] valueRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 0};
    }

    /** Milliseconds the probe spent, for the view's caption. */
    public double costMillis() {
        return costNanos / 1e6;
    }
}
