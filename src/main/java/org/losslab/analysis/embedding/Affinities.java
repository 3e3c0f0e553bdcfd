package org.losslab.analysis.embedding;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * t-SNE's input similarities P: for each point a Gaussian over its candidate neighbours whose width σᵢ is found by
 * binary search so that the distribution's perplexity is the one asked for; then symmetrised,
 * {@code p_ij = (p_j|i + p_i|j) / 2N}, so that P sums to 1. Stored as a sparse symmetric matrix (compressed rows).
 *
 * <p>The candidates are all other points (exact t-SNE) or the {@code 3·perplexity} nearest (Barnes-Hut t-SNE, after
 * van der Maaten 2014): beyond them the Gaussian weights are negligible.
 */
final class Affinities {
    private static final int SEARCH_STEPS = 200;
    private static final double ENTROPY_TOLERANCE = 1e-5;

    final int size;
    /** [N + 1]: row i's entries are at rowStart[i] ≤ e < rowStart[i + 1]. */
    final int[] rowStart;
    final int[] columns;
    final double[] values;
    /** The same P as a dense [N × N] matrix when every pair has an entry (exact t-SNE), else null. */
    final double[] dense;

    private Affinities(int size, int[] rowStart, int[] columns, double[] values, double[] dense) {
        this.size = size;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        this.dense = dense;
    }

    /**
     * @param x [N × d] row-major points
     * @param perplexity effective number of neighbours, below N
     * @param neighbours candidates per point; N − 1 or more means all
     * @param betas [N] in: starting guesses of each point's β = 1/2σ² (NaN for none), out: the β found
     * @param parallel spread the rows over the common fork-join pool
     */
    static Affinities compute(double[] x, int n, int d, double perplexity, int neighbours, double[] betas,
            boolean parallel) {
        int k = Math.min(neighbours, n - 1);
        int[] nearest = new int[n * k];
        double[] conditional = new double[n * k];
        IntStream rows = IntStream.range(0, n);
        (parallel ? rows.parallel() : rows).forEach(i -> {
            double[] distances = new double[k];
            int[] indices = new int[k];
            nearestNeighbours(x, n, d, i, k, indices, distances);
            double[] p = new double[k];
            betas[i] = conditionalRow(distances, perplexity, betas[i], p);
            System.arraycopy(indices, 0, nearest, i * k, k);
            System.arraycopy(p, 0, conditional, i * k, k);
        });
        return k == n - 1 ? symmetriseDense(n, nearest, conditional) : symmetrise(n, k, nearest, conditional);
    }

