package org.losslab.data;

import java.util.Random;

/**
 * A two-hidden-layer tanh MLP with softmax cross-entropy, trained full-batch with Adam, in plain Java: just enough to
 * check that a generated data set is learnable without depending on an engine.
 */
final class TinyMlp {
    private final int in;
    private final int hidden;
    private final int out;
    private final double[] w; // all parameters, flat: W1 b1 W2 b2 W3 b3
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final int w3;
    private final int b3;

    TinyMlp(int in, int hidden, int out, long seed) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        w1 = 0;
        b1 = w1 + in * hidden;
        w2 = b1 + hidden;
        b2 = w2 + hidden * hidden;
        w3 = b2 + hidden;
        b3 = w3 + hidden * out;
        w = new double[b3 + out];
        Random r = new Random(seed);
        init(r, w1, in * hidden, in);
        init(r, w2, hidden * hidden, hidden);
        init(r, w3, hidden * out, hidden);
    }

    private void init(Random r, int off, int count, int fanIn) {
        double s = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < count; i++) {
            w[off + i] = r.nextGaussian() * s;
        }
    }

    /** Adam on the mean cross-entropy over all of {@code data}. */
    void train(Dataset data, int steps, double lr) {
        int n = data.size();
        double[] x = data.features();
        int[] y = data.labels();
        double[] g = new double[w.length];
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] h1 = new double[hidden];
        double[] h2 = new double[hidden];
        double[] p = new double[out];
        double[] d2 = new double[hidden];
        double[] d1 = new double[hidden];
        for (int step = 1; step <= steps; step++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                forward(x, i, h1, h2, p);
                p[y[i]] -= 1; // dL/dlogits for softmax cross-entropy
                java.util.Arrays.fill(d2, 0);
                for (int o = 0; o < out; o++) {
                    double d = p[o] / n;
                    g[b3 + o] += d;
                    for (int j = 0; j < hidden; j++) {
                        g[w3 + j * out + o] += h2[j] * d;
                        d2[j] += w[w3 + j * out + o] * d;
                    }
                }
                java.util.Arrays.fill(d1, 0);
                for (int j = 0; j < hidden; j++) {
                    double d = d2[j] * (1 - h2[j] * h2[j]);
                    g[b2 + j] += d;
                    for (int k = 0; k < hidden; k++) {
                        g[w2 + k * hidden + j] += h1[k] * d;
                        d1[k] += w[w2 + k * hidden + j] * d;
                    }
                }
                for (int k = 0; k < hidden; k++) {
                    double d = d1[k] * (1 - h1[k] * h1[k]);
                    g[b1 + k] += d;
                    for (int a = 0; a < in; a++) {
                        g[w1 + a * hidden + k] += x[i * in + a] * d;
                    }
                }
            }
            double c1 = 1 - Math.pow(0.9, step);
            double c2 = 1 - Math.pow(0.999, step);
            for (int q = 0; q < w.length; q++) {
                m[q] = 0.9 * m[q] + 0.1 * g[q];
                v[q] = 0.999 * v[q] + 0.001 * g[q] * g[q];
                w[q] -= lr * (m[q] / c1) / (Math.sqrt(v[q] / c2) + 1e-8);
            }
        }
    }

    double accuracy(Dataset data) {
        double[] x = data.features();
        double[] h1 = new double[hidden];
        double[] h2 = new double[hidden];
        double[] p = new double[out];
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            forward(x, i, h1, h2, p);
            int best = 0;
            for (int o = 1; o < out; o++) {
                if (p[o] > p[best]) {
                    best = o;
                }
            }
            if (best == data.label(i)) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    /** Leaves softmax probabilities in {@code p}. */
    private void forward(double[] x, int i, double[] h1, double[] h2, double[] p) {
        for (int k = 0; k < hidden; k++) {
            double s = w[b1 + k];
            for (int a = 0; a < in; a++) {
                s += x[i * in + a] * w[w1 + a * hidden + k];
            }
            h1[k] = Math.tanh(s);
        }
        for (int j = 0; j < hidden; j++) {
            double s = w[b2 + j];
            for (int k = 0; k < hidden; k++) {
                s += h1[k] * w[w2 + k * hidden + j];
            }
            h2[j] = Math.tanh(s);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < out; o++) {
            double s = w[b3 + o];
            for (int j = 0; j < hidden; j++) {
                s += h2[j] * w[w3 + j * out + o];
            }
            p[o] = s;
            max = Math.max(max, s);
        }
        double z = 0;
        for (int o = 0; o < out; o++) {
            p[o] = Math.exp(p[o] - max);
            z += p[o];
        }
        for (int o = 0; o < out; o++) {
            p[o] /= z;
        }
    }
}
