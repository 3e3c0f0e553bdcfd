package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSplit;
import org.losslab.engine.Engines;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;
import org.losslab.model.SmallCnn;
import org.losslab.train.RunControl;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;

/** The landscape evaluator: the centre is the model's loss, and the batched grid equals the per-point grid. */
class LandscapeEvaluatorTest {

    static List<String> engines() {
        return Engines.ids();
    }

    private static DataSplit spirals() {
        return DataCatalog.get("spirals").load(Map.of("n", 300, "arms", 3, "noise", 0.03), 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theGridCentreIsTheLossTrainingReportsOnTheProbeRows(String engine) throws Exception {
        DataSplit data = spirals();
        Mlp mlp = new Mlp(new int[] {2}, 2, 16, "relu", 0.0, 3);
        WeightedLoss loss = WeightedLoss.of("cross-entropy");
        TrainingSetup setup = new TrainingSetup(engine, data, mlp, loss, OptimizerConfig.adam(0.01), 32, 60, 3, 1000,
                1000);
        double[] theta;
        double reported;
        try (TrainingRun run = new TrainingRun(setup, Precision.FLOAT64)) {
            run.run(new RunControl(), new TrainingListener() {});
            theta = ParameterVector.flatten(mlp.parameterShapes(), run.snapshot().parameters());
            reported = run.evaluateOn(data.train())[0];
        }
        // The training set has fewer rows than the probe batch, so the probe batch is the whole set.
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engine, Precision.FLOAT64, mlp, loss, data.train(),
                512, 1)) {
            assertThat(evaluator.probeRows()).isEqualTo(data.train().size());
            LandscapeDirections dirs = LandscapeDirections.randomFilterNormalised(mlp.parameterShapes(), theta, 4);
            LandscapeGrid grid = evaluator.grid(theta, dirs, 5, 1.0, 60);
            assertThat(grid.alphas()[2]).isZero();
            assertThat(grid.centreLoss()).isCloseTo(reported, within(1e-10 * reported));
            assertThat(grid.loss(2, 2)).isCloseTo(reported, within(1e-9 * reported));
            assertThat(grid.loss(0, 0)).isGreaterThan(reported);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void batchedAndPerPointGridsAgree(String engine) {
        DataSplit data = spirals();
        Mlp mlp = new Mlp(new int[] {2}, 2, 12, "tanh", 0.0, 3);
        double[] theta = ParameterVector.flatten(mlp.parameterShapes(), mlp.initialParameters(new Random(2)));
        for (String id : List.of("cross-entropy", "mae", "focal")) {
            WeightedLoss loss = WeightedLoss.of(id);
            try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engine, Precision.FLOAT64, mlp, loss,
                    data.train(), 100, 3)) {
                assertThat(evaluator.probeRows()).isEqualTo(100);
                LandscapeDirections dirs = LandscapeDirections.randomFilterNormalised(mlp.parameterShapes(), theta, 9);
                LandscapeGrid batched = evaluator.grid(theta, dirs, 9, 1.5, 0, true);
                LandscapeGrid perPoint = evaluator.grid(theta, dirs, 9, 1.5, 0, false);
                assertThat(batched.evaluation()).as(id).isEqualTo(LandscapeGrid.BATCHED);
                assertThat(perPoint.evaluation()).isEqualTo(LandscapeGrid.PER_POINT);
                double[] a = batched.losses();
                double[] b = perPoint.losses();
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as(id + " point " + i).isCloseTo(b[i], within(1e-5 * Math.abs(b[i])));
                }
                assertThat(a[0]).isNotEqualTo(a[a.length - 1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void slicesAndInterpolationsPassThroughTheirEnds(String engine) {
        DataSplit data = spirals();
        Mlp mlp = new Mlp(new int[] {2}, 1, 8, "relu", 0.0, 3);
        double[] a = ParameterVector.flatten(mlp.parameterShapes(), mlp.initialParameters(new Random(2)));
        double[] b = ParameterVector.flatten(mlp.parameterShapes(), mlp.initialParameters(new Random(3)));
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engine, Precision.FLOAT64, mlp,
                WeightedLoss.of("cross-entropy"), data.train(), 64, 3)) {
            LossCurve line = evaluator.interpolate(a, b, 9);
            assertThat(line.t()[0]).isEqualTo(-0.5);
            assertThat(line.t()[8]).isEqualTo(1.5);
            // t = 0 and t = 1 are the 3rd and 7th points of 9 from −0.5 to 1.5.
            assertThat(line.losses()[2]).isCloseTo(evaluator.loss(a), within(1e-9));
            assertThat(line.losses()[6]).isCloseTo(evaluator.loss(b), within(1e-9));
            LossCurve slice = evaluator.slice(a, ParameterVector.minus(b, a), 5, 1.0);
            assertThat(slice.losses()[2]).isCloseTo(evaluator.loss(a), within(1e-9));
            assertThat(slice.losses()[4]).isCloseTo(evaluator.loss(b), within(1e-9));
            assertThat(slice.evaluation()).isEqualTo(LandscapeGrid.BATCHED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aModelWithoutAStackedPassIsEvaluatedPointByPointAndSaysSo(String engine) {
        DataSplit data = DataCatalog.get("digits").load(Map.of(), 1);
        SmallCnn cnn = new SmallCnn(data.train().featureShape(), 2, 4, "relu", data.train().numClasses());
        double[] theta = ParameterVector.flatten(cnn.parameterShapes(), cnn.initialParameters(new Random(1)));
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engine, Precision.FLOAT32, cnn,
                WeightedLoss.of("cross-entropy"), data.train(), 32, 3)) {
            LandscapeGrid grid = evaluator.grid(theta,
                    LandscapeDirections.randomFilterNormalised(cnn.parameterShapes(), theta, 1), 3, 1.0, 0);
            assertThat(grid.evaluation()).isEqualTo(LandscapeGrid.PER_POINT);
            assertThat(evaluator.whyPerPoint()).hasValueSatisfying(w -> assertThat(w).contains("no stacked"));
            assertThat(grid.loss(1, 1)).isCloseTo(grid.centreLoss(), within(1e-5 * grid.centreLoss()));
        }
    }
}
