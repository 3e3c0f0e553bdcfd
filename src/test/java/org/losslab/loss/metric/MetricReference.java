package org.losslab.loss.metric;

import java.util.Random;
import org.losslab.engine.HostArray;

/** Plain-Java loops the metric-loss tests compare against: rows of host arrays, distances, random batches. */
final class MetricReference {
    private MetricReference() {}

    static double[][] rows(HostArray x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data(), i * d, out[i], 0, d);
        }
        return out;
    }

    static int[] ints(HostArray labels) {
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels.data()[i];
        }
        return y;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    static double[] unit(double[] a) {
        double norm = Math.sqrt(dot(a, a));
        double[] u = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            u[k] = a[k] / norm;
        }
        return u;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static HostArray gaussian(Random r, int rows, int columns) {
        double[] v = new double[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return HostArray.wrap(v, rows, columns);
    }

    static HostArray labels(Random r, int n, int classes) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return HostArray.vector(y);
    }

    /** x + shift on every row. */
    static HostArray translated(HostArray x, double... shift) {
        double[] v = x.data().clone();
        int d = x.dim(1);
        for (int i = 0; i < v.length; i++) {
            v[i] += shift[i % d];
        }
        return HostArray.wrap(v, x.shape());
    }
}
