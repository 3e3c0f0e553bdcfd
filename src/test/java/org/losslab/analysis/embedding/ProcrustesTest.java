package org.losslab.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcrustesTest {

    private static EmbeddingFrame randomFrame(int n, int dims, long seed) {
        Random random = new Random(seed);
        double[] c = new double[n * dims];
        for (int i = 0; i < c.length; i++) {
            c[i] = 5 * random.nextGaussian();
        }
        return new EmbeddingFrame(c, dims);
    }

    /** frame · M + shift, with M [dims × dims] row-major acting on row vectors. */
    private static EmbeddingFrame transform(EmbeddingFrame frame, double[] m, double[] shift) {
        int d = frame.dims();
        double[] out = new double[frame.size() * d];
        for (int i = 0; i < frame.size(); i++) {
            for (int c = 0; c < d; c++) {
                double s = shift[c];
                for (int r = 0; r < d; r++) {
                    s += frame.coordinate(i, r) * m[r * d + c];
                }
                out[i * d + c] = s;
            }
        }
        return new EmbeddingFrame(out, d);
    }

    private static void assertSameFrame(EmbeddingFrame actual, EmbeddingFrame expected, double tolerance) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int a = 0; a < expected.dims(); a++) {
                assertThat(actual.coordinate(i, a)).as("point %d axis %d", i, a)
                        .isCloseTo(expected.coordinate(i, a), within(tolerance));
            }
        }
    }

    @Test
    void rotatedReflectedTranslatedCopyAlignsBackIn2d() {
        EmbeddingFrame reference = randomFrame(50, 2, 1);
        double phi = 2.1;
        // A rotation by φ followed by a mirror in the x axis: a reflection, which a rotation alone cannot undo.
        double[] reflection = {Math.cos(phi), -Math.sin(phi), -Math.sin(phi), -Math.cos(phi)};
        EmbeddingFrame moved = transform(reference, reflection, new double[] {30, -12});
        assertSameFrame(Procrustes.align(moved, reference), reference, 1e-9);

        double[] rotation = {Math.cos(phi), Math.sin(phi), -Math.sin(phi), Math.cos(phi)};
        EmbeddingFrame rotated = transform(reference, rotation, new double[] {-4, 7});
        assertSameFrame(Procrustes.align(rotated, reference), reference, 1e-9);
    }

    @Test
    void rotatedReflectedTranslatedScaledCopyAlignsBackIn3d() {
        EmbeddingFrame reference = randomFrame(40, 3, 2);
        double a = 0.7;
        double b = -1.3;
        double[] rx = {1, 0, 0, 0, Math.cos(a), Math.sin(a), 0, -Math.sin(a), Math.cos(a)};
        double[] rz = {Math.cos(b), Math.sin(b), 0, -Math.sin(b), Math.cos(b), 0, 0, 0, 1};
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    m[r * 3 + c] += rx[r * 3 + k] * rz[k * 3 + c];
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            m[r * 3 + 1] = -m[r * 3 + 1];
        }
        EmbeddingFrame moved = transform(reference, m, new double[] {3, 1, -8});
        assertSameFrame(Procrustes.align(moved, reference), reference, 1e-9);

        double[] scaled = m.clone();
        for (int e = 0; e < 9; e++) {
            scaled[e] *= 2.5;
        }
        EmbeddingFrame grown = transform(reference, scaled, new double[] {0, 2, 0});
        assertSameFrame(Procrustes.align(grown, reference, true), reference, 1e-9);
        // Without scaling the shape is kept: the distance between two points stays 2.5× the reference's.
        EmbeddingFrame rigid = Procrustes.align(grown, reference);
        double dr = Math.hypot(Math.hypot(rigid.coordinate(0, 0) - rigid.coordinate(1, 0),
                rigid.coordinate(0, 1) - rigid.coordinate(1, 1)), rigid.coordinate(0, 2) - rigid.coordinate(1, 2));
        double d0 = Math.hypot(Math.hypot(reference.coordinate(0, 0) - reference.coordinate(1, 0),
                reference.coordinate(0, 1) - reference.coordinate(1, 1)),
                reference.coordinate(0, 2) - reference.coordinate(1, 2));
        assertThat(dr).isCloseTo(2.5 * d0, within(1e-9));
    }

    @Test
    void aligningAFrameToItselfLeavesItUnchanged() {
        for (int dims = 1; dims <= 3; dims++) {
            EmbeddingFrame frame = randomFrame(30, dims, 3 + dims);
            assertSameFrame(Procrustes.align(frame, frame), frame, 1e-12);
            assertSameFrame(Procrustes.align(frame, frame, true), frame, 1e-12);
        }
    }

    @Test
    void pointsAreMatchedByIndexAndExtraPointsMoveAlong() {
        EmbeddingFrame reference = randomFrame(20, 2, 9);
        double[] extended = new double[24 * 2];
        System.arraycopy(reference.coordinates(), 0, extended, 0, 40);
        for (int c = 40; c < 48; c++) {
            extended[c] = c;
        }
        EmbeddingFrame longer = new EmbeddingFrame(extended, 2);
        double[] flip = {-1, 0, 0, 1};
        EmbeddingFrame moved = transform(longer, flip, new double[] {1, 1});
        EmbeddingFrame aligned = Procrustes.align(moved, reference);
        assertSameFrame(aligned, longer, 1e-9);
    }

    @Test
    void degenerateAndMismatchedInput() {
        // All points on a line: H has rank 1, yet the result must still be a proper orthogonal map.
        double[] line = new double[30];
        for (int i = 0; i < 10; i++) {
            line[3 * i] = i;
        }
        EmbeddingFrame onLine = new EmbeddingFrame(line, 3);
        EmbeddingFrame aligned = Procrustes.align(onLine, onLine);
        assertSameFrame(aligned, onLine, 1e-12);
        assertThatThrownBy(() -> Procrustes.align(randomFrame(5, 2, 1), randomFrame(5, 3, 1)))
                .hasMessageContaining("dims");
    }

    @Test
    void jacobiSvdReconstructsTheMatrix() {
        Random random = new Random(4);
        for (int n = 1; n <= 5; n++) {
            double[] m = new double[n * n];
            for (int e = 0; e < m.length; e++) {
                m[e] = random.nextGaussian();
            }
            double[] u = new double[n * n];
            double[] sigma = new double[n];
            double[] v = new double[n * n];
            Jacobi.svd(m, n, u, sigma, v);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double s = 0;
                    double uu = 0;
                    double vv = 0;
                    for (int k = 0; k < n; k++) {
                        s += u[r * n + k] * sigma[k] * v[c * n + k];
                        uu += u[k * n + r] * u[k * n + c];
                        vv += v[k * n + r] * v[k * n + c];
                    }
                    assertThat(s).isCloseTo(m[r * n + c], within(1e-12));
                    assertThat(uu).isCloseTo(r == c ? 1 : 0, within(1e-12));
                    assertThat(vv).isCloseTo(r == c ? 1 : 0, within(1e-12));
                }
            }
        }
    }
}
