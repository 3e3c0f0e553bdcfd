package org.losslab.analysis.embedding;

import java.util.Random;

/**
 * Principal components of a set of points, for a 2-D or 3-D picture of higher-dimensional embeddings. The d×d
 * covariance is diagonalised by Jacobi rotations up to {@link #JACOBI_LIMIT} dimensions (exact, all components) and
 * by orthogonal (block power) iteration above, where only the top few are needed.
 *
 * <p>Each axis's sign is fixed so that its largest-magnitude loading is positive, so refitting on the same data gives
 * the same picture; across changing data the view still aligns frames with {@link Procrustes}, since near-equal
 * variances can swap or rotate axes.
 */
public final class Pca {
    /** Above this input dimension the covariance is not fully diagonalised. */
    public static final int JACOBI_LIMIT = 64;

    private final int inputDims;
    private final int components;
    private final double[] mean;
    private final double[] axes;
    private final double[] variances;
    private final double totalVariance;

    private Pca(int inputDims, int components, double[] mean, double[] axes, double[] variances, double totalVariance) {
        this.inputDims = inputDims;
        this.components = components;
        this.mean = mean;
        this.axes = axes;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /**
     * @param points [N][d] with N ≥ 2; not modified
     * @param components how many axes, 1 ≤ components ≤ d
     */
    public static Pca fit(double[][] points, int components) {
        int d = Matrices.checkRows(points, "points");
        int n = points.length;
        if (n < 2) {
            throw new IllegalArgumentException("points must hold at least 2 rows, got " + n);
        }
        if (components < 1 || components > d) {
            throw new IllegalArgumentException("components must be in 1.." + d + " (the input dimension), got "
                    + components);
        }
        double[] mean = new double[d];
        for (double[] p : points) {
            for (int k = 0; k < d; k++) {
                mean[k] += p[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (double[] p : points) {
            for (int k = 0; k < d; k++) {
                centred[k] = p[k] - mean[k];
            }
            for (int r = 0; r < d; r++) {
                double cr = centred[r];
                for (int c = r; c < d; c++) {
                    cov[r * d + c] += cr * centred[c];
                }
            }
        }
        double total = 0;
        for (int r = 0; r < d; r++) {
            for (int c = r; c < d; c++) {
                cov[r * d + c] /= n - 1;
                cov[c * d + r] = cov[r * d + c];
            }
            total += cov[r * d + r];
        }
        double[] axes = new double[components * d];
        double[] variances = new double[components];
        if (d <= JACOBI_LIMIT) {
            double[] values = new double[d];
            double[] vectors = new double[d * d];
            Jacobi.symmetricEigen(cov, d, values, vectors);
            for (int k = 0; k < components; k++) {
                variances[k] = Math.max(0, values[k]);
                for (int r = 0; r < d; r++) {
                    axes[k * d + r] = vectors[r * d + k];
                }
            }
        } else {
            orthogonalIteration(cov, d, components, axes, variances);
        }
        for (int k = 0; k < components; k++) {
            int largest = 0;
            for (int r = 1; r < d; r++) {
                if (Math.abs(axes[k * d + r]) > Math.abs(axes[k * d + largest])) {
                    largest = r;
                }
            }
            if (axes[k * d + largest] < 0) {
                for (int r = 0; r < d; r++) {
                    axes[k * d + r] = -axes[k * d + r];
                }
            }
        }
        return new Pca(d, components, mean, axes, variances, total);
    }

    /** PCA frame of {@code points} onto their own top {@code dims} components. */
    public static EmbeddingFrame frame(double[][] points, int dims) {
        return fit(points, dims).project(points);
    }

    /**
     * Top eigenvectors of a large covariance: a block of {@code k + 4} vectors is multiplied by the covariance and
     * re-orthonormalised until its span stops moving, then rotated to the eigenvectors inside the span
     * (Rayleigh-Ritz); the extra vectors speed convergence when the k-th and (k+1)-th variances are close.
     */
    private static void orthogonalIteration(double[] cov, int d, int k, double[] axes, double[] variances) {
        int block = Math.min(d, k + 4);
        Random random = new Random(17);
        double[] q = new double[d * block];
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextGaussian();
        }
        orthonormaliseColumns(q, d, block);
        double[] z = new double[d * block];
        double[] ritz = new double[block];
        double[] previousRitz = new double[block];
        for (int iteration = 0; iteration < 1000; iteration++) {
            multiply(cov, q, z, d, block);
            for (int c = 0; c < block; c++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += q[r * block + c] * z[r * block + c];
                }
                ritz[c] = sum;
            }
            System.arraycopy(z, 0, q, 0, q.length);
            orthonormaliseColumns(q, d, block);
            boolean settled = iteration > 2;
            for (int c = 0; c < k && settled; c++) {
                settled = Math.abs(ritz[c] - previousRitz[c]) <= 1e-13 * Math.abs(ritz[0]);
            }
            if (settled) {
                break;
            }
            System.arraycopy(ritz, 0, previousRitz, 0, block);
        }
        multiply(cov, q, z, d, block);
        double[] small = new double[block * block];
        for (int a = 0; a < block; a++) {
            for (int b = 0; b < block; b++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += q[r * block + a] * z[r * block + b];
                }
                small[a * block + b] = sum;
            }
        }
        for (int a = 0; a < block; a++) {
            for (int b = a + 1; b < block; b++) {
                double sym = (small[a * block + b] + small[b * block + a]) / 2;
                small[a * block + b] = sym;
                small[b * block + a] = sym;
            }
        }
        double[] values = new double[block];
        double[] vectors = new double[block * block];
        Jacobi.symmetricEigen(small, block, values, vectors);
        for (int c = 0; c < k; c++) {
            variances[c] = Math.max(0, values[c]);
            for (int r = 0; r < d; r++) {
                double sum = 0;
                for (int a = 0; a < block; a++) {
                    sum += q[r * block + a] * vectors[a * block + c];
                }
                axes[c * d + r] = sum;
            }
        }
    }

    private static void multiply(double[] square, double[] columns, double[] out, int d, int width) {
        java.util.Arrays.fill(out, 0);
        for (int r = 0; r < d; r++) {
            for (int m = 0; m < d; m++) {
                double s = square[r * d + m];
                if (s == 0) {
                    continue;
                }
                for (int c = 0; c < width; c++) {
                    out[r * width + c] += s * columns[m * width + c];
                }
            }
        }
    }

    /** Modified Gram-Schmidt, twice for accuracy; a column that vanishes is replaced by a basis vector. */
    private static void orthonormaliseColumns(double[] q, int d, int width) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < width; c++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < d; r++) {
                        dot += q[r * width + p] * q[r * width + c];
                    }
                    for (int r = 0; r < d; r++) {
                        q[r * width + c] -= dot * q[r * width + p];
                    }
                }
                double norm = 0;
                for (int r = 0; r < d; r++) {
                    norm += q[r * width + c] * q[r * width + c];
                }
                norm = Math.sqrt(norm);
                if (norm < 1e-300) {
                    q[(c % d) * width + c] = 1;
                    norm = 1;
                }
                for (int r = 0; r < d; r++) {
                    q[r * width + c] /= norm;
                }
            }
        }
    }

    /**
     * Coordinates of {@code points} on the axes.
     *
     * @param points [M][d], d the dimension the PCA was fitted on
     * @return frame of M points × {@link #components()} dims
     */
    public EmbeddingFrame project(double[][] points) {
        int d = Matrices.checkRows(points, "points");
        if (d != inputDims) {
            throw new IllegalArgumentException("points have " + d + " dims, the PCA was fitted on " + inputDims);
        }
        double[] out = new double[points.length * components];
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < components; k++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += (points[i][r] - mean[r]) * axes[k * d + r];
                }
                out[i * components + k] = sum;
            }
        }
        return EmbeddingFrame.wrap(out, components);
    }

    public int components() {
        return components;
    }

    /** Axis {@code k} as a unit vector [d]. */
    public double[] axis(int k) {
        double[] a = new double[inputDims];
        System.arraycopy(axes, k * inputDims, a, 0, inputDims);
        return a;
    }

    /** Variance along each axis [components], decreasing (sample covariance, N − 1). */
    public double[] variances() {
        return variances.clone();
    }

    /** Fraction of the total variance along each axis [components]. */
    public double[] explainedVarianceRatio() {
        double[] r = new double[components];
        for (int k = 0; k < components; k++) {
            r[k] = totalVariance > 0 ? variances[k] / totalVariance : 0;
        }
        return r;
    }

    /** The data's mean [d]. */
    public double[] mean() {
        return mean.clone();
    }
}
