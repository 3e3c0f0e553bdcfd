package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mip-focal-tversky: ℓ = 0.7·FTL(p, y) + 0.3·Σ_axes FTL(max_axis p, max_axis y); volumes [N,D,H,W] project along
 * D, images [N,H,W] along rows and along columns.
 */
class MipFocalTverskyLossTest {
    private static final String ID = "mip-focal-tversky";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    private static Map<String, HostArray> exampleVolume() {
        return Map.of("prob", HostArray.of(FocalTverskyLossTest.VOLUME_PROB, 1, 2, 2, 2),
                "target", HostArray.of(FocalTverskyLossTest.VOLUME_TARGET, 1, 2, 2, 2));
    }

    /**
     * LOSSES.md: MIP_z(p) = [[.9,.8],[.2,.7]], MIP_z(y) = [[1,1],[0,1]]; FTL_vol = 0.277179, FTL_mip = 0.208597,
     * L = 0.256604.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOnTheVolume(String engine) {
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), exampleVolume(), false).loss())
                .isCloseTo(0.256604, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("mipWeight", 1.0), exampleVolume(), false).loss())
                .as("FTL_mip").isCloseTo(0.208597, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("mipWeight", 0.0), exampleVolume(), false).loss())
                .as("FTL_vol").isCloseTo(0.277179, within(1e-6));
    }

    /** The projection term's gradient reaches only the arg-max voxel of each ray. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theProjectionGradientGoesToTheBrightestVoxelOfEachRay(String engine) {
        double[] grad = LossTesting.evaluate(engine, ID, Map.of("mipWeight", 1.0), exampleVolume(), true)
                .gradients().get("prob").data();
        // depth-first layout: index z·4 + x·2 + y; arg-max over z: (0,0) z0, (0,1) z1, (1,0) z0, (1,1) z0
        boolean[] argMax = {true, false, true, true, false, true, false, false};
        for (int k = 0; k < 8; k++) {
            if (argMax[k]) {
                assertThat(grad[k]).as("voxel %d", k).isNotZero();
            } else {
                assertThat(grad[k]).as("voxel %d", k).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void anImageProjectsAlongRowsAndColumns(String engine) {
        Random r = new Random(17);
        int n = 3;
        int h = 5;
        int w = 6;
        double[] p = SegmentationTesting.uniform(r, 0.01, 0.99, n * h * w);
        double[] y = SegmentationTesting.binary(r, n * h * w);
        var result = LossTesting.evaluate(engine, ID, Map.of("mipWeight", 0.4),
                Map.of("prob", HostArray.of(p, n, h, w), "target", HostArray.of(y, n, h, w)), false);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            double[] columnMaxP = new double[w];
            double[] columnMaxY = new double[w];
            double[] rowMaxP = new double[h];
            double[] rowMaxY = new double[h];
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int k = (i * h + row) * w + col;
                    columnMaxP[col] = Math.max(columnMaxP[col], p[k]);
                    columnMaxY[col] = Math.max(columnMaxY[col], y[k]);
                    rowMaxP[row] = Math.max(rowMaxP[row], p[k]);
                    rowMaxY[row] = Math.max(rowMaxY[row], y[k]);
                }
            }
            double volume = FocalTverskyLossTest.naive(p, y, i * h * w, (i + 1) * h * w, .7, .3, .75, 1);
            double alongRows = FocalTverskyLossTest.naive(columnMaxP, columnMaxY, 0, w, .7, .3, .75, 1);
            double alongColumns = FocalTverskyLossTest.naive(rowMaxP, rowMaxY, 0, h, .7, .3, .75, 1);
            expected[i] = 0.6 * volume + 0.4 * (alongRows + alongColumns);
        }
        assertThat(result.perExample().data()).containsExactly(expected, within(1e-12));
    }

    /** The catalogue-wide contract draws images; the depth-axis form gets its finite-difference check here. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void volumeGradientMatchesFiniteDifferences(String engine) {
        Random r = new Random(23);
        int[] shape = {2, 3, 4, 5};
        int size = 2 * 3 * 4 * 5;
        Map<String, HostArray> in = new java.util.HashMap<>(Map.of(
                "prob", HostArray.wrap(SegmentationTesting.uniform(r, 0.05, 0.95, size), shape),
                "target", HostArray.wrap(SegmentationTesting.binary(r, size), shape)));
        HostArray analytic = LossTesting.evaluate(engine, ID, Map.of(), in, true).gradients().get("prob");
        double h = 1e-6;
        double[] numeric = new double[size];
        for (int k = 0; k < size; k++) {
            double[] plus = in.get("prob").data().clone();
            double[] minus = plus.clone();
            plus[k] += h;
            minus[k] -= h;
            numeric[k] = (value(engine, plus, in.get("target"), shape) - value(engine, minus, in.get("target"), shape))
                    / (2 * h);
        }
        assertThat(GradientCheck.maxRelativeError(analytic, HostArray.wrap(numeric, shape))).isLessThan(1e-8);
    }

    private static double value(String engine, double[] prob, HostArray target, int[] shape) {
        return LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.wrap(prob, shape), "target", target), false).loss();
    }
}
