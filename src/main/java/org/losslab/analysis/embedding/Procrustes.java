package org.losslab.analysis.embedding;

/**
 * Orthogonal Procrustes alignment of one frame onto a reference: the rotation or reflection, translation and
 * (optionally) uniform scale that minimise the summed squared distance between same-index points. t-SNE and PCA
 * determine a picture only up to these, so without alignment a live view would spin and flip between refreshes.
 *
 * <p>Points are matched by index over the points both frames have ({@code min(N_frame, N_reference)}); the fitted
 * transform is then applied to every point of the frame, including those the reference lacks.
 */
public final class Procrustes {

    private Procrustes() {}

    /** {@link #align(EmbeddingFrame, EmbeddingFrame, boolean)} without scaling: distances within the frame are kept. */
    public static EmbeddingFrame align(EmbeddingFrame frame, EmbeddingFrame reference) {
        return align(frame, reference, false);
    }

    /**
     * @param frame the frame to move
     * @param reference where it should land; same dims
     * @param scale also fit one uniform scale factor
     * @return {@code s·(frame − μ_frame)·R + μ_reference}, with R orthogonal [dims × dims] and the centroids μ taken
     *         over the matched points
     */
    public static EmbeddingFrame align(EmbeddingFrame frame, EmbeddingFrame reference, boolean scale) {
        if (frame.dims() != reference.dims()) {
            throw new IllegalArgumentException("frame has " + frame.dims() + " dims, reference has " + reference.dims());
        }
        int d = frame.dims();
        int matched = Math.min(frame.size(), reference.size());
        if (matched == 0) {
            return frame;
        }
        double[] a = frame.raw();
        double[] b = reference.raw();
        double[] meanA = new double[d];
        double[] meanB = new double[d];
        for (int i = 0; i < matched; i++) {
            for (int k = 0; k < d; k++) {
                meanA[k] += a[i * d + k];
                meanB[k] += b[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            meanA[k] /= matched;
            meanB[k] /= matched;
        }
        // H = Aᶜᵀ Bᶜ over the matched, centred points; the best R maximises trace(Rᵀ H).
        double[] h = new double[d * d];
        double normA = 0;
        for (int i = 0; i < matched; i++) {
            for (int r = 0; r < d; r++) {
                double ar = a[i * d + r] - meanA[r];
                normA += ar * ar;
                for (int c = 0; c < d; c++) {
                    h[r * d + c] += ar * (b[i * d + c] - meanB[c]);
                }
            }
        }
        double[] rotation = new double[d * d];
        double traceSigma = d == 2 ? closedForm2d(h, rotation) : viaSvd(h, d, rotation);
        double s = scale && normA > 0 ? traceSigma / normA : 1;
        double[] out = new double[a.length];
        int n = frame.size();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += (a[i * d + r] - meanA[r]) * rotation[r * d + c];
                }
                out[i * d + c] = s * sum + meanB[c];
            }
        }
        return EmbeddingFrame.wrap(out, d);
    }

    /**
     * 2×2 orthogonal matrices are rotations [[c, −s], [s, c]] or reflections [[c, s], [s, −c]]; trace(Rᵀ H) is then
     * a·cos φ + b·sin φ for each family, maximised in closed form; the better family wins.
     *
     * @return the attained trace, which equals the sum of H's singular values
     */
    private static double closedForm2d(double[] h, double[] rotation) {
        double rotA = h[0] + h[3];
        double rotB = h[2] - h[1];
        double refA = h[0] - h[3];
        double refB = h[2] + h[1];
        double rotBest = Math.hypot(rotA, rotB);
        double refBest = Math.hypot(refA, refB);
        if (rotBest >= refBest) {
            double phi = Math.atan2(rotB, rotA);
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            rotation[0] = c;
            rotation[1] = -s;
            rotation[2] = s;
            rotation[3] = c;
            return rotBest;
        }
        double phi = Math.atan2(refB, refA);
        double c = Math.cos(phi);
        double s = Math.sin(phi);
        rotation[0] = c;
        rotation[1] = s;
        rotation[2] = s;
        rotation[3] = -c;
        return refBest;
    }

    /** R = U Vᵀ from H = U Σ Vᵀ; returns trace(Σ). */
    private static double viaSvd(double[] h, int d, double[] rotation) {
        double[] u = new double[d * d];
        double[] sigma = new double[d];
        double[] v = new double[d * d];
        Jacobi.svd(h, d, u, sigma, v);
        double trace = 0;
        for (int k = 0; k < d; k++) {
            trace += sigma[k];
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += u[r * d + k] * v[c * d + k];
                }
                rotation[r * d + c] = sum;
            }
        }
        return trace;
    }
}
