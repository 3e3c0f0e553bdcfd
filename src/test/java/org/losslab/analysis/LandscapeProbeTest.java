package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSplit;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;

/** The live probe: cadence, fixed directions until redrawn, PCA once there are snapshots, the projected path. */
class LandscapeProbeTest {

    static List<String> engines() {
        return Engines.ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refreshesAtTheCadenceWithThePathProjectedOntoAFixedPlane(String engine) throws Exception {
        DataSplit data = DataCatalog.get("spirals").load(Map.of("n", 200, "arms", 3), 2);
        Mlp mlp = new Mlp(new int[] {2}, 1, 8, "tanh", 0.0, 3);
        LinkedBlockingQueue<LandscapeFrame> frames = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<SharpnessPoint> sharpness = new LinkedBlockingQueue<>();
        LandscapeSettings settings = LandscapeSettings.DEFAULT.withResolution(5).withCadence(20).withSharpness(true);
        Random rng = new Random(3);
        Map<String, HostArray> theta = mlp.initialParameters(new Random(1));
        try (LandscapeProbe probe = new LandscapeProbe(engine, mlp, WeightedLoss.of("cross-entropy"), data.train(),
                settings, 11, frames::add, sharpness::add)) {
            probe.submit(0, theta, 1.1);
            LandscapeFrame first = frames.poll(60, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.grid().directions()).startsWith("random, filter-normalised")
                    .endsWith("PCA needs 3 snapshots, has 1");
            assertThat(first.grid().alphas()).hasSize(5);
            assertThat(sharpness.poll(60, TimeUnit.SECONDS)).isNotNull();
            // Steps 10 and 30 fall between refreshes (cadence 20): recorded on the path, no frame.
            for (long step : new long[] {10, 20, 30, 40}) {
                theta = nudged(theta, rng);
                probe.submit(step, theta, 1.0 - step / 100.0);
                if (step % 20 == 0) {
                    LandscapeFrame frame = frames.poll(60, TimeUnit.SECONDS);
                    assertThat(frame).isNotNull();
                    assertThat(frame.grid().step()).isEqualTo(step);
                    assertThat(frame.trajectory()).hasSize((int) (step / 10) + 1);
                    sharpness.poll(60, TimeUnit.SECONDS);
                }
            }
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).isNull();
            LandscapeFrame last = probe.latest().orElseThrow();
            assertThat(last.grid().directions()).startsWith("PCA of 3 snapshots");
            List<TrajectoryPoint> path = last.trajectory();
            assertThat(path).extracting(TrajectoryPoint::step).containsExactly(0L, 10L, 20L, 30L, 40L);
            TrajectoryPoint now = path.get(4);
            assertThat(now.alpha()).isZero();
            assertThat(now.beta()).isZero();
            assertThat(now.distanceFromPlane()).isZero();
            assertThat(now.loss()).isEqualTo(0.6);
            // The PCA plane was drawn at step 20 and kept: the snapshots up to then lie in it, later ones need not.
            assertThat(path.get(0).distanceFromPlane()).isGreaterThan(0);
            assertThat(probe.lastCost()).hasValueSatisfying(c -> assertThat(c).matches("5×5 in \\d+\\.\\d\\d s \\(batched\\)"));
            assertThat(probe.sharpness()).hasSize(3);
            assertThat(probe.sharpness().get(2).topEigenvalue()).isPositive();

            probe.setSettings(probe.settings().withDirections(LandscapeDirections.Kind.RANDOM).withSharpness(false));
            LandscapeFrame random = frames.poll(60, TimeUnit.SECONDS);
            assertThat(random.grid().directions()).isEqualTo("random, filter-normalised (seed 12)");
            assertThat(random.grid().losses()).isNotEqualTo(last.grid().losses());
            probe.redrawDirections();
            LandscapeFrame redrawn = frames.poll(60, TimeUnit.SECONDS);
            assertThat(redrawn.grid().directions()).isEqualTo("random, filter-normalised (seed 13)");
            assertThat(redrawn.grid().centreLoss()).isCloseTo(random.grid().centreLoss(), within(1e-12));
            assertThat(probe.error()).isEmpty();
        }
    }

