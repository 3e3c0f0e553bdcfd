package org.losslab.data;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A noise-free function that a regression generator samples, {@code y = f(x)} for {@code x} in {@code [-1, 1]^d}:
 * what a perfect fit would recover. Views draw it next to the model's fitted curve.
 *
 * @param id the value of the generator's {@code function} parameter, e.g. {@code sine}
 * @param formula the function as a student reads it, e.g. {@code sin(2πx)}
 * @param inputDims d, the number of inputs it takes
 * @param f the function itself; takes {@code inputDims} values
 */
public record TargetFunction(String id, String formula, int inputDims, ToDoubleFunction<double[]> f) {

    public TargetFunction {
        Objects.requireNonNull(id);
        Objects.requireNonNull(formula);
        Objects.requireNonNull(f);
        if (inputDims < 1) {
            throw new IllegalArgumentException("a function of " + inputDims + " inputs");
        }
    }

    /**
     * f at one point.
     *
     * @param x {@code inputDims} coordinates
     */
    public double at(double... x) {
        if (x.length != inputDims) {
            throw new IllegalArgumentException(id + " takes " + inputDims + " input(s), got " + x.length);
        }
        return f.applyAsDouble(x);
    }

    /** f at every row of a row-major {@code [n × inputDims]} array. */
    public double[] atRows(double[] xs) {
        if (xs.length % inputDims != 0) {
            throw new IllegalArgumentException(xs.length + " values do not make whole points of " + inputDims);
        }
        double[] y = new double[xs.length / inputDims];
        double[] point = new double[inputDims];
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(xs, i * inputDims, point, 0, inputDims);
            y[i] = f.applyAsDouble(point);
        }
        return y;
    }
}
