package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslab.model.Mlp;
import org.losslab.model.SmallCnn;

/** Filter normalisation, PCA of a trajectory, checkpoint planes and projection onto a plane. */
class LandscapeDirectionsTest {

    @Test
    void everyDenseFilterHasTheNormOfItsWeightsAndBiasesStayPut() {
        Mlp mlp = new Mlp(new int[] {2}, 2, 6, "relu", 0.0, 3);
        Map<String, int[]> shapes = mlp.parameterShapes();
        double[] theta = ParameterVector.flatten(shapes, mlp.initialParameters(new Random(1)));
        LandscapeDirections dirs = LandscapeDirections.randomFilterNormalised(shapes, theta, 7);
        for (double[] d : List.of(dirs.d1(), dirs.d2())) {
            Map<String, org.losslab.engine.HostArray> weights = ParameterVector.unflatten(shapes, theta);
            Map<String, org.losslab.engine.HostArray> direction = ParameterVector.unflatten(shapes, d);
            for (String name : shapes.keySet()) {
                int[] shape = shapes.get(name);
                double[] w = weights.get(name).data();
                double[] v = direction.get(name).data();
                if (shape.length == 1) {
                    assertThat(v).as(name).containsOnly(0.0);
                    continue;
                }
                int in = shape[0];
                int out = shape[1];
                for (int j = 0; j < out; j++) {
                    double wNorm = 0;
                    double vNorm = 0;
                    for (int i = 0; i < in; i++) {
                        wNorm += w[i * out + j] * w[i * out + j];
                        vNorm += v[i * out + j] * v[i * out + j];
                    }
                    assertThat(Math.sqrt(vNorm)).as(name + " unit " + j).isCloseTo(Math.sqrt(wNorm), within(1e-12));
                    assertThat(vNorm).isPositive();
                }
            }
        }
        assertThat(dirs.d1()).isNotEqualTo(dirs.d2());
        assertThat(LandscapeDirections.randomFilterNormalised(shapes, theta, 7).d1()).isEqualTo(dirs.d1());
    }

    @Test
    void everyConvolutionFilterIsOneOutputChannel() {
        SmallCnn cnn = new SmallCnn(new int[] {1, 8, 8}, 3, 4, "relu", 10);
        Map<String, int[]> shapes = cnn.parameterShapes();
        double[] theta = ParameterVector.flatten(shapes, cnn.initialParameters(new Random(2)));
        double[] d = LandscapeDirections.randomFilterNormalised(shapes, theta, 3).d1();
        double[] w = ParameterVector.unflatten(shapes, theta).get("conv2.w").data();
        double[] v = ParameterVector.unflatten(shapes, d).get("conv2.w").data();
        int block = 3 * 3 * 3;
        for (int o = 0; o < 4; o++) {
            double wNorm = 0;
            double vNorm = 0;
            for (int k = o * block; k < (o + 1) * block; k++) {
                wNorm += w[k] * w[k];
                vNorm += v[k] * v[k];
            }
            assertThat(Math.sqrt(vNorm)).isCloseTo(Math.sqrt(wNorm), within(1e-12));
        }
    }

