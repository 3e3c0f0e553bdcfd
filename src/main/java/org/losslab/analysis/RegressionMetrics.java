package org.losslab.analysis;

/**
 * How well real-valued predictions match their targets, in plain Java: mean squared error, mean absolute error and
 * the coefficient of determination R² = 1 − SS_res / SS_tot.
 *
 * <p>Errors are averaged over every value (examples × target dimensions). SS_tot sums the squared deviations of each
 * target dimension from its own mean, so R² is 1 for a perfect fit, 0 for predicting the targets' mean, and negative
 * for a fit worse than that. It is NaN when the targets do not vary (SS_tot = 0): no fit can explain a variance that
 * is not there.
 *
 * @param count examples
 * @param mse mean of (ŷ − y)²
 * @param mae mean of |ŷ − y|
 * @param r2 coefficient of determination (NaN for constant targets)
 */
public record RegressionMetrics(int count, double mse, double mae, double r2) {

    /**
     * Metrics of predictions against targets, both row-major {@code [N × dims]}.
     *
     * @throws IllegalArgumentException if the lengths disagree, are not whole rows, or are empty
     */
    public static RegressionMetrics of(double[] predictions, double[] targets, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("target dimensions must be at least 1, got " + dims);
        }
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException("predictions have " + predictions.length + " values but targets "
                    + targets.length);
        }
        if (targets.length == 0 || targets.length % dims != 0) {
            throw new IllegalArgumentException(targets.length + " target values do not make whole, non-empty rows of "
                    + dims);
        }
        int n = targets.length / dims;
        double[] mean = new double[dims];
        for (int i = 0; i < targets.length; i++) {
            mean[i % dims] += targets[i];
        }
        for (int k = 0; k < dims; k++) {
            mean[k] /= n;
        }
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < targets.length; i++) {
            double r = predictions[i] - targets[i];
            squared += r * r;
            absolute += Math.abs(r);
            double dev = targets[i] - mean[i % dims];
            total += dev * dev;
        }
        double r2 = total > 0 ? 1 - squared / total : Double.NaN;
        return new RegressionMetrics(n, squared / targets.length, absolute / targets.length, r2);
    }
}
