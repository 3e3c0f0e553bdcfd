package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.data.Task;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.viz.FittedFunction;

/** The task choice in the editor, and the data the fitted-function view is built from; no JavaFX stage needed. */
class RegressionTaskTest {
    private static final List<String> ENGINES = List.of("pytorch", "nd4j");

    @Test
    void switchingToRegressionBringsRegressionDataAndADefaultLoss() {
        ExperimentEditor editor = new ExperimentEditor(Experiments.defaultExperiment(), ENGINES);
        assertThat(editor.task()).isEqualTo(Task.CLASSIFICATION);
        editor.setTask(Task.REGRESSION);
        ExperimentSpec spec = editor.toSpec();
        assertThat(spec.task()).isEqualTo("regression");
        assertThat(spec.data().id()).isEqualTo("function-1d");
        assertThat(spec.loss().id()).isEqualTo("mse");
        editor.setTask(Task.CLASSIFICATION);
        assertThat(editor.toSpec().data().id()).isEqualTo("spirals");
        assertThat(editor.toSpec().loss().id()).as("mse fits both tasks").isEqualTo("mse");
    }

    @Test
    void aLossThatFitsBothTasksIsKept() {
        ExperimentEditor editor = new ExperimentEditor(Experiments.defaultExperiment(), ENGINES);
        editor.select(ExperimentEditor.Part.LOSS, "mae");
        editor.setTask(Task.REGRESSION);
        assertThat(editor.toSpec().loss().id()).isEqualTo("mae");
    }

    @Test
    void pickingRegressionDataSwitchesTheTask() {
        ExperimentEditor editor = new ExperimentEditor(Experiments.defaultExperiment(), ENGINES);
        editor.select(ExperimentEditor.Part.DATA, "function-2d");
        assertThat(editor.task()).isEqualTo(Task.REGRESSION);
        assertThat(editor.toSpec().data().id()).isEqualTo("function-2d");
        assertThat(editor.toSpec().loss().id()).isEqualTo("mse");
    }

    @Test
    void aRegressionFileRoundTripsThroughTheEditor() throws Exception {
        ExperimentSpec sample = Experiments.sample("regression-2d-mae.json");
        ExperimentEditor editor = new ExperimentEditor(sample, ENGINES);
        assertThat(editor.task()).isEqualTo(Task.REGRESSION);
        assertThat(editor.toSpec()).isEqualTo(sample);
    }

    @Test
    void theViewDataOfTheOutlierSampleHasTheTrueSineAndTheMarkedOutliers() throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.sample("regression-outliers.json"));
        RegressionData d = RegressionData.of(r);
        assertThat(d.inputDims()).isEqualTo(1);
        assertThat(d.min()).isEqualTo(-1.0);
        assertThat(d.max()).isEqualTo(1.0);
        assertThat(d.truth().formula()).isEqualTo("sin(2πx)");
        assertThat(d.outlierCount()).isEqualTo(r.setup().data().train().outlierCount()).isPositive();
        assertThat(d.trainSize()).isEqualTo(r.setup().data().train().size());
        assertThat(d.allPoints()).hasSize(d.trainSize() + d.validationSize());
        assertThat(d.validationY()[0]).isEqualTo(d.truth().at(d.validationX()[0]));
        assertThat(PlaneData.of(r.setup().data())).isNull();
    }

    @Test
    void aSurfaceHasTwoInputsAndNoDecisionBoundary() throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.sample("regression-2d-mae.json"));
        RegressionData d = RegressionData.of(r);
        assertThat(d.inputDims()).isEqualTo(2);
        assertThat(d.trainX()).hasSize(2 * d.trainSize());
        assertThat(PlaneData.of(r.setup().data())).isNull();
        assertThat(RegressionData.of(Experiments.resolve(Experiments.defaultExperiment()))).isNull();
    }

    @Test
    void fittedFunctionGridsAreCheckedAndCopied() {
        double[] values = {1, 2, 3};
        FittedFunction f = new FittedFunction(1, new double[] {0, 0.5, 1}, new double[] {0}, values, null, 4, 1_000_000);
        values[0] = 99;
        assertThat(f.value(0, 0)).isEqualTo(1);
        assertThat(f.valueRange()).containsExactly(1, 3);
        assertThat(f.costMillis()).isEqualTo(1.0);
        assertThatThrownBy(() -> new FittedFunction(2, new double[] {0, 1},
                new double[] {0}, new double[2], null, 0, 0)).hasMessageContaining("does not fit 2 input(s)");
        assertThatThrownBy(() -> new FittedFunction(1, new double[] {0, 1},
                new double[] {0}, new double[3], null, 0, 0)).hasMessageContaining("needs 2 values, got 3");
    }

    @Test
    void axisTicksAreRoundValuesInsideTheRange() {
        assertThat(RegressionView.ticks(-1, 1)).containsExactly(new double[] {-1, -0.5, 0, 0.5, 1}, within(1e-12));
        assertThat(RegressionView.ticks(0.03, 0.97)).containsExactly(new double[] {0.2, 0.4, 0.6, 0.8},
                within(1e-12));
        assertThat(RegressionView.ticks(-3.2, 12)).containsExactly(new double[] {0, 5, 10}, within(1e-12));
        assertThat(RegressionView.ticks(1, 1)).isEmpty();
    }
}
