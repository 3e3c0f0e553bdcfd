package org.losslab.analysis.embedding;

/**
 * Jacobi rotations for the small dense matrices of this package (covariances up to a few dozen dimensions, the 3×3
 * cross-covariance of Procrustes): a symmetric eigendecomposition and a one-sided SVD. Both are accurate to
 * rounding and need no pivoting, which is all these sizes ask for.
 */
final class Jacobi {
    private static final int MAX_SWEEPS = 100;

    private Jacobi() {}

    /**
     * Eigendecomposition of a symmetric matrix.
     *
     * @param symmetric [n × n] row-major; not modified
     * @param n order
     * @param eigenvalues out [n], in decreasing order
     * @param eigenvectors out [n × n] row-major; column {@code k} is the unit eigenvector of {@code eigenvalues[k]}
     */
    static void symmetricEigen(double[] symmetric, int n, double[] eigenvalues, double[] eigenvectors) {
        double[] a = symmetric.clone();
        double[] v = identity(n);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += a[p * n + p] * a[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            diagonal[k] = a[k * n + k];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diagonal[y], diagonal[x]));
        for (int k = 0; k < n; k++) {
            eigenvalues[k] = diagonal[order[k]];
            for (int r = 0; r < n; r++) {
                eigenvectors[r * n + k] = v[r * n + order[k]];
            }
        }
    }

    /**
     * Singular value decomposition {@code M = U diag(σ) Vᵀ} of a square matrix by one-sided Jacobi (Hestenes):
     * columns of M are rotated until orthogonal; their norms are σ, the rotations V. Where σ is zero, U's column is
     * completed to an orthonormal basis, so U is always orthogonal.
     *
     * @param m [n × n] row-major; not modified
     * @param u out [n × n] row-major, orthogonal
     * @param sigma out [n], not sorted, non-negative
     * @param v out [n × n] row-major, orthogonal
     */
    static void svd(double[] m, int n, double[] u, double[] sigma, double[] v) {
        double[] a = m.clone();
        double[] rot = identity(n);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        alpha += akp * akp;
                        beta += akq * akq;
                        gamma += akp * akq;
                    }
                    if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                        double rkp = rot[k * n + p];
                        double rkq = rot[k * n + q];
                        rot[k * n + p] = c * rkp - s * rkq;
                        rot[k * n + q] = s * rkp + c * rkq;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        System.arraycopy(rot, 0, v, 0, n * n);
        double largest = 0;
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += a[r * n + k] * a[r * n + k];
            }
            sigma[k] = Math.sqrt(norm);
            largest = Math.max(largest, sigma[k]);
        }
        boolean[] filled = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (sigma[k] > 1e-13 * largest && sigma[k] > 0) {
                for (int r = 0; r < n; r++) {
                    u[r * n + k] = a[r * n + k] / sigma[k];
                }
                filled[k] = true;
            }
        }
        completeOrthonormal(u, n, filled);
    }

    /** Fills the columns not marked {@code filled} with unit vectors orthogonal to all others (Gram-Schmidt). */
    private static void completeOrthonormal(double[] u, int n, boolean[] filled) {
        for (int k = 0; k < n; k++) {
            if (filled[k]) {
                continue;
            }
            double[] best = null;
            double bestNorm = 0;
            for (int e = 0; e < n; e++) {
                double[] candidate = new double[n];
                candidate[e] = 1;
                for (int j = 0; j < n; j++) {
                    if (!filled[j]) {
                        continue;
                    }
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += u[r * n + j] * candidate[r];
                    }
                    for (int r = 0; r < n; r++) {
                        candidate[r] -= dot * u[r * n + j];
                    }
                }
                double norm = 0;
                for (double c : candidate) {
                    norm += c * c;
                }
                norm = Math.sqrt(norm);
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = candidate;
                }
            }
            for (int r = 0; r < n; r++) {
                u[r * n + k] = best[r] / bestNorm;
            }
            filled[k] = true;
        }
    }

    private static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int k = 0; k < n; k++) {
            id[k * n + k] = 1;
        }
        return id;
    }
}
