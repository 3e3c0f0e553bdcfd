package org.losslab.loss.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;

/** Shared plain-Java helpers of the metric-learning loss tests. */
final class MetricTesting {
    private MetricTesting() {}

    /** Rows of a [N,D] array. */
    static double[][] rows(HostArray a) {
        double[][] out = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(a.data(), i * a.dim(1), out[i], 0, a.dim(1));
        }
        return out;
    }

    static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
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

    static double cosine(double[] a, double[] b) {
        return dot(unit(a), unit(b));
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** The 2-D unit vector at the angle whose cosine to [1,0] is {@code cosine} (upper half plane). */
    static double[] atCosine(double cosine) {
        return new double[] {cosine, Math.sqrt(1 - cosine * cosine)};
    }

    /** Rows of the lower Cholesky factor of a positive definite Gram matrix: vectors with exactly those dot products. */
    static double[][] vectorsWithGram(double[][] gram) {
        int n = gram.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    /** Embeddings uniform in (−1,1) and labels from {@code classes} classes. */
    static Map<String, HostArray> randomEmbeddings(long seed, int n, int d, int classes) {
        Random r = new Random(seed);
        double[][] e = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                e[i][j] = -1 + 2 * r.nextDouble();
            }
            y[i] = r.nextInt(classes);
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("embeddings", HostArray.matrix(e));
        in.put("labels", HostArray.vector(y));
        return in;
    }
}
