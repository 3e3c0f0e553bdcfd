package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.model.Mlp;
import org.losslab.viz.FittedFunction;

/** The probe on real engines: a linear model's curve and surface are where the algebra says. */
class RegressionFitProbeTest {

    static java.util.List<String> engines() {
        return Engines.ids();
    }

    private static Map<String, HostArray> linear(double[] w, double b) {
        Map<String, HostArray> p = new LinkedHashMap<>();
        p.put("dense0.w", HostArray.of(w, w.length, 1));
        p.put("dense0.b", HostArray.of(new double[] {b}, 1));
        return p;
    }

    private static FittedFunction await(LinkedBlockingQueue<FittedFunction> fits, RegressionFitProbe probe)
            throws InterruptedException {
        FittedFunction f = fits.poll(60, TimeUnit.SECONDS);
        assertThat(f).as("no fit; probe error: %s", probe.error().orElse("none")).isNotNull();
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aLinearCurveIsSampledFromEdgeToEdgeAndAtThePoints(String engine) throws Exception {
        LinkedBlockingQueue<FittedFunction> fits = new LinkedBlockingQueue<>();
        Mlp line = new Mlp(new int[] {1}, 0, 1, "relu", 0, 1);
        try (RegressionFitProbe probe = new RegressionFitProbe(engine, line, -1, 1, new double[] {0.25, -0.75},
                fits::add)) {
            probe.submit(7, linear(new double[] {2}, -0.5));
            FittedFunction f = await(fits, probe);
            assertThat(f.inputDims()).isEqualTo(1);
            assertThat(f.step()).isEqualTo(7);
            assertThat(f.columns()).isEqualTo(RegressionFitProbe.CURVE_SAMPLES);
            assertThat(f.rows()).isEqualTo(1);
            assertThat(f.xs()[0]).isEqualTo(-1.0);
            assertThat(f.xs()[f.columns() - 1]).isEqualTo(1.0);
            for (int c = 0; c < f.columns(); c++) {
                assertThat(f.value(c, 0)).isCloseTo(2 * f.xs()[c] - 0.5, within(1e-5));
            }
            assertThat(f.pointPredictions()).containsExactly(new double[] {0.0, -2.0}, within(1e-5));
            assertThat(f.valueRange()).containsExactly(new double[] {-2.5, 1.5}, within(1e-5));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aLinearSurfaceIsSampledAtCellCentresRowZeroAtTheBottom(String engine) throws Exception {
        LinkedBlockingQueue<FittedFunction> fits = new LinkedBlockingQueue<>();
        Mlp plane = new Mlp(new int[] {2}, 0, 1, "relu", 0, 1);
        try (RegressionFitProbe probe = new RegressionFitProbe(engine, plane, -1, 1, new double[] {0.5, 0.5},
                fits::add)) {
            probe.submit(3, linear(new double[] {1, -3}, 0.25));
            FittedFunction f = await(fits, probe);
            int n = RegressionFitProbe.SURFACE_RESOLUTION;
            assertThat(f.columns()).isEqualTo(n);
            assertThat(f.rows()).isEqualTo(n);
            assertThat(f.xs()[0]).isCloseTo(-1 + 1.0 / n, within(1e-12));
            assertThat(f.ys()[n - 1]).isCloseTo(1 - 1.0 / n, within(1e-12));
            for (int r = 0; r < n; r += 7) {
                for (int c = 0; c < n; c += 5) {
                    assertThat(f.value(c, r)).isCloseTo(f.xs()[c] - 3 * f.ys()[r] + 0.25, within(1e-5));
                }
            }
            assertThat(f.pointPredictions()).containsExactly(new double[] {0.5 - 1.5 + 0.25}, within(1e-5));
        }
    }

    @Test
    void modelsOfMoreThanTwoInputsAndRaggedPointsAreRefused() {
        Mlp three = new Mlp(new int[] {3}, 0, 1, "relu", 0, 1);
        assertThatThrownBy(() -> new RegressionFitProbe(Engines.DEFAULT, three, -1, 1, new double[0], f -> {}))
                .hasMessageContaining("one or two inputs").hasMessageContaining("[3]");
        Mlp two = new Mlp(new int[] {2}, 0, 1, "relu", 0, 1);
        assertThatThrownBy(() -> new RegressionFitProbe(Engines.DEFAULT, two, -1, 1, new double[3], f -> {}))
                .hasMessageContaining("rows of 2 coordinates");
        assertThatThrownBy(() -> new RegressionFitProbe(Engines.DEFAULT, two, 1, 1, new double[0], f -> {}))
                .hasMessageContaining("min < max");
    }
}
