package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.analysis.RegressionMetrics;
import org.losslab.data.Dataset;
import org.losslab.engine.Engines;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;

/** The training loop on the regression task: targets in, predictions out, and the clean sine learned. */
class RegressionTrainingTest {

    static List<String> engines() {
        return Engines.ids();
    }

    /** sin(2πx) with a little constant noise and no outliers: any sound regression loss must recover it. */
    static TrainingSetup sine(String engine, String loss, long steps) throws Exception {
        ExperimentSpec spec = Experiments.sample("regression-outliers.json").withEngine(engine).withSteps(steps)
                .withData(new ExperimentSpec.Component("function-1d", Map.of("n", 400, "function", "sine",
                        "noise", 0.05, "noiseShape", "constant", "outliers", 0.0)))
                .withLoss(ExperimentSpec.LossChoice.single(loss));
        return Experiments.resolve(spec).setup();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void learnsTheSineOnEveryEngine(String engine) throws Exception {
        TrainingSetup setup = sine(engine, "mse", 1200);
        try (TrainingRun run = new TrainingRun(setup)) {
            List<MetricPoint> before = run.evaluate(true);
            for (int i = 0; i < setup.steps(); i++) {
                assertThat(run.trainStep()).isTrue();
            }
            List<MetricPoint> after = run.evaluate(true);
            Map<String, Double> values = after.stream().collect(Collectors.toMap(MetricPoint::key,
                    MetricPoint::value));
            assertThat(values.keySet()).isEqualTo(Set.of("train/loss", "val/loss", "val/mse", "val/mae", "val/r2",
                    "test/loss", "test/mse", "test/mae", "test/r2"));
            // sin(2πx) has variance 1/2: an untrained model explains none of it, a fitted one nearly all
            assertThat(value(before, "test/r2")).isLessThan(0.2);
            assertThat(values.get("test/mse")).isLessThan(0.02);
            assertThat(values.get("test/r2")).isGreaterThan(0.95);
            // with mse as the loss, the validation loss is the validation MSE itself
            assertThat(values.get("val/loss")).isCloseTo(values.get("val/mse"), within(1e-6));

            Dataset test = setup.data().test().orElseThrow();
            RegressionMetrics direct = run.regressionMetricsOn(test);
            assertThat(direct.mse()).isCloseTo(values.get("test/mse"), within(1e-12));
            assertThat(direct.r2()).isCloseTo(1 - direct.mse() * test.size() / sumOfSquares(test), within(1e-9));
            assertThat(run.evaluateOn(test)[1]).isNaN();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void maeTrainsOnRegressionInputsToo(String engine) throws Exception {
        TrainingSetup setup = sine(engine, "mae", 300);
        try (TrainingRun run = new TrainingRun(setup)) {
            double before = run.regressionMetricsOn(setup.data().validation()).mae();
            for (int i = 0; i < setup.steps(); i++) {
                run.trainStep();
            }
            double after = run.regressionMetricsOn(setup.data().validation()).mae();
            assertThat(after).isLessThan(0.6 * before);
        }
    }

    private static double sumOfSquares(Dataset d) {
        double[] y = d.targets();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        return ss;
    }

    private static double value(List<MetricPoint> points, String key) {
        return points.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow().value();
    }
}
