package org.losslab.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    /**
     * Samples of N(3, R diag(σ²) Rᵀ) in d dimensions: independent N(0, σ_a²) along axis0, axis1 and the basis
     * vectors e_2 … e_{d−1}, so the known principal axes are axis0 then axis1 (σ_0 &gt; σ_1 &gt; the rest).
     */
    private static double[][] sample(int n, int d, double[] sigmas, double[] axis0, double[] axis1, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double z0 = sigmas[0] * random.nextGaussian();
            double z1 = sigmas[1] * random.nextGaussian();
            for (int a = 0; a < d; a++) {
                x[i][a] = 3 + z0 * axis0[a] + z1 * axis1[a] + (a >= 2 ? sigmas[a] * random.nextGaussian() : 0);
            }
        }
        return x;
    }

    private static void check(int d) {
        double[] sigmas = new double[d];
        sigmas[0] = 5;
        sigmas[1] = 2;
        for (int a = 2; a < d; a++) {
            sigmas[a] = 0.5;
        }
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double[] axis0 = new double[d];
        double[] axis1 = new double[d];
        axis0[0] = c;
        axis0[1] = s;
        axis1[0] = -s;
        axis1[1] = c;
        double[][] x = sample(20000, d, sigmas, axis0, axis1, d);
        Pca pca = Pca.fit(x, 2);
        // Signs: the largest loading of each axis is positive: c for both (c, s) and (−s, c).
        double[] expected1 = {-s, c};
        for (int a = 0; a < 2; a++) {
            assertThat(pca.axis(0)[a]).isCloseTo(axis0[a], within(0.01));
            assertThat(pca.axis(1)[a]).isCloseTo(expected1[a], within(0.02));
        }
        for (int a = 2; a < d; a++) {
            assertThat(Math.abs(pca.axis(0)[a])).isLessThan(0.02);
        }
        assertThat(pca.variances()[0]).isCloseTo(25, within(0.6));
        assertThat(pca.variances()[1]).isCloseTo(4, within(0.15));
        assertThat(pca.mean()[2]).isCloseTo(3, within(0.02));
        assertThat(pca.explainedVarianceRatio()[0]).isCloseTo(25 / (29 + 0.25 * (d - 2)), within(0.01));
        EmbeddingFrame frame = pca.project(x);
        double spread0 = 0;
        for (int i = 0; i < frame.size(); i++) {
            spread0 += frame.coordinate(i, 0) * frame.coordinate(i, 0) / (frame.size() - 1);
        }
        assertThat(spread0).isCloseTo(pca.variances()[0], within(1e-9));
    }

    @Test
    void knownCovarianceGivesKnownAxesByJacobi() {
        check(5);
    }

    @Test
    void knownCovarianceGivesKnownAxesByOrthogonalIteration() {
        check(Pca.JACOBI_LIMIT + 36);
    }

    @Test
    void jacobiEigenvectorsDiagonaliseAHandMadeMatrix() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
        double[] values = new double[2];
        double[] vectors = new double[4];
        Jacobi.symmetricEigen(new double[] {2, 1, 1, 2}, 2, values, vectors);
        assertThat(values).containsExactly(new double[] {3, 1}, within(1e-14));
        assertThat(Math.abs(vectors[0])).isCloseTo(Math.sqrt(0.5), within(1e-14));
        assertThat(vectors[0] * vectors[2]).isCloseTo(0.5, within(1e-14));
        assertThat(vectors[1] * vectors[3]).isCloseTo(-0.5, within(1e-14));
    }

    @Test
    void refittingTheSameDataGivesTheSameFrameAndBadInputIsRefused() {
        double[][] x = EmbeddingBenchmark.gaussianClusters(200, 8, 3, 4, 2).points();
        assertThat(Pca.frame(x, 3)).isEqualTo(Pca.frame(x, 3));
        assertThatThrownBy(() -> Pca.fit(x, 9)).hasMessageContaining("components must be in 1..8");
        assertThatThrownBy(() -> Pca.fit(new double[][] {{1, 2}}, 1)).hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> Pca.fit(x, 2).project(new double[][] {{1, 2}})).hasMessageContaining("fitted on 8");
    }
}
