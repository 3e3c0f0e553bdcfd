package org.losslab.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.engine.HostArray;

/**
 * A model's parameters as one flat vector θ ∈ ℝ^P, the tensors of {@code parameterShapes()} laid end to end in that
 * order, each row-major: the space in which landscape directions, trajectories and Hessian-vector products live.
 */
public final class ParameterVector {
    private ParameterVector() {}

    /** P: the total number of scalars in {@code shapes}. */
    public static int size(Map<String, int[]> shapes) {
        long n = 0;
        for (int[] s : shapes.values()) {
            n += count(s);
        }
        return Math.toIntExact(n);
    }

    /**
     * The flat vector [P] of {@code params}, in the order of {@code shapes}.
     *
     * @throws IllegalArgumentException naming a parameter that is missing or has another size
     */
    public static double[] flatten(Map<String, int[]> shapes, Map<String, HostArray> params) {
        double[] out = new double[size(shapes)];
        int at = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            HostArray value = params.get(e.getKey());
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is missing; got " + params.keySet());
            }
            int n = count(e.getValue());
            if (value.size() != n) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has " + value.size()
                        + " values, its shape needs " + n);
            }
            System.arraycopy(value.data(), 0, out, at, n);
            at += n;
        }
        return out;
    }

    /** The tensors of {@code shapes} cut from the flat vector {@code theta} [P]. */
    public static Map<String, HostArray> unflatten(Map<String, int[]> shapes, double[] theta) {
        if (theta.length != size(shapes)) {
            throw new IllegalArgumentException("a parameter vector of these shapes has " + size(shapes)
                    + " values, got " + theta.length);
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int n = count(e.getValue());
            double[] part = new double[n];
            System.arraycopy(theta, at, part, 0, n);
            out.put(e.getKey(), HostArray.wrap(part, e.getValue()));
            at += n;
        }
        return out;
    }

    /** θ + α·d1 + β·d2, a new array. */
    public static double[] offset(double[] theta, double alpha, double[] d1, double beta, double[] d2) {
        double[] out = new double[theta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = theta[i] + alpha * d1[i] + beta * d2[i];
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static double[] scaled(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    private static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
