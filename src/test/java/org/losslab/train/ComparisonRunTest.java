package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.Precision;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.WeightedLoss;
import org.losslab.loss.classification.CrossEntropy;
import org.losslab.model.Mlp;
import org.losslab.model.SmallCnn;
import org.losslab.param.ParamValues;

/** Comparisons driven on the test thread: the batched strategy against k separate runs, strategy choice, guards. */
class ComparisonRunTest {

    static List<String> engines() {
        return Engines.ids();
    }

    /** The default spirals experiment, shortened. */
    static TrainingSetup spirals(String engine, long steps, long seed) throws Exception {
        ExperimentSpec spec = Experiments.defaultExperiment().withEngine(engine).withSteps(steps).withSeed(seed);
        TrainingSetup s = Experiments.resolve(spec).setup();
        return new TrainingSetup(s.engineId(), s.data(), s.model(), s.loss(), s.optimizer(), s.batchSize(), s.steps(),
                s.seed(), 25, 25);
    }

    static List<ComparisonRun.Arm> arms(TrainingSetup base, String... losses) {
        List<ComparisonRun.Arm> arms = new ArrayList<>();
        for (String id : losses) {
            arms.add(ComparisonRun.Arm.of(base, null, WeightedLoss.of(id), null));
        }
        return arms;
    }

    /** What a comparison published, per arm. */
    static class Recorder implements ComparisonListener {
        final List<List<MetricPoint>> points = new ArrayList<>();
        final List<List<ParameterSnapshot>> snapshots = new ArrayList<>();
        final List<Progress> overall = new ArrayList<>();
        final List<List<Progress>> armProgress = new ArrayList<>();

        Recorder(int k) {
            for (int i = 0; i < k; i++) {
                points.add(new ArrayList<>());
                snapshots.add(new ArrayList<>());
                armProgress.add(new ArrayList<>());
            }
        }

        @Override
        public void onProgress(Progress p) {
            overall.add(p);
        }

        @Override
        public void onArmProgress(int arm, Progress p) {
            armProgress.get(arm).add(p);
        }

        @Override
        public void onArmMetrics(int arm, List<MetricPoint> p) {
            points.get(arm).addAll(p);
        }

        @Override
        public void onArmParameters(int arm, ParameterSnapshot s) {
            snapshots.get(arm).add(s);
        }
    }

    static Recorder compare(List<ComparisonRun.Arm> arms, ComparisonRun.Options options, String strategy)
            throws InterruptedException {
        Recorder r = new Recorder(arms.size());
        try (ComparisonRun run = new ComparisonRun(arms, options)) {
            assertThat(run.strategy()).isEqualTo(strategy);
            assertThat(run.run(new RunControl(), r)).isEqualTo(RunStatus.FINISHED);
        }
        return r;
    }

    static List<MetricPoint> separate(TrainingSetup setup, Precision precision) throws InterruptedException {
        List<MetricPoint> points = new ArrayList<>();
        try (TrainingRun run = new TrainingRun(setup, precision)) {
            run.run(new RunControl(), new TrainingListener() {
                @Override
                public void onMetrics(List<MetricPoint> p) {
                    points.addAll(p);
                }
            });
        }
        return points;
    }

    /** Every point of {@code separate} has its twin (same step and key) in {@code compared}, within {@code tol}. */
    static double maxDifference(List<MetricPoint> separate, List<MetricPoint> compared) {
        double worst = 0;
        int matched = 0;
        for (MetricPoint s : separate) {
            for (MetricPoint c : compared) {
                if (c.step() == s.step() && c.key().equals(s.key())) {
                    worst = Math.max(worst, Math.abs(c.value() - s.value()) / Math.max(1, Math.abs(s.value())));
                    matched++;
                }
            }
        }
        assertThat(matched).as("points matched").isEqualTo(separate.size());
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void batchedArmsReproduceSeparateRunsInDoublePrecision(String engine) throws Exception {
        TrainingSetup base = spirals(engine, 75, 11);
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "mae", "focal");
        Recorder batched = compare(arms, ComparisonRun.Options.DEFAULT.withPrecision(Precision.FLOAT64),
                ComparisonRun.BATCHED);
        for (int i = 0; i < arms.size(); i++) {
            List<MetricPoint> alone = separate(arms.get(i).setup(), Precision.FLOAT64);
            double diff = maxDifference(alone, batched.points.get(i));
            System.out.printf("%s float64 arm %s: max relative difference %.3g%n", engine, arms.get(i).label(), diff);
            assertThat(diff).as(arms.get(i).label()).isLessThan(1e-9);
        }
        // The arms really differ: the comparison is not k copies of one run.
        assertThat(batched.points.get(0)).isNotEqualTo(batched.points.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void batchedArmsReproduceSeparateRunsInSinglePrecision(String engine) throws Exception {
        TrainingSetup base = spirals(engine, 75, 12);
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "label-smoothing-ce");
        Recorder batched = compare(arms, ComparisonRun.Options.DEFAULT, ComparisonRun.BATCHED);
        for (int i = 0; i < arms.size(); i++) {
            double diff = maxDifference(separate(arms.get(i).setup(), Precision.FLOAT32), batched.points.get(i));
            System.out.printf("%s float32 arm %s: max relative difference %.3g%n", engine, arms.get(i).label(), diff);
            assertThat(diff).as(arms.get(i).label()).isLessThan(1e-4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void dropoutMasksAreSharedSoBatchedStillMatchesSeparateRuns(String engine) throws Exception {
        TrainingSetup plain = spirals(engine, 60, 13);
        TrainingSetup base = plain.withModel(new Mlp(new int[] {2}, 2, 16, "tanh", 0.25, 2));
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "mse");
        Recorder batched = compare(arms, ComparisonRun.Options.DEFAULT.withPrecision(Precision.FLOAT64),
                ComparisonRun.BATCHED);
        for (int i = 0; i < arms.size(); i++) {
            double diff = maxDifference(separate(arms.get(i).setup(), Precision.FLOAT64), batched.points.get(i));
            assertThat(diff).as(arms.get(i).label()).isLessThan(1e-9);
        }
    }

    @Test
    void interleavedArmsAreExactlyTheirSeparateRuns() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 60, 14);
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "focal");
        Recorder interleaved = compare(arms, ComparisonRun.Options.DEFAULT.withStrategy(ComparisonRun.INTERLEAVED),
                ComparisonRun.INTERLEAVED);
        for (int i = 0; i < arms.size(); i++) {
            assertThat(maxDifference(separate(arms.get(i).setup(), Precision.FLOAT32), interleaved.points.get(i)))
                    .isZero();
        }
    }

