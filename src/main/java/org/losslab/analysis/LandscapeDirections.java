package org.losslab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The two directions d1, d2 ∈ ℝ^P (flat over a model's {@code parameterShapes()} order, see {@link ParameterVector})
 * that span the plane θ + α·d1 + β·d2 of a loss landscape.
 *
 * @param d1 first direction [P]
 * @param d2 second direction [P]
 * @param description how they were chosen, in words; becomes {@link LandscapeGrid#directions()}
 */
public record LandscapeDirections(double[] d1, double[] d2, String description) {

    /** How the directions are chosen. */
    public enum Kind {
        /** Gaussian directions, filter-normalised to the weights (Li et al. 2018). */
        RANDOM("random"),
        /** The top two principal directions of the parameter trajectory. */
        PCA("pca"),
        /** Towards two chosen checkpoints. */
        CHECKPOINTS("checkpoints");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The kind named {@code id} ({@code random}, {@code pca} or {@code checkpoints}), case-insensitive. */
        public static Kind parse(String field, String id) {
            for (Kind k : values()) {
                if (k.id.equals(Objects.requireNonNull(id, field).toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException(field + " must be random, pca or checkpoints, got '" + id + "'");
        }
    }

    /** The fewest snapshots a PCA of the trajectory needs: two non-zero offsets from the final point. */
    public static final int MIN_PCA_SNAPSHOTS = 3;

    public LandscapeDirections {
        Objects.requireNonNull(d1, "d1");
        Objects.requireNonNull(d2, "d2");
        if (d1.length != d2.length) {
            throw new IllegalArgumentException("directions differ in length: " + d1.length + " and " + d2.length);
        }
        d1 = d1.clone();
        d2 = d2.clone();
    }

    @Override
    public double[] d1() {
        return d1.clone();
    }

    @Override
    public double[] d2() {
        return d2.clone();
    }

    /**
     * Two Gaussian directions with filter-wise normalisation (Li et al., "Visualizing the Loss Landscape of Neural
     * Nets", 2018): each filter of a direction is rescaled to the norm of the matching filter of the weights θ, so
     * that a step of α = 1 changes every filter by as much as its own size and the scale invariance of ReLU networks
     * does not distort the picture. A filter of a dense weight [in, out] is one output unit's column (every weight
     * into that unit); of a convolution weight [out, in, kh, kw] one output channel. Biases and other 1-D parameters
     * get a zero direction: like Li et al. we ignore them ("we do not perturb the bias parameters"), and the same
     * holds for batch-norm scales and shifts, which are 1-D too. A filter whose weights are all zero stays zero.
     *
     * @param shapes the model's parameter shapes, in order
     * @param theta the parameters [P] the directions are normalised to
     * @param seed seeds the Gaussian draws (d1 first, then d2)
     */
    public static LandscapeDirections randomFilterNormalised(Map<String, int[]> shapes, double[] theta, long seed) {
        Random rng = new Random(seed);
        double[] d1 = gaussian(theta.length, rng);
        double[] d2 = gaussian(theta.length, rng);
        normaliseFilters(shapes, theta, d1);
        normaliseFilters(shapes, theta, d2);
        return new LandscapeDirections(d1, d2, "random, filter-normalised (seed " + seed + ")");
    }

    /**
     * Rescales {@code direction} in place so that each filter has the norm of the matching filter of {@code theta};
     * zeroes 1-D parameters (see {@link #randomFilterNormalised}).
     */
    static void normaliseFilters(Map<String, int[]> shapes, double[] theta, double[] direction) {
        int at = 0;
        for (int[] shape : shapes.values()) {
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (shape.length <= 1) {
                java.util.Arrays.fill(direction, at, at + size, 0);
            } else if (shape.length == 2) {
                // Dense [in, out]: filter j is column j, the stride-`out` elements j, j + out, …
                int in = shape[0];
                int out = shape[1];
                for (int j = 0; j < out; j++) {
                    double thetaNorm = 0;
                    double dirNorm = 0;
                    for (int i = 0; i < in; i++) {
                        int k = at + i * out + j;
                        thetaNorm += theta[k] * theta[k];
                        dirNorm += direction[k] * direction[k];
                    }
                    double scale = dirNorm == 0 ? 0 : Math.sqrt(thetaNorm / dirNorm);
                    for (int i = 0; i < in; i++) {
                        direction[at + i * out + j] *= scale;
                    }
                }
            } else {
                // Convolution [out, in, kh, kw]: filter o is the contiguous block of output channel o.
                int filters = shape[0];
                int block = size / filters;
                for (int o = 0; o < filters; o++) {
                    int from = at + o * block;
                    double thetaNorm = 0;
                    double dirNorm = 0;
                    for (int k = from; k < from + block; k++) {
                        thetaNorm += theta[k] * theta[k];
                        dirNorm += direction[k] * direction[k];
                    }
                    double scale = dirNorm == 0 ? 0 : Math.sqrt(thetaNorm / dirNorm);
                    for (int k = from; k < from + block; k++) {
                        direction[k] *= scale;
                    }
                }
            }
            at += size;
        }
    }

    /**
     * The top two principal directions of a parameter trajectory: the snapshots are centred on the last one
     * (θ_t − θ_final, the plane then passes through the final point as in Li et al.) and the two leading
     * eigenvectors u1, u2 of their T×T Gram matrix give d_i = Mᵀu_i / ‖Mᵀu_i‖, so the P×P covariance is never formed.
     * The directions are orthonormal; the description gives the share of the trajectory's variance each explains.
     *
     * @param snapshots θ_0 … θ_final, each [P], at least {@link #MIN_PCA_SNAPSHOTS}
     * @throws IllegalArgumentException with fewer snapshots, or when the path spans fewer than two dimensions
     */
    public static LandscapeDirections pca(List<double[]> snapshots) {
        if (snapshots.size() < MIN_PCA_SNAPSHOTS) {
            throw new IllegalArgumentException("PCA directions need at least " + MIN_PCA_SNAPSHOTS
                    + " snapshots of the trajectory, got " + snapshots.size());
        }
        double[] last = snapshots.get(snapshots.size() - 1);
        List<double[]> centred = new ArrayList<>();
        for (int t = 0; t < snapshots.size() - 1; t++) {
            if (snapshots.get(t).length != last.length) {
                throw new IllegalArgumentException("snapshot " + t + " has " + snapshots.get(t).length
                        + " values, the last has " + last.length);
            }
            centred.add(ParameterVector.minus(snapshots.get(t), last));
        }
        int t = centred.size();
        double[][] gram = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                gram[i][j] = gram[j][i] = ParameterVector.dot(centred.get(i), centred.get(j));
            }
        }
        double[][] vectors = new double[t][t];
        double[] values = symmetricEigen(gram, vectors);
        int[] order = topTwo(values);
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[][] dirs = new double[2][];
        for (int k = 0; k < 2; k++) {
            double[] d = new double[last.length];
            for (int s = 0; s < t; s++) {
                double u = vectors[s][order[k]];
                double[] row = centred.get(s);
                for (int p = 0; p < d.length; p++) {
                    d[p] += u * row[p];
                }
            }
            dirs[k] = d;
        }
        // Gram–Schmidt once more: the eigenvectors are orthogonal up to rounding, the directions should be exactly so.
        double n1 = ParameterVector.norm(dirs[0]);
        if (!(n1 > 0)) {
            throw new IllegalArgumentException("the trajectory does not move: all snapshots are equal");
        }
        double[] d1 = ParameterVector.scaled(dirs[0], 1 / n1);
        double along = ParameterVector.dot(dirs[1], d1);
        double[] d2 = ParameterVector.minus(dirs[1], ParameterVector.scaled(d1, along));
        double n2 = ParameterVector.norm(d2);
        if (!(n2 > 1e-12 * n1)) {
            throw new IllegalArgumentException("the trajectory lies on a line: no second principal direction");
        }
        d2 = ParameterVector.scaled(d2, 1 / n2);
        String description = String.format(Locale.ROOT, "PCA of %d snapshots (%.0f%% + %.0f%% of the variance)",
                snapshots.size(), 100 * values[order[0]] / total, 100 * values[order[1]] / total);
        return new LandscapeDirections(d1, d2, description);
    }

    /**
     * The plane through θ and two checkpoints: d1 = θ_a − θ, and d2 = θ_b − θ with its component along d1 removed
     * (Gram–Schmidt), so the axes are orthogonal; θ_a sits at (1, 0) and θ_b at (c, 1) with c = (θ_b − θ)·d1 / ‖d1‖².
     *
     * @throws IllegalArgumentException when a checkpoint equals θ or the three points are collinear
     */
    public static LandscapeDirections checkpoints(double[] theta, double[] thetaA, double[] thetaB) {
        if (thetaA.length != theta.length || thetaB.length != theta.length) {
            throw new IllegalArgumentException("checkpoints must have " + theta.length + " parameters, got "
                    + thetaA.length + " and " + thetaB.length);
        }
        double[] d1 = ParameterVector.minus(thetaA, theta);
        double[] toB = ParameterVector.minus(thetaB, theta);
        double n1 = ParameterVector.dot(d1, d1);
        if (!(n1 > 0)) {
            throw new IllegalArgumentException("checkpoint a equals the centre: no first direction");
        }
        double[] d2 = ParameterVector.minus(toB, ParameterVector.scaled(d1, ParameterVector.dot(toB, d1) / n1));
        if (!(ParameterVector.norm(d2) > 1e-12 * Math.sqrt(n1))) {
            throw new IllegalArgumentException("checkpoint b lies on the line through the centre and checkpoint a");
        }
        return new LandscapeDirections(d1, d2, "towards two checkpoints: d1 = θa − θ, d2 = θb − θ orthogonalised to d1");
    }

    /**
     * Where {@code point} lies in the plane through {@code centre}: the least-squares coordinates (α, β) of
     * point − centre in the basis d1, d2 (the directions need not be orthogonal), and the distance from the plane.
     *
     * @return {α, β, distance}
     */
    public double[] project(double[] centre, double[] point) {
        double[] v = ParameterVector.minus(point, centre);
        double a11 = ParameterVector.dot(d1, d1);
        double a12 = ParameterVector.dot(d1, d2);
        double a22 = ParameterVector.dot(d2, d2);
        double b1 = ParameterVector.dot(d1, v);
        double b2 = ParameterVector.dot(d2, v);
        double det = a11 * a22 - a12 * a12;
        double alpha = det == 0 ? 0 : (a22 * b1 - a12 * b2) / det;
        double beta = det == 0 ? 0 : (a11 * b2 - a12 * b1) / det;
        double residual = 0;
        for (int i = 0; i < v.length; i++) {
            double r = v[i] - alpha * d1[i] - beta * d2[i];
            residual += r * r;
        }
        return new double[] {alpha, beta, Math.sqrt(residual)};
    }

    private static double[] gaussian(int n, Random rng) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        return d;
    }

    private static int[] topTwo(double[] values) {
        int first = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[first]) {
                first = i;
            }
        }
        int second = first == 0 ? (values.length > 1 ? 1 : 0) : 0;
        for (int i = 0; i < values.length; i++) {
            if (i != first && values[i] > values[second]) {
                second = i;
            }
        }
        return new int[] {first, second};
    }

    /**
     * Eigenvalues of a symmetric matrix by cyclic Jacobi rotations; the matrix is small (one row per snapshot).
     *
     * @param a symmetric [n][n], overwritten
     * @param vectors receives the eigenvectors as columns, [n][n]
     * @return the eigenvalues, in the order of the columns
     */
    static double[] symmetricEigen(double[][] a, double[][] vectors) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vectors[k][p];
                        double vkq = vectors[k][q];
                        vectors[k][p] = c * vkp - s * vkq;
                        vectors[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
