package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.losslab.data.Task;
import org.losslab.loss.Family;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossSpec;

/** The regression task in experiment files: what resolves, and every mismatch refused by field. */
class RegressionExperimentsTest {

    private static ExperimentException refusal(ExperimentSpec spec) {
        try {
            Experiments.resolve(spec);
        } catch (ExperimentException e) {
            return e;
        }
        throw new AssertionError("accepted: " + Experiments.toJson(spec));
    }

    private static ExperimentSpec sample() throws ExperimentException {
        return Experiments.sample("regression-outliers.json");
    }

    @Test
    void theSamplesResolveToRegressionWithOneOutputPerTarget() throws Exception {
        for (String name : List.of("regression-outliers.json", "regression-2d-mae.json")) {
            ResolvedExperiment r = Experiments.resolve(Experiments.sample(name));
            assertThat(r.setup().data().train().task()).as(name).isEqualTo(Task.REGRESSION);
            assertThat(r.setup().model().outputs()).as(name).isEqualTo(1);
        }
        ResolvedExperiment r = Experiments.resolve(sample());
        assertThat(r.setup().data().train().outlierCount()).isEqualTo(72); // 20 % of 360 training points
        assertThat(r.setup().data().test()).isPresent();
    }

    @Test
    void aClassificationLossOnRegressionIsRefusedNamingLossIdAndTheChoices() throws Exception {
        ExperimentException e = refusal(sample().withLoss(ExperimentSpec.LossChoice.single("cross-entropy")));
        assertThat(e.field()).isEqualTo("loss.id");
        assertThat(e.getMessage()).contains("'cross-entropy'").contains("not to the regression task")
                .contains("mse").contains("mae");
    }

    @Test
    void aTermOfAWeightedSumIsRefusedByItsIndex() throws Exception {
        ExperimentSpec.LossChoice sum = new ExperimentSpec.LossChoice(null, Map.of(), List.of(
                new ExperimentSpec.Term("mse", 1.0, Map.of()), new ExperimentSpec.Term("focal", 0.5, Map.of())));
        ExperimentException e = refusal(sample().withLoss(sum));
        assertThat(e.field()).isEqualTo("loss.terms[1].id");
        assertThat(e.getMessage()).contains("'focal'");
    }

    @Test
    void mseAndMaeTrainRegressionAndTheRegressionFamilyToo() throws Exception {
        for (String id : List.of("mse", "mae")) {
            ResolvedExperiment r = Experiments.resolve(sample().withLoss(ExperimentSpec.LossChoice.single(id)));
            assertThat(r.setup().loss().label()).isEqualTo(id);
        }
        LossSpec regression = LossSpec.builder("some-robust-loss", "x", Family.REGRESSION).input("pred").build();
        assertThat(TaskLosses.accepts(Task.REGRESSION, regression)).isTrue();
        assertThat(TaskLosses.accepts(Task.CLASSIFICATION, regression)).isFalse();
        assertThat(TaskLosses.ids(Task.REGRESSION)).contains("mse", "mae").doesNotContain("cross-entropy");
        assertThat(TaskLosses.ids(Task.CLASSIFICATION)).contains("cross-entropy", "mse");
    }

    @Test
    void aRegressionLossOnClassificationIsRefusedNamingLossId() throws Exception {
        LossFunction robust = LossCatalog.get().all().stream()
                .filter(l -> l.spec().family() == Family.REGRESSION).findFirst().orElse(null);
        Assumptions.assumeTrue(robust != null, "no loss of the regression family in the catalogue yet");
        ExperimentException e = refusal(Experiments.defaultExperiment()
                .withLoss(ExperimentSpec.LossChoice.single(robust.spec().id())));
        assertThat(e.field()).isEqualTo("loss.id");
        assertThat(e.getMessage()).contains("not to the classification task");
    }

    @Test
    void dataOfTheOtherTaskIsRefusedNamingDataId() throws Exception {
        ExperimentException e = refusal(sample().withData(new ExperimentSpec.Component("spirals", Map.of())));
        assertThat(e.field()).isEqualTo("data.id");
        assertThat(e.getMessage()).contains("'spirals' is for classification").contains("function-1d")
                .contains("function-2d");
        ExperimentException reverse = refusal(Experiments.defaultExperiment()
                .withData(new ExperimentSpec.Component("function-1d", Map.of())));
        assertThat(reverse.field()).isEqualTo("data.id");
        assertThat(reverse.getMessage()).contains("is for regression, but the task is classification")
                .contains("spirals");
    }

    @Test
    void anUnknownTaskIsRefusedNamingTask() throws Exception {
        String json = Experiments.toJson(sample()).replace("\"regression\"", "\"regresion\"");
        ExperimentException e = refusal(Experiments.parse(json, "test.json"));
        assertThat(e.field()).isEqualTo("task");
        assertThat(e.getMessage()).contains("regresion").contains("classification").contains("regression");
    }

    @Test
    void aBadGeneratorParameterIsRefusedByField() throws Exception {
        ExperimentSpec spec = sample().withData(new ExperimentSpec.Component("function-1d",
                Map.of("outlierDirection", "sideways")));
        ExperimentException e = refusal(spec);
        assertThat(e.field()).isEqualTo("data.params.outlierDirection");
        assertThat(e.getMessage()).contains("sideways");
    }

    @Test
    void withoutALossARegressionExperimentTrainsWithMse() throws Exception {
        ResolvedExperiment r = Experiments.resolve(sample().withLoss(null));
        assertThat(r.setup().loss().label()).isEqualTo("mse");
    }
}