    @Test
    void bothStrategiesReportTheSameMetricsPerArm() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 50, 15);
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "hinge");
        ComparisonRun.Options f64 = ComparisonRun.Options.DEFAULT.withPrecision(Precision.FLOAT64);
        Recorder batched = compare(arms, f64, ComparisonRun.BATCHED);
        Recorder interleaved = compare(arms, f64.withStrategy(ComparisonRun.INTERLEAVED), ComparisonRun.INTERLEAVED);
        for (int i = 0; i < arms.size(); i++) {
            List<MetricPoint> b = batched.points.get(i);
            assertThat(b.stream().map(MetricPoint::key).distinct())
                    .contains("train/loss", "train/accuracy", "val/loss", "val/accuracy", "val/ECE");
            assertThat(maxDifference(interleaved.points.get(i), b)).isLessThan(1e-9);
            assertThat(b.stream().filter(p -> p.key().equals("val/ECE")).mapToDouble(MetricPoint::value))
                    .allMatch(v -> v >= 0 && v <= 1);
        }
    }

    @Test
    void snapshotsHaveTheSingleModelShapesAndIdenticalStartingPoints() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 30, 16);
        List<ComparisonRun.Arm> arms = arms(base, "cross-entropy", "mae", "focal");
        Recorder r = compare(arms, ComparisonRun.Options.DEFAULT, ComparisonRun.BATCHED);
        Map<String, HostArray> first = r.snapshots.get(0).get(0).parameters();
        for (int i = 0; i < arms.size(); i++) {
            ParameterSnapshot start = r.snapshots.get(i).get(0);
            assertThat(start.step()).isZero();
            assertThat(start.parameters()).isEqualTo(first);
            assertThat(start.parameters().get("dense0.w").shape()).containsExactly(2, 32);
            assertThat(r.snapshots.get(i).get(r.snapshots.get(i).size() - 1).step()).isEqualTo(30);
        }
        assertThat(r.snapshots.get(1).get(1).parameters()).isNotEqualTo(r.snapshots.get(0).get(1).parameters());
    }

    /** Cross-entropy whose {@code prepare} asks for the predictions first (it then ignores them). */
    static final class PredictionReadingCrossEntropy implements LossFunction {
        private final CrossEntropy inner = new CrossEntropy();

        @Override
        public LossSpec spec() {
            return inner.spec();
        }

        @Override
        public org.losslab.engine.Tensor perExample(org.losslab.engine.Ops ops, LossInputs inputs, ParamValues p) {
            return inner.perExample(ops, inputs, p);
        }

        @Override
        public boolean preparesFromPredictions() {
            return true;
        }
    }

    @Test
    void strategyIsBatchedOnlyForOneStackableNetworkAndPlainLosses() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 10, 1);
        assertThat(ComparisonRun.whyNotBatched(arms(base, "cross-entropy", "mae"))).isNull();

        List<ComparisonRun.Arm> widths = List.of(ComparisonRun.Arm.of(base, null, WeightedLoss.of("cross-entropy"), null),
                ComparisonRun.Arm.of(base, "wide", WeightedLoss.of("cross-entropy"),
                        new Mlp(new int[] {2}, 2, 64, "relu", 0, 2)));
        assertThat(ComparisonRun.whyNotBatched(widths)).contains("arm 2 (wide)").contains("another network");

        WeightedLoss reading = WeightedLoss.single(new PredictionReadingCrossEntropy(),
                ParamValues.defaults("test", List.of()));
        List<ComparisonRun.Arm> preparing = List.of(ComparisonRun.Arm.of(base, null, WeightedLoss.of("mae"), null),
                ComparisonRun.Arm.of(base, "reads", reading, null));
        assertThat(ComparisonRun.whyNotBatched(preparing)).contains("arm 2 (reads)").contains("predictions");
        try (ComparisonRun run = new ComparisonRun(preparing)) {
            assertThat(run.strategy()).isEqualTo(ComparisonRun.INTERLEAVED);
            assertThat(run.strategyNote()).contains("predictions");
            assertThat(run.trainStep()).isTrue();
            assertThat(run.step(1)).isEqualTo(1);
        }
        assertThatThrownBy(() -> new ComparisonRun(preparing,
                ComparisonRun.Options.DEFAULT.withStrategy(ComparisonRun.BATCHED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be batched");
    }

    @Test
    void aCnnComparisonIsInterleaved() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 10, 1);
        TrainingSetup cnnData = base.withModel(new SmallCnn(new int[] {1, 2, 1}, 2, 2, "relu", 2));
        String why = ComparisonRun.whyNotBatched(arms(cnnData, "cross-entropy", "mae"));
        assertThat(why).contains("no stacked forward pass");
    }

    @Test
    void armsThatDifferInMoreThanLossAndModelAreRefusedByName() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 10, 1);
        TrainingSetup otherSeed = new TrainingSetup(base.engineId(), base.data(), base.model(),
                WeightedLoss.of("mae"), base.optimizer(), base.batchSize(), base.steps(), 2, base.evalEvery(),
                base.snapshotEvery());
        assertThatThrownBy(() -> new ComparisonRun(List.of(new ComparisonRun.Arm("ce", base),
                new ComparisonRun.Arm("mae", otherSeed))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arm 2 (mae)").hasMessageContaining("seed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aBatchedDivergenceRestoresEveryArmAndNamesTheCulprit(String engine) throws Exception {
        TrainingSetup base = spirals(engine, 200, 3);
        TrainingSetup wild = new TrainingSetup(base.engineId(), base.data(), base.model(), base.loss(),
                OptimizerConfig.sgd(1e6, 0.9), base.batchSize(), base.steps(), base.seed(), base.evalEvery(),
                base.snapshotEvery());
        List<ComparisonRun.Arm> arms = arms(wild, "cross-entropy", "mae");
        RunControl control = new RunControl();
        Recorder r = new Recorder(2) {
            @Override
            public void onProgress(Progress p) {
                super.onProgress(p);
                if (p.status() == RunStatus.DIVERGED) {
                    control.stop();
                }
            }
        };
        try (ComparisonRun run = new ComparisonRun(arms)) {
            assertThat(run.strategy()).isEqualTo(ComparisonRun.BATCHED);
            assertThat(run.run(control, r)).isEqualTo(RunStatus.STOPPED);
            Progress diverged = r.overall.stream().filter(p -> p.status() == RunStatus.DIVERGED).findFirst()
                    .orElseThrow();
            assertThat(diverged.message()).contains("cross-entropy: Training diverged").contains("every arm");
            assertThat(run.step(0)).isEqualTo(run.step(1)).isEqualTo(diverged.step());
            assertThat(run.step(0) % 10).isZero();
            assertThat(run.snapshot(0).parameters().values()).allMatch(HostArray::allFinite);
            assertThat(run.snapshot(1).parameters().values()).allMatch(HostArray::allFinite);
        }
    }

    @Test
    void anInterleavedArmThatDivergesIsHeldWhileTheOthersFinish() throws Exception {
        TrainingSetup base = spirals(Engines.DEFAULT, 120, 3);
        TrainingSetup wild = new TrainingSetup(base.engineId(), base.data(), base.model(), base.loss(),
                OptimizerConfig.sgd(1e6, 0.9), base.batchSize(), base.steps(), base.seed(), base.evalEvery(),
                base.snapshotEvery());
        List<ComparisonRun.Arm> arms = arms(wild, "cross-entropy", "mae");
        RunControl control = new RunControl();
        Recorder r = new Recorder(2) {
            @Override
            public void onProgress(Progress p) {
                super.onProgress(p);
                if (p.status() == RunStatus.DIVERGED) {
                    control.stop();
                }
            }
        };
        try (ComparisonRun run = new ComparisonRun(arms,
                ComparisonRun.Options.DEFAULT.withStrategy(ComparisonRun.INTERLEAVED))) {
            assertThat(run.run(control, r)).isEqualTo(RunStatus.STOPPED);
            assertThat(run.step(1)).as("the bounded MAE arm finishes").isEqualTo(120);
            assertThat(run.isHeld(0)).isTrue();
            assertThat(run.step(0)).isLessThan(120);
            assertThat(run.divergence(0)).startsWith("cross-entropy: Training diverged");
            assertThat(r.armProgress.get(0)).anyMatch(p -> p.status() == RunStatus.DIVERGED);
            Progress last = r.overall.stream().filter(p -> p.status() == RunStatus.DIVERGED).findFirst().orElseThrow();
            assertThat(last.message()).contains("other arms have finished");
        }
    }
}