    @Test
    void pcaDirectionsAreOrthonormalAndTheProjectionReproducesThePathsFirstTwoComponents() {
        int p = 30;
        int t = 12;
        Random rng = new Random(4);
        List<double[]> path = new ArrayList<>();
        double[] theta = new double[p];
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < p; i++) {
                // Drift along the first coordinates dominates, as in training; noise everywhere.
                theta[i] += (i < 3 ? 1.0 / (i + 1) : 0) + 0.05 * rng.nextGaussian();
            }
            path.add(theta.clone());
        }
        LandscapeDirections pca = LandscapeDirections.pca(path);
        double[] d1 = pca.d1();
        double[] d2 = pca.d2();
        assertThat(ParameterVector.norm(d1)).isCloseTo(1, within(1e-12));
        assertThat(ParameterVector.norm(d2)).isCloseTo(1, within(1e-12));
        assertThat(ParameterVector.dot(d1, d2)).isCloseTo(0, within(1e-12));
        assertThat(pca.description()).startsWith("PCA of 12 snapshots");

        // Reference: the top two eigenvectors of the P×P scatter matrix MᵀM of the centred snapshots.
        double[] last = path.get(t - 1);
        double[][] scatter = new double[p][p];
        for (int s = 0; s < t - 1; s++) {
            double[] m = ParameterVector.minus(path.get(s), last);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    scatter[i][j] += m[i] * m[j];
                }
            }
        }
        double[][] vectors = new double[p][p];
        double[] values = LandscapeDirections.symmetricEigen(scatter, vectors);
        int first = 0;
        int second = -1;
        for (int i = 1; i < p; i++) {
            if (values[i] > values[first]) {
                first = i;
            }
        }
        for (int i = 0; i < p; i++) {
            if (i != first && (second < 0 || values[i] > values[second])) {
                second = i;
            }
        }
        double[] e1 = column(vectors, first);
        double[] e2 = column(vectors, second);
        assertThat(Math.abs(ParameterVector.dot(d1, e1))).isCloseTo(1, within(1e-9));
        assertThat(Math.abs(ParameterVector.dot(d2, e2))).isCloseTo(1, within(1e-9));
        for (int s = 0; s < t; s++) {
            double[] m = ParameterVector.minus(path.get(s), last);
            double[] projected = pca.project(last, path.get(s));
            assertThat(Math.abs(projected[0])).as("step " + s).isCloseTo(Math.abs(ParameterVector.dot(m, e1)),
                    within(1e-9));
            assertThat(Math.abs(projected[1])).isCloseTo(Math.abs(ParameterVector.dot(m, e2)), within(1e-9));
            double rest = ParameterVector.dot(m, m) - projected[0] * projected[0] - projected[1] * projected[1];
            assertThat(projected[2]).isCloseTo(Math.sqrt(Math.max(0, rest)), within(1e-9));
        }
        assertThat(pca.project(last, last)).containsExactly(0, 0, 0);
    }

    @Test
    void aPathInAPlaneProjectsOntoItWithNoDistance() {
        double[] centre = {1, 2, 3, 4};
        double[] u = {1, 0, 0, 0};
        double[] w = {0, 0.6, 0.8, 0};
        List<double[]> path = new ArrayList<>();
        double[][] coords = {{3, 1}, {-2, 0.5}, {1, -1}, {0, 0}};
        for (double[] c : coords) {
            path.add(ParameterVector.offset(centre, c[0], u, c[1], w));
        }
        LandscapeDirections pca = LandscapeDirections.pca(path);
        for (int s = 0; s < coords.length; s++) {
            double[] projected = pca.project(centre, path.get(s));
            assertThat(projected[2]).isCloseTo(0, within(1e-12));
            double[] back = ParameterVector.offset(centre, projected[0], pca.d1(), projected[1], pca.d2());
            for (int i = 0; i < 4; i++) {
                assertThat(back[i]).isCloseTo(path.get(s)[i], within(1e-12));
            }
        }
    }

    @Test
    void checkpointsSitAtTheirCoordinatesOfAnOrthogonalPlane() {
        double[] theta = {0, 0, 0};
        double[] a = {2, 0, 0};
        double[] b = {1, 3, 0};
        LandscapeDirections dirs = LandscapeDirections.checkpoints(theta, a, b);
        assertThat(ParameterVector.dot(dirs.d1(), dirs.d2())).isZero();
        assertThat(dirs.project(theta, a)).containsExactly(1, 0, 0);
        assertThat(dirs.project(theta, b)).containsExactly(0.5, 1, 0);
        assertThatThrownBy(() -> LandscapeDirections.checkpoints(theta, a, new double[] {4, 0, 0}))
                .hasMessageContaining("checkpoint b lies on the line");
    }

    @Test
    void tooFewSnapshotsOrAnUnknownKindAreRefusedByName() {
        assertThatThrownBy(() -> LandscapeDirections.pca(List.of(new double[2], new double[2])))
                .hasMessageContaining("at least 3 snapshots");
        assertThatThrownBy(() -> LandscapeDirections.Kind.parse("directions", "sideways"))
                .hasMessage("directions must be random, pca or checkpoints, got 'sideways'");
        assertThat(LandscapeDirections.Kind.parse("directions", "PCA")).isEqualTo(LandscapeDirections.Kind.PCA);
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r][c];
        }
        return out;
    }
}
