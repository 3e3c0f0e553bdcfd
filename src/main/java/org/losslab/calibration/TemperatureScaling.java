package org.losslab.calibration;

import java.util.Arrays;
import java.util.Locale;
import org.losslab.engine.Engine;

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): one temperature T > 0 for
 * every example, chosen to minimise the negative log-likelihood of softmax(z/T) on the validation set. It never
 * changes a prediction, only its confidence.
 *
 * <p>T = e^u is searched over u = log T, so it stays positive. Guo et al. run L-BFGS; with a single parameter the
 * optimum can be found exactly instead: the NLL is convex in β = 1/T (a log-sum-exp of functions linear in β minus a
 * linear term), with derivative mean_i(E_{softmax(βz_i)}[z_i] − z_{i,y_i}) and second derivative the mean softmax
 * variance of the logits, so a Newton iteration on β, kept inside a shrinking bracket by bisection, converges in a
 * handful of steps. T is kept in [{@value #MIN_T}, {@value #MAX_T}].
 */
public final class TemperatureScaling implements Calibrator {
    public static final double MIN_T = 0.05;
    public static final double MAX_T = 100;
    private static final int MAX_ITERATIONS = 200;

    @Override
    public String id() {
        return "temperature";
    }

    @Override
    public String displayName() {
        return "Temperature scaling";
    }

    @Override
    public Fitted fit(CalibrationSet validation, FrozenClassifier classifier, Engine engine,
            CalibrationSettings settings) {
        double t = fitTemperature(validation.logits(), validation.classes(), validation.labels());
        return new Fitted() {
            @Override
            public Calibrated apply(CalibrationSet set, FrozenClassifier ignored) {
                double[] temperatures = new double[set.size()];
                Arrays.fill(temperatures, t);
                return Calibrated.divide(set.logits(), set.classes(), temperatures);
            }

            @Override
            public String summary() {
                return String.format(Locale.ROOT, "T = %.3f", t);
            }
        };
    }

    /**
     * The temperature minimising the mean NLL of softmax(z/T).
     *
     * @param logits row-major [N, classes]
     * @param labels [N]
     * @throws IllegalArgumentException for an empty set or a label outside the classes
     */
    public static double fitTemperature(double[] logits, int classes, int[] labels) {
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException("temperature scaling needs at least one validation example");
        }
        if (logits.length != (long) n * classes) {
            throw new IllegalArgumentException("logits must hold " + n + " × " + classes + " values, got "
                    + logits.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classes - 1));
            }
        }
        double lo = 1 / MAX_T;
        double hi = 1 / MIN_T;
        // The slope only grows with β: its sign at the ends says whether the optimum lies outside the range.
        if (slopeAndCurvature(logits, classes, labels, lo)[0] >= 0) {
            return MAX_T;
        }
        if (slopeAndCurvature(logits, classes, labels, hi)[0] <= 0) {
            return MIN_T;
        }
        double beta = 1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] d = slopeAndCurvature(logits, classes, labels, beta);
            if (d[0] > 0) {
                hi = beta;
            } else {
                lo = beta;
            }
            double next = d[1] > 0 ? beta - d[0] / d[1] : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - beta) <= 1e-12 * beta || hi - lo <= 1e-14 * hi) {
                return 1 / next;
            }
            beta = next;
        }
        return 1 / beta;
    }

    /** {dNLL/dβ, d²NLL/dβ²} at β: mean of E_p[z] − z_y and mean of Var_p[z], with p = softmax(βz). */
    private static double[] slopeAndCurvature(double[] logits, int classes, int[] labels, double beta) {
        int n = labels.length;
        double slope = 0;
        double curvature = 0;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, beta * logits[row + k]);
            }
            double sum = 0;
            double first = 0;
            double second = 0;
            for (int k = 0; k < classes; k++) {
                double z = logits[row + k];
                double e = Math.exp(beta * z - max);
                sum += e;
                first += e * z;
                second += e * z * z;
            }
            double mean = first / sum;
            slope += mean - logits[row + labels[i]];
            curvature += Math.max(0, second / sum - mean * mean);
        }
        return new double[] {slope / n, curvature / n};
    }
}