    /** The k nearest other points of point i by squared Euclidean distance (all of them when k = N − 1). */
    private static void nearestNeighbours(double[] x, int n, int d, int i, int k, int[] indices, double[] distances) {
        // A max-heap of the k best so far: the root is the farthest kept, replaced when something nearer comes.
        int filled = 0;
        int base = i * d;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double d2 = 0;
            int other = j * d;
            for (int a = 0; a < d; a++) {
                double t = x[base + a] - x[other + a];
                d2 += t * t;
            }
            if (filled < k) {
                int c = filled++;
                while (c > 0) {
                    int parent = (c - 1) / 2;
                    if (distances[parent] >= d2) {
                        break;
                    }
                    distances[c] = distances[parent];
                    indices[c] = indices[parent];
                    c = parent;
                }
                distances[c] = d2;
                indices[c] = j;
            } else if (d2 < distances[0]) {
                int c = 0;
                while (true) {
                    int left = 2 * c + 1;
                    if (left >= k) {
                        break;
                    }
                    int larger = left + 1 < k && distances[left + 1] > distances[left] ? left + 1 : left;
                    if (distances[larger] <= d2) {
                        break;
                    }
                    distances[c] = distances[larger];
                    indices[c] = indices[larger];
                    c = larger;
                }
                distances[c] = d2;
                indices[c] = j;
            }
        }
    }

    /**
     * p_j|i ∝ exp(−β·d²_ij) with β = 1/2σ² chosen so that the entropy is log(perplexity) nats. Newton steps on
     * H(β) (dH/dβ = −β·Var(d²) under p), kept inside a bracket that bisection narrows whenever Newton would leave it;
     * from the previous frame's β this takes one or two rounds. Distances are shifted by their minimum so that the
     * largest weight is 1 and nothing underflows.
     *
     * @param guess a starting β, or NaN to start from 1 / mean shifted distance
     * @return the β found
     */
    private static double conditionalRow(double[] distances, double perplexity, double guess, double[] p) {
        int k = distances.length;
        double min = Double.POSITIVE_INFINITY;
        double mean = 0;
        for (double v : distances) {
            min = Math.min(min, v);
            mean += v / k;
        }
        double target = Math.log(perplexity);
        double beta = guess > 0 && Double.isFinite(guess) ? guess : 1 / Math.max(mean - min, 1e-300);
        double betaLow = 0;
        double betaHigh = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            sum = 0;
            double first = 0;
            double second = 0;
            for (int j = 0; j < k; j++) {
                double shifted = distances[j] - min;
                double w = Math.exp(-beta * shifted);
                p[j] = w;
                sum += w;
                first += shifted * w;
                second += shifted * shifted * w;
            }
            double meanShift = first / sum;
            double entropy = Math.log(sum) + beta * meanShift;
            double gap = entropy - target;
            if (Math.abs(gap) < ENTROPY_TOLERANCE) {
                break;
            }
            if (gap > 0) {
                betaLow = beta;
            } else {
                betaHigh = beta;
            }
            double slope = -beta * (second / sum - meanShift * meanShift);
            double newton = slope < 0 ? beta - gap / slope : Double.NaN;
            if (newton > betaLow && newton < betaHigh) {
                beta = newton;
            } else {
                beta = betaHigh == Double.POSITIVE_INFINITY ? beta * 2 : (betaLow + betaHigh) / 2;
            }
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return beta;
    }

    /** As {@link #symmetrise} when every row holds all other points: through a dense N × N matrix, no sorting. */
    private static Affinities symmetriseDense(int n, int[] nearest, double[] conditional) {
        int k = n - 1;
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int e = i * k; e < (i + 1) * k; e++) {
                dense[i * n + nearest[e]] = conditional[e];
            }
        }
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = (dense[i * n + j] + dense[j * n + i]) * scale;
                dense[i * n + j] = p;
                dense[j * n + i] = p;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] columns = new int[n * k];
        double[] values = new double[n * k];
        int written = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = written;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    columns[written] = j;
                    values[written++] = dense[i * n + j];
                }
            }
        }
        rowStart[n] = written;
        return new Affinities(n, rowStart, columns, values, dense);
    }

    /** P = (C + Cᵀ) / 2N from the conditional rows C ([N × k] with their column indices); duplicates merged. */
    private static Affinities symmetrise(int n, int k, int[] nearest, double[] conditional) {
        int[] degree = new int[n + 1];
        for (int i = 0; i < n; i++) {
            degree[i] += k;
            for (int e = i * k; e < (i + 1) * k; e++) {
                degree[nearest[e]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] cursor = Arrays.copyOf(start, n);
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int e = i * k; e < (i + 1) * k; e++) {
                int j = nearest[e];
                double v = conditional[e];
                cols[cursor[i]] = j;
                vals[cursor[i]++] = v;
                cols[cursor[j]] = i;
                vals[cursor[j]++] = v;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] mergedCols = new int[start[n]];
        double[] mergedVals = new double[start[n]];
        int written = 0;
        double scale = 1.0 / (2.0 * n);
        long[] keys = new long[0];
        for (int i = 0; i < n; i++) {
            int from = start[i];
            int count = start[i + 1] - from;
            if (keys.length < count) {
                keys = new long[count];
            }
            for (int e = 0; e < count; e++) {
                keys[e] = ((long) cols[from + e] << 32) | e;
            }
            Arrays.sort(keys, 0, count);
            rowStart[i] = written;
            int last = -1;
            for (int e = 0; e < count; e++) {
                int column = (int) (keys[e] >>> 32);
                double v = vals[from + (int) keys[e]] * scale;
                if (column == last) {
                    mergedVals[written - 1] += v;
                } else {
                    mergedCols[written] = column;
                    mergedVals[written++] = v;
                    last = column;
                }
            }
        }
        rowStart[n] = written;
        return new Affinities(n, rowStart, Arrays.copyOf(mergedCols, written), Arrays.copyOf(mergedVals, written),
                null);
    }
}
