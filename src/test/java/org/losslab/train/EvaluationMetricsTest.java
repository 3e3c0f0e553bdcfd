package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.engine.Engines;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;

/** Top-k, ECE, pass@N and the evaluation report, as a training run publishes them. */
class EvaluationMetricsTest {

    static List<String> engines() {
        return Engines.ids();
    }

    private static TrainingSetup spirals(String engine, long steps) throws Exception {
        return Experiments.resolve(Experiments.defaultExperiment().withEngine(engine).withSteps(steps).withSeed(4))
                .setup();
    }

    private static TrainingSetup digits(long steps) throws Exception {
        ExperimentSpec spec = Experiments.sample("digits-mlp-label-smoothing.json").withSteps(steps);
        return Experiments.resolve(spec).setup();
    }

    /** Everything a run publishes, in order. */
    private static final class Recorder implements TrainingListener {
        final List<MetricPoint> points = new ArrayList<>();
        final List<EvaluationReport> reports = new ArrayList<>();
        final List<Long> metricSteps = new ArrayList<>();

        @Override
        public void onMetrics(List<MetricPoint> p) {
            points.addAll(p);
            metricSteps.add(p.get(0).step());
        }

        @Override
        public void onReport(EvaluationReport report) {
            reports.add(report);
        }

        double last(String key) {
            return points.stream().filter(p -> p.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
        }

        boolean has(String key) {
            return points.stream().anyMatch(p -> p.key().equals(key));
        }
    }

    private static Recorder runToEnd(TrainingSetup setup) throws InterruptedException {
        Recorder r = new Recorder();
        try (TrainingRun run = new TrainingRun(setup)) {
            assertThat(run.run(new RunControl(), r)).isEqualTo(RunStatus.FINISHED);
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyEvaluationReportsEceAndADetailThatAgreesWithItsPoints(String engine) throws Exception {
        TrainingSetup setup = spirals(engine, 60);
        Recorder r = runToEnd(setup);
        int validation = setup.data().validation().size();

        assertThat(r.reports).hasSameSizeAs(r.metricSteps);
        for (int i = 0; i < r.reports.size(); i++) {
            assertThat(r.reports.get(i).step()).isEqualTo(r.metricSteps.get(i));
        }
        EvaluationReport last = r.reports.get(r.reports.size() - 1);
        assertThat(last.step()).isEqualTo(60);
        assertThat(last.splitNames()).containsExactly("val");
        ClassificationMetrics val = last.split("val").orElseThrow();
        assertThat(val.size()).isEqualTo(validation);
        assertThat(Arrays.stream(val.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(validation);
        assertThat(val.reliability()).hasSize(ClassificationMetrics.DEFAULT_BINS);
        assertThat(r.last("val/ECE")).isEqualTo(val.ece()).isBetween(0.0, 1.0);
        assertThat(r.last("val/accuracy")).isCloseTo(val.accuracy(), within(1e-12));
        // two spirals: the default top-2 would be 100 % by definition, so it is left out
        assertThat(last.topK()).isZero();
        assertThat(r.points).noneMatch(p -> p.metric().startsWith("top"));
        assertThat(r.points).noneMatch(p -> p.metric().startsWith("pass@"));
        // ECE is computed on the full validation set, never on training batches
        assertThat(r.has("train/ECE")).isFalse();
    }

    @Test
    void settingsAddTopKAndPassAtNAndSetTheBins() throws Exception {
        TrainingSetup setup = spirals("pytorch", 20).withMetrics(new MetricSettings(1, 4, 10));
        Recorder r = runToEnd(setup);
        ClassificationMetrics val = r.reports.get(r.reports.size() - 1).split("val").orElseThrow();
        assertThat(val.reliability()).hasSize(10);
        assertThat(r.last("val/top1 accuracy")).isEqualTo(r.last("val/accuracy"));
        assertThat(r.last("val/pass@4")).isEqualTo(val.expectedPassAtN(4))
                .as("four tries do at least as well as one").isGreaterThanOrEqualTo(val.expectedPassAtN(1));
    }

    @Test
    void tenClassesGetTopFiveAndTheLastEvaluationCoversTheTestSet() throws Exception {
        TrainingSetup setup = digits(40);
        Recorder r = runToEnd(setup);
        int test = setup.data().test().orElseThrow().size();
        EvaluationReport last = r.reports.get(r.reports.size() - 1);
        assertThat(last.topK()).isEqualTo(5);
        assertThat(last.splitNames()).containsExactly("val", "test");
        ClassificationMetrics t = last.split("test").orElseThrow();
        assertThat(t.classes()).isEqualTo(10);
        assertThat(Arrays.stream(t.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(test);
        assertThat(r.last("test/top5 accuracy")).isEqualTo(t.topK(5))
                .isGreaterThanOrEqualTo(r.last("test/accuracy"));
        assertThat(r.last("test/ECE")).isEqualTo(t.ece());
        // only the last evaluation looks at the test set
        assertThat(r.reports.subList(0, r.reports.size() - 1)).allMatch(rep -> rep.split("test").isEmpty());
        // 40 steps of a 64-wide MLP already rank the right digit in the top five for most images
        assertThat(r.last("val/top5 accuracy")).isGreaterThan(0.8);
    }

    @Test
    void underLabelNoiseTestAccuracyCountsTheTrueDigits() throws Exception {
        ExperimentSpec spec = Experiments.sample("digits-mlp-label-smoothing.json").withSteps(300)
                .withData(new ExperimentSpec.Component("digits", java.util.Map.of("labelNoise", 0.4)));
        Recorder r = runToEnd(Experiments.resolve(spec).setup());
        // 40 % of the training labels are wrong, so agreeing with them tops out near 60 %; the clean test labels
        // show that the model still learned most of the true digits
        assertThat(r.last("train/accuracy")).isLessThan(0.7);
        assertThat(r.last("test/accuracy")).isGreaterThan(0.8).isGreaterThan(r.last("train/accuracy") + 0.15);
    }

    @Test
    void lastReportIsTheDetailOfTheLatestEvaluation() throws Exception {
        try (TrainingRun run = new TrainingRun(spirals("pytorch", 10))) {
            assertThat(run.lastReport()).isNull();
            run.trainStep();
            List<MetricPoint> points = run.evaluate(false);
            assertThat(run.lastReport().step()).isEqualTo(1);
            double ece = points.stream().filter(p -> p.key().equals("val/ECE")).findFirst().orElseThrow().value();
            assertThat(run.lastReport().split("val").orElseThrow().ece()).isEqualTo(ece);
        }
    }
}
