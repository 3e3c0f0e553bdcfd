package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.param.InvalidParameterException;
import org.losslab.ui.ExperimentEditor.Part;

class ExperimentEditorTest {
    private static final List<String> ENGINES = List.of("nd4j", "pytorch");

    private static ExperimentEditor defaultEditor() {
        return new ExperimentEditor(Experiments.defaultExperiment(), ENGINES);
    }

    @Test
    void theDefaultExperimentRoundTripsAndResolves() throws Exception {
        ExperimentEditor e = defaultEditor();
        assertThat(e.id(Part.DATA)).isEqualTo("spirals");
        assertThat(e.id(Part.MODEL)).isEqualTo("mlp");
        assertThat(e.id(Part.LOSS)).isEqualTo("cross-entropy");
        assertThat(e.steps()).isEqualTo(2000);
        ExperimentSpec spec = e.toSpec();
        assertThat(spec.data().params()).containsEntry("n", 600);
        assertThat(spec.optimizer().kind()).isEqualTo("adam");
        assertThat(spec.snapshotEvery()).isEqualTo(25);
        ResolvedExperiment r = Experiments.resolve(spec);
        assertThat(r.setup().model().outputs()).isEqualTo(2);
        // Through JSON and back: the same experiment.
        assertThat(Experiments.parse(Experiments.toJson(spec), "saved")).isEqualTo(spec);
    }

    @Test
    void anInvalidHyperparameterIsRefusedByNameAndTheOldValueStays() {
        ExperimentEditor e = defaultEditor();
        e.select(Part.LOSS, "focal");
        assertThat(e.value(Part.LOSS, "gamma")).isEqualTo(2.0);
        assertThatThrownBy(() -> e.setParam(Part.LOSS, "gamma", "-1"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("loss 'focal'")
                .hasMessageContaining("'gamma'")
                .hasMessageContaining("[0, ∞)");
        assertThatThrownBy(() -> e.setParam(Part.LOSS, "gamma", "lots")).hasMessageContaining("must be a number");
        assertThat(e.value(Part.LOSS, "gamma")).isEqualTo(2.0);
        e.setParam(Part.LOSS, "gamma", " 0.5 ");
        assertThat(e.toSpec().loss().id()).isEqualTo("focal");
        assertThat(e.toSpec().loss().params()).containsEntry("gamma", 0.5);
        assertThatThrownBy(() -> e.setParam(Part.LOSS, "beta", "1"))
                .hasMessageContaining("'beta'")
                .hasMessageContaining("known parameters: [gamma, alpha]");
    }

    @Test
    void datasetAndModelParametersAreCheckedByTheirSpecs() {
        ExperimentEditor e = defaultEditor();
        assertThatThrownBy(() -> e.setParam(Part.DATA, "noise", "1.5"))
                .hasMessageContaining("dataset 'spirals'").hasMessageContaining("'noise'").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> e.setParam(Part.MODEL, "layers", "2.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> e.setParam(Part.MODEL, "activation", "sigmoid")).hasMessageContaining("[relu, tanh, gelu]");
        e.setParam(Part.MODEL, "width", "8");
        assertThat(e.toSpec().model().params()).containsEntry("width", 8);
    }

    @Test
    void pickingAnotherComponentStartsFromItsDefaults() {
        ExperimentEditor e = defaultEditor();
        e.setParam(Part.MODEL, "width", "8");
        e.select(Part.MODEL, "cnn");
        assertThat(e.toSpec().model().params()).isEmpty();
        assertThat(e.paramSpecs(Part.MODEL)).extracting(p -> p.name()).contains("channels1");
        assertThatThrownBy(() -> e.select(Part.LOSS, "no-such-loss")).hasMessageContaining("known losses");
        assertThat(e.id(Part.LOSS)).isEqualTo("cross-entropy");
    }

    @Test
    void toolbarFieldsAreValidatedAndNeverClamped() {
        ExperimentEditor e = defaultEditor();
        assertThatThrownBy(() -> e.setLearningRate("0")).hasMessageContaining("'learningRate'").hasMessageContaining("(0, ∞)");
        assertThatThrownBy(() -> e.setLearningRate("fast")).hasMessageContaining("must be a number");
        assertThat(e.learningRate()).isEqualTo(0.01);
        e.setLearningRate("0.003");
        assertThat(e.toSpec().optimizer().learningRate()).isEqualTo(0.003);
        assertThatThrownBy(() -> e.setBatchSize("0")).hasMessageContaining("'batchSize'").hasMessageContaining("[1, 100000]");
        assertThatThrownBy(() -> e.setSteps("-5")).hasMessageContaining("'steps'");
        e.setSteps("5,000");
        assertThat(e.steps()).isEqualTo(5000);
        assertThatThrownBy(() -> e.setSeed("4.2")).hasMessageContaining("'seed'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> e.setEngine("tensorflow")).hasMessageContaining("[nd4j, pytorch]");
        assertThatThrownBy(() -> e.setOptimizer("rmsprop")).hasMessageContaining("[adam, adamw, sgd]");
        assertThat(e.batchSize()).isEqualTo(64);
    }

    @Test
    void aWeightedSumFromAFileIsKeptUntilASingleLossIsPicked() throws Exception {
        ExperimentEditor e = new ExperimentEditor(Experiments.sample("spirals-composite.json"), ENGINES);
        assertThat(e.lossIsComposite()).isTrue();
        assertThat(e.compositeLabel()).isEqualTo("0.7·cross-entropy + 0.3·mae");
        assertThat(e.paramSpecs(Part.LOSS)).isEmpty();
        assertThat(e.toSpec().loss().terms()).hasSize(2);
        // Settings of the optimizer kind in the file survive while the kind stays.
        assertThat(e.toSpec().optimizer().weightDecay()).isEqualTo(1e-4);
        Experiments.resolve(e.toSpec());
        e.select(Part.LOSS, "cross-entropy");
        assertThat(e.lossIsComposite()).isFalse();
        assertThat(e.toSpec().loss().id()).isEqualTo("cross-entropy");
        assertThat(e.toSpec().loss().terms()).isEmpty();
        e.setOptimizer("sgd");
        assertThat(e.toSpec().optimizer().weightDecay()).isNull();
    }
}
