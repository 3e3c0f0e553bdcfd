package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.Precision;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The training loop driven directly on the test thread, without JavaFX. */
class TrainingRunTest {

    static List<String> engines() {
        return Engines.ids();
    }

    static TrainingSetup spirals(String engine, long steps, long seed) throws Exception {
        ExperimentSpec spec = Experiments.defaultExperiment().withEngine(engine).withSteps(steps).withSeed(seed);
        return Experiments.resolve(spec).setup();
    }

    static List<MetricPoint> runToEnd(TrainingSetup setup, Precision precision) throws InterruptedException {
        List<MetricPoint> points = new ArrayList<>();
        try (TrainingRun run = new TrainingRun(setup, precision)) {
            RunStatus status = run.run(new RunControl(), new TrainingListener() {
                @Override
                public void onMetrics(List<MetricPoint> p) {
                    points.addAll(p);
                }
            });
            assertThat(status).isEqualTo(RunStatus.FINISHED);
        }
        return points;
    }

    static double last(List<MetricPoint> points, String key) {
        double v = Double.NaN;
        for (MetricPoint p : points) {
            if (p.key().equals(key)) {
                v = p.value();
            }
        }
        return v;
    }

    static double first(List<MetricPoint> points, String key) {
        return points.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow().value();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void learnsTheSpiralsOnEveryEngine(String engine) throws Exception {
        List<MetricPoint> points = runToEnd(spirals(engine, 600, 42), Precision.FLOAT32);
        assertThat(last(points, "val/loss")).isLessThan(0.5 * first(points, "val/loss"));
        assertThat(last(points, "val/accuracy")).isGreaterThan(0.8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void sameSeedGivesIdenticalMetricsAndAnotherSeedDoesNot(String engine) throws Exception {
        List<MetricPoint> a = runToEnd(spirals(engine, 150, 5), Precision.FLOAT32);
        List<MetricPoint> b = runToEnd(spirals(engine, 150, 5), Precision.FLOAT32);
        List<MetricPoint> c = runToEnd(spirals(engine, 150, 6), Precision.FLOAT32);
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void bothEnginesTrainIdenticallyInDoublePrecision() throws Exception {
        List<String> ids = Engines.ids();
        List<MetricPoint> reference = runToEnd(spirals(ids.get(0), 100, 9), Precision.FLOAT64);
        for (String other : ids.subList(1, ids.size())) {
            List<MetricPoint> points = runToEnd(spirals(other, 100, 9), Precision.FLOAT64);
            assertThat(points).hasSameSizeAs(reference);
            for (int i = 0; i < points.size(); i++) {
                assertThat(points.get(i).key()).isEqualTo(reference.get(i).key());
                assertThat(Math.abs(points.get(i).value() - reference.get(i).value()))
                        .as("%s at step %d, %s vs %s", points.get(i).key(), points.get(i).step(), other, ids.get(0))
                        .isLessThan(1e-6 * Math.max(1, Math.abs(reference.get(i).value())));
            }
        }
    }

    @Test
    void stopIsHonouredBetweenSteps() throws Exception {
        RunControl control = new RunControl();
        try (TrainingRun run = new TrainingRun(spirals(Engines.DEFAULT, 1000, 1))) {
            RunStatus status = run.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    if (p.step() == 37) {
                        control.stop();
                    }
                }
            });
            assertThat(status).isEqualTo(RunStatus.STOPPED);
            assertThat(run.step()).isEqualTo(37);
        }
    }

    @Test
    void pauseBlocksAndSingleStepAdvancesByOne() throws Exception {
        RunControl control = new RunControl();
        List<Long> pausedAt = new ArrayList<>();
        try (TrainingRun run = new TrainingRun(spirals(Engines.DEFAULT, 1000, 1))) {
            RunStatus status = run.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    if (p.status() == RunStatus.PAUSED) {
                        pausedAt.add(p.step());
                        if (pausedAt.size() < 3) {
                            control.stepOnce();
                        } else {
                            control.stop();
                        }
                    } else if (p.step() == 10) {
                        control.pause();
                    }
                }
            });
            assertThat(status).isEqualTo(RunStatus.STOPPED);
            assertThat(pausedAt).containsExactly(10L, 11L, 12L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void divergenceGuardPausesAndRestoresTheLastGoodParameters(String engine) throws Exception {
        TrainingSetup base = spirals(engine, 200, 3);
        TrainingSetup setup = new TrainingSetup(base.engineId(), base.data(), base.model(), base.loss(),
                OptimizerConfig.sgd(1e6, 0.9), base.batchSize(), base.steps(), base.seed(), base.evalEvery(),
                base.snapshotEvery());
        RunControl control = new RunControl();
        List<Progress> diverged = new ArrayList<>();
        try (TrainingRun run = new TrainingRun(setup)) {
            Map<String, HostArray> initial = run.snapshot().parameters();
            run.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    if (p.status() == RunStatus.DIVERGED) {
                        diverged.add(p);
                        control.stop();
                    }
                }
            });
            assertThat(diverged).hasSize(1);
            assertThat(diverged.get(0).message()).contains("diverged").contains("smaller learning rate");
            ParameterSnapshot after = run.snapshot();
            assertThat(after.parameters().values()).allMatch(HostArray::allFinite);
            if (after.step() == 0) {
                assertThat(after.parameters()).isEqualTo(initial);
            }
        }
    }
}