    /**
     * An inactive probe (a comparison arm off screen) records its path but computes nothing; activated, it draws the
     * whole path. Checkpoints from the recorded steps span a plane through them; the interpolation between two
     * checkpoints has the checkpoints' own losses at t = 0 and t = 1.
     */
    @Test
    void recordsWhileInactiveAndInterpolatesBetweenCheckpoints() throws Exception {
        DataSplit data = DataCatalog.get("spirals").load(Map.of("n", 200, "arms", 3), 2);
        Mlp mlp = new Mlp(new int[] {2}, 1, 8, "tanh", 0.0, 3);
        LinkedBlockingQueue<LandscapeFrame> frames = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Interpolation> lines = new LinkedBlockingQueue<>();
        LandscapeSettings settings = LandscapeSettings.DEFAULT.withResolution(5).withCadence(10)
                .withDirections(LandscapeDirections.Kind.RANDOM);
        Random rng = new Random(5);
        Map<String, HostArray> theta = mlp.initialParameters(new Random(1));
        try (LandscapeProbe probe = new LandscapeProbe("pytorch", mlp, WeightedLoss.of("cross-entropy"),
                data.train(), settings, 7, frames::add, null)) {
            probe.onInterpolation(lines::add);
            probe.setActive(false);
            assertThatThrownBy(() -> probe.interpolate(new double[3], "A", new double[3], "B"))
                    .hasMessageContaining("A has 3 parameters but this model has");
            for (long step = 0; step <= 40; step += 10) {
                probe.submit(step, theta, Double.NaN);
                theta = nudged(theta, rng);
            }
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).as("an inactive probe computes nothing").isNull();
            assertThat(probe.recordedSteps()).containsExactly(0L, 10L, 20L, 30L, 40L);
            probe.setActive(true);
            LandscapeFrame whole = frames.poll(60, TimeUnit.SECONDS);
            assertThat(whole.grid().step()).isEqualTo(40);
            assertThat(whole.trajectory()).hasSize(5);

            double[] start = probe.parametersAt(0).orElseThrow();
            double[] now = probe.newestParameters().orElseThrow();
            assertThat(probe.parametersAt(5)).isEmpty();
            probe.useCheckpoints(start, probe.parametersAt(20).orElseThrow());
            LandscapeFrame plane = frames.poll(60, TimeUnit.SECONDS);
            assertThat(plane.grid().directions()).containsIgnoringCase("checkpoint");
            assertThat(probe.settings().directions()).isEqualTo(LandscapeDirections.Kind.CHECKPOINTS);

            probe.interpolate(start, "step 0", now, "now");
            Interpolation line = lines.poll(60, TimeUnit.SECONDS);
            assertThat(line).isNotNull();
            assertThat(line.curve().t()).hasSize(Interpolation.POINTS);
            assertThat(line.curve().t()[0]).isCloseTo(Interpolation.FROM, within(1e-12));
            try (LandscapeEvaluator exact = new LandscapeEvaluator("pytorch", org.losslab.engine.Precision.FLOAT32,
                    mlp, WeightedLoss.of("cross-entropy"), data.train(), LandscapeEvaluator.DEFAULT_PROBE_ROWS, 7)) {
                assertThat(line.startLoss()).isCloseTo(exact.loss(start), within(1e-4));
                assertThat(line.endLoss()).isCloseTo(exact.loss(now), within(1e-4));
            }
            assertThat(line.barrier()).isGreaterThanOrEqualTo(0);
            assertThat(probe.error()).isEmpty();
        }
    }

    @Test
    void theBarrierIsTheHeightAboveTheStraightLine() {
        double[] t = {-0.5, 0, 0.5, 1, 1.5};
        Interpolation hill = new Interpolation("A", "B", new LossCurve(t, new double[] {3, 1, 2.5, 2, 4}, "batched", 0));
        assertThat(hill.barrier()).isCloseTo(1.0, within(1e-12)); // 2.5 − (1 + 2)/2
        assertThat(hill.startLoss()).isEqualTo(1);
        assertThat(hill.endLoss()).isEqualTo(2);
        assertThat(hill.peakAboveEndpoints()).isCloseTo(0.5, within(1e-12)); // 2.5 − max(1, 2)
        Interpolation valley = new Interpolation("A", "B", new LossCurve(t, new double[] {3, 1, 0.5, 2, 4}, "batched",
                0));
        assertThat(valley.barrier()).isZero();
        assertThat(valley.peakAboveEndpoints()).isZero();
    }

    @Test
    void settingsNameTheFieldTheyRefuse() {
        assertThatThrownBy(() -> LandscapeSettings.DEFAULT.withResolution(2))
                .hasMessage("resolution must be between 3 and 201, got 2");
        assertThatThrownBy(() -> LandscapeSettings.DEFAULT.withRadius(0))
                .hasMessage("radius must be positive and finite, got 0.0");
        assertThatThrownBy(() -> LandscapeSettings.DEFAULT.withCadence(0))
                .hasMessage("cadenceSteps must be at least 1, got 0");
    }

    /** The parameters after a small random step, each parameter moved mostly along one fixed drift. */
    private static Map<String, HostArray> nudged(Map<String, HostArray> theta, Random rng) {
        Map<String, HostArray> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, HostArray> e : theta.entrySet()) {
            double[] v = e.getValue().data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.05 + 0.02 * rng.nextGaussian();
            }
            out.put(e.getKey(), HostArray.wrap(v, e.getValue().shape()));
        }
        return out;
    }
}
