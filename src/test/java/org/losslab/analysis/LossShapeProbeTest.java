package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.analysis.LossShapeProbe.Axis;
import org.losslab.analysis.LossShapeProbe.Candidate;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Request;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.analysis.LossShapeProbe.Shape;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossTesting;
import org.losslab.param.InvalidParameterException;

/** The explorer's curves against closed forms, on both engines, in float64. */
class LossShapeProbeTest {
    private static final Map<String, LossShapeProbe> PROBES = new java.util.HashMap<>();

    static List<String> engines() {
        return LossTesting.engines();
    }

    private static LossShapeProbe probe(String engine) {
        return PROBES.computeIfAbsent(engine, LossShapeProbe::new);
    }

    @AfterAll
    static void closeProbes() {
        PROBES.values().forEach(LossShapeProbe::close);
        PROBES.clear();
    }

    private static Shape shape(String engine, String id, Plot plot, Map<String, ?> params, Settings settings) {
        Shape s = probe(engine).compute(new Request(id, plot, params), settings);
        assertThat(s.error()).as("error of " + id).isNull();
        return s;
    }

    /** The index of the grid point nearest {@code x}. */
    private static int at(Shape s, double x) {
        int best = 0;
        for (int i = 1; i < s.size(); i++) {
            if (Math.abs(s.x()[i] - x) < Math.abs(s.x()[best] - x)) {
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void crossEntropyIsLogOnePlusRivalsAndItsDerivativeIsMinusOneMinusP(String engine) {
        Settings settings = Settings.defaults();
        Shape ce = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), settings);
        assertThat(ce.size()).isEqualTo(241);
        assertThat(ce.pointwise()).isFalse();
        assertThat(ce.x()[0]).isEqualTo(-6.0);
        assertThat(ce.x()[120]).isEqualTo(0.0);
        assertThat(ce.x()[240]).isEqualTo(6.0);
        for (double m : new double[] {-6, -2.5, 0, 1, 4, 6}) {
            int i = at(ce, m);
            assertThat(ce.x()[i]).isCloseTo(m, within(1e-12));
            double expected = Math.log(1 + 2 * Math.exp(-m));
            double pY = 1 / (1 + 2 * Math.exp(-m));
            assertThat(ce.loss()[i]).as("ℓ at m=%s", m).isCloseTo(expected, within(1e-12));
            assertThat(ce.derivative()[i]).as("∂ℓ/∂z_y at m=%s", m).isCloseTo(-(1 - pY), within(1e-12));
        }
        // Worked numbers: C = 3, m = 0 is chance level, ℓ = log 3, ∂ℓ/∂z_y = −2/3.
        assertThat(ce.loss()[120]).isCloseTo(1.0986122886681098, within(1e-12));
        assertThat(ce.derivative()[120]).isCloseTo(-2.0 / 3, within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theLogitScaleMovesCrossEntropyAndTheShiftDoesNot(String engine) {
        Settings settings = Settings.defaults().withClasses(5).withScale(2).withShift(3.5);
        Shape ce = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), settings);
        for (double m : new double[] {-3, 0.5, 2}) {
            int i = at(ce, m);
            double expected = Math.log(1 + 4 * Math.exp(-2 * m));
            assertThat(ce.loss()[i]).as("ℓ at m=%s", m).isCloseTo(expected, within(1e-12));
        }
        // m = 1 at scale 2: ℓ = log(1 + 4e^{−2}) = 0.432653.
        assertThat(ce.loss()[at(ce, 1)]).isCloseTo(0.432653, within(1e-6));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void focalWithGammaZeroIsCrossEntropy(String engine) {
        Settings settings = Settings.defaults().withClasses(4);
        Shape ce = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), settings);
        Shape focal0 = shape(engine, "focal", Plot.CLASSIFICATION, Map.of("gamma", 0.0), settings);
        Shape focal2 = shape(engine, "focal", Plot.CLASSIFICATION, Map.of("gamma", 2.0), settings);
        for (int i = 0; i < ce.size(); i++) {
            assertThat(focal0.loss()[i]).isCloseTo(ce.loss()[i], within(1e-12));
            assertThat(focal0.derivative()[i]).isCloseTo(ce.derivative()[i], within(1e-12));
        }
        // γ = 2 at m = 2 (p = e²/(e²+3) = 0.711235): ℓ = (1−p)² · (−log p) = 0.028413…
        int i = at(focal2, 2);
        double p = Math.exp(2) / (Math.exp(2) + 3);
        assertThat(focal2.loss()[i]).isCloseTo((1 - p) * (1 - p) * -Math.log(p), within(1e-12));
        assertThat(focal2.loss()[i]).isLessThan(ce.loss()[i] / 3);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void regressionCurvesOfMseAndMaeAreRSquaredAndAbsR(String engine) {
        Settings settings = Settings.defaults();
        Shape mse = shape(engine, "mse", Plot.REGRESSION, Map.of(), settings);
        Shape mae = shape(engine, "mae", Plot.REGRESSION, Map.of(), settings);
        assertThat(mse.axis()).isNull();
        assertThat(mse.x()[0]).isEqualTo(-3.0);
        assertThat(mse.x()[mse.size() - 1]).isEqualTo(3.0);
        for (double r : new double[] {-3, -1.25, 0.5, 2}) {
            int i = at(mse, r);
            double x = mse.x()[i];
            assertThat(mse.loss()[i]).as("mse at r=%s", r).isCloseTo(x * x, within(1e-12));
            assertThat(mse.derivative()[i]).as("mse' at r=%s", r).isCloseTo(2 * x, within(1e-12));
            assertThat(mae.loss()[i]).as("mae at r=%s", r).isCloseTo(Math.abs(x), within(1e-12));
            assertThat(mae.derivative()[i]).as("mae' at r=%s", r).isCloseTo(Math.signum(x), within(1e-12));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theProbabilityAxisPutsTheTrueClassAtExactlyThatProbability(String engine) {
        Settings settings = Settings.defaults().withAxis(Axis.PROBABILITY).withClasses(4).withShift(-1.5)
                .withRivalSpread(0.8);
        double[] p = LossShapeProbe.grid(Plot.CLASSIFICATION, settings, 9);
        assertThat(p[0]).isEqualTo(LossShapeProbe.PROBABILITY_FROM);
        assertThat(p[8]).isEqualTo(LossShapeProbe.PROBABILITY_TO);
        HostArray z = LossShapeProbe.classificationLogits(settings, p);
        for (int i = 0; i < p.length; i++) {
            double[] row = new double[4];
            System.arraycopy(z.data(), i * 4, row, 0, 4);
            assertThat(LossTesting.softmax(row)[0]).as("p_y of row %d", i).isCloseTo(p[i], within(1e-12));
            assertThat(row[1]).isLessThan(row[2]); // the rivals are spread
        }
        Shape ce = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), settings);
        assertThat(ce.axis()).isEqualTo(Axis.PROBABILITY);
        for (int i = 0; i < ce.size(); i += 40) {
            assertThat(ce.loss()[i]).isCloseTo(-Math.log(ce.x()[i]), within(1e-10));
            assertThat(ce.derivative()[i]).isCloseTo(-(1 - ce.x()[i]), within(1e-10));
        }
        // p_y = 0.5 sits in the middle of the default grid.
        assertThat(ce.loss()[120]).isCloseTo(Math.log(2), within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void zLossIgnoresTheLogitScaleWhereCrossEntropyDoesNot(String engine) {
        assumeTrue(LossCatalog.get().ids().contains("z-loss"), "z-loss is not in the catalogue yet");
        Settings base = Settings.defaults().withRivalSpread(1);
        Settings scaled = base.withScale(3).withShift(5);
        Shape z1 = shape(engine, "z-loss", Plot.CLASSIFICATION, Map.of(), base);
        Shape z3 = shape(engine, "z-loss", Plot.CLASSIFICATION, Map.of(), scaled);
        Shape ce1 = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), base);
        Shape ce3 = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), scaled);
        int compared = 0;
        for (int i = 0; i < z1.size(); i++) {
            if (Double.isFinite(z1.loss()[i])) {
                assertThat(z3.loss()[i]).as("z-loss at m=%s", z1.x()[i]).isCloseTo(z1.loss()[i], within(1e-9));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(Math.abs(ce3.loss()[at(ce3, -2)] - ce1.loss()[at(ce1, -2)])).isGreaterThan(1.0);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void distillationIsZeroWhereTheStudentMatchesTheTeacher(String engine) {
        assumeTrue(LossCatalog.get().ids().contains("kd"), "kd is not in the catalogue yet");
        Settings settings = Settings.defaults().withTeacherMargin(2);
        Shape kd = shape(engine, "kd", Plot.CLASSIFICATION, Map.of(), settings);
        int i = at(kd, 2);
        assertThat(kd.loss()[i]).isCloseTo(0, within(1e-12));
        assertThat(kd.derivative()[i]).isCloseTo(0, within(1e-12));
        assertThat(kd.loss()[at(kd, -2)]).isGreaterThan(0.1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aLossWhoseRowsInteractIsEvaluatedOnePointAtATime(String engine) {
        assumeTrue(LossCatalog.get().ids().contains("fedld"), "fedld is not in the catalogue yet");
        Shape fed = shape(engine, "fedld", Plot.CLASSIFICATION, Map.of("lambda", 0.5), Settings.defaults());
        assertThat(fed.pointwise()).isTrue();
        assertThat(fed.size()).isEqualTo(LossShapeProbe.POINTWISE_POINTS);
        // One row: CE + λ log(1 + ‖p‖²).
        int i = at(fed, 1);
        double m = fed.x()[i];
        double[] p = LossTesting.softmax(new double[] {m, 0, 0});
        double norm2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
        assertThat(fed.loss()[i]).isCloseTo(-Math.log(p[0]) + 0.5 * Math.log1p(norm2), within(1e-9));
        Shape ce = shape(engine, "cross-entropy", Plot.CLASSIFICATION, Map.of(), Settings.defaults());
        assertThat(ce.pointwise()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sortedPerBatchDrawsCountAsInteractingRowsAndABinaryLossSaysWhatItNeeds(String engine) {
        assumeTrue(LossCatalog.get().ids().contains("ensloss"), "ensloss is not in the catalogue yet");
        Shape three = probe(engine).compute(new Request("ensloss", Plot.CLASSIFICATION, Map.of()),
                Settings.defaults());
        assertThat(three.ok()).isFalse();
        assertThat(three.error()).contains("ensloss").contains("[241, 3]");
        Shape two = shape(engine, "ensloss", Plot.CLASSIFICATION, Map.of(), Settings.defaults().withClasses(2));
        assertThat(two.pointwise()).isTrue();
        assertThat(two.size()).isEqualTo(LossShapeProbe.POINTWISE_POINTS);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theCatalogueSaysWhatCanBeDrawnAndWhy(String engine) {
        List<Candidate> all = probe(engine).candidates();
        assertThat(all).hasSize(LossCatalog.get().all().size());
        assertThat(plots(all, "cross-entropy")).containsExactly(Plot.CLASSIFICATION);
        assertThat(plots(all, "bce")).containsExactly(Plot.CLASSIFICATION);
        assertThat(plots(all, "mse")).containsExactly(Plot.CLASSIFICATION, Plot.REGRESSION);
        assertThat(plots(all, "mae")).containsExactly(Plot.CLASSIFICATION, Plot.REGRESSION);
        for (Candidate c : all) {
            assertThat(c.drawable() || !c.notShownReason().isBlank()).as(c.loss().spec().id()).isTrue();
        }
    }

    private static List<Plot> plots(List<Candidate> all, String id) {
        return all.stream().filter(c -> c.loss().spec().id().equals(id)).findFirst().orElseThrow().plots();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void badRequestsAreRefusedByName(String engine) {
        LossShapeProbe probe = probe(engine);
        assertThatThrownBy(() -> probe.compute(new Request("no-such-loss", Plot.CLASSIFICATION, Map.of()),
                Settings.defaults())).hasMessageContaining("unknown loss 'no-such-loss'");
        assertThatThrownBy(() -> probe.compute(new Request("focal", Plot.CLASSIFICATION, Map.of("gamma", -1)),
                Settings.defaults())).isInstanceOf(InvalidParameterException.class).hasMessageContaining("'gamma'");
        assertThatThrownBy(() -> probe.compute(new Request("cross-entropy", Plot.REGRESSION, Map.of()),
                Settings.defaults())).hasMessageContaining("cannot be drawn against the residual");
        List<Shape> mixed = probe.compute(List.of(new Request("focal", Plot.CLASSIFICATION, Map.of("gamma", -1)),
                new Request("cross-entropy", Plot.CLASSIFICATION, Map.of())), Settings.defaults());
        assertThat(mixed.get(0).ok()).isFalse();
        assertThat(mixed.get(0).error()).contains("gamma");
        assertThat(mixed.get(1).ok()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void badSettingsAreRefusedByField() {
        Settings d = Settings.defaults();
        assertThatThrownBy(() -> d.withClasses(1)).hasMessageContaining("classes");
        assertThatThrownBy(() -> d.withScale(0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> d.withShift(Double.NaN)).hasMessageContaining("shift");
        assertThatThrownBy(() -> d.withPoints(1)).hasMessageContaining("points");
        assertThatThrownBy(() -> new Settings(Axis.MARGIN, 3, 1, 0, 0, 2, 241, 6, -6, -3, 3))
                .hasMessageContaining("marginFrom");
    }

    /** What a slider move costs: five curves of 241 points each, programs already compiled. */
    @ParameterizedTest
    @MethodSource("engines")
    void aRefreshOfFiveCurvesIsCheap(String engine) {
        LossShapeProbe probe = probe(engine);
        List<Request> five = List.of(new Request("cross-entropy", Plot.CLASSIFICATION, Map.of()),
                new Request("focal", Plot.CLASSIFICATION, Map.of()),
                new Request("mae", Plot.CLASSIFICATION, Map.of()),
                new Request("hinge", Plot.CLASSIFICATION, Map.of()),
                new Request("label-smoothing-ce", Plot.CLASSIFICATION, Map.of()));
        Settings settings = Settings.defaults();
        for (int i = 0; i < 20; i++) {
            probe.compute(five, settings.withScale(1 + i * 0.01));
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] wall = new long[30];
        long[] cpu = new long[30];
        for (int i = 0; i < wall.length; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            List<Shape> shapes = probe.compute(five, settings.withScale(1.5 + i * 0.01));
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - t0;
            assertThat(shapes).allMatch(Shape::ok);
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        double medianMs = wall[wall.length / 2] / 1e6;
        System.out.printf(java.util.Locale.ROOT, "loss shapes, %s: 5 curves × 241 points, median %.2f ms wall, "
                + "%.2f ms thread CPU%n", engine, medianMs, cpu[cpu.length / 2] / 1e6);
        // Only a guard against recompiling on every call: wall time on a shared machine says little.
        assertThat(medianMs).isLessThan(2000);

        // A slider of one loss: the other four curves are reused, not computed again.
        List<Shape> before = probe.compute(five, settings);
        List<Request> oneChanged = new java.util.ArrayList<>(five);
        oneChanged.set(1, new Request("focal", Plot.CLASSIFICATION, Map.of("gamma", 0.5)));
        List<Shape> after = probe.compute(oneChanged, settings);
        for (int i : new int[] {0, 2, 3, 4}) {
            assertThat(after.get(i)).isSameAs(before.get(i));
        }
        assertThat(after.get(1)).isNotSameAs(before.get(1));
        assertThat(after.get(1).loss()[120]).isCloseTo(Math.sqrt(2.0 / 3) * Math.log(3), within(1e-12));
    }
}
