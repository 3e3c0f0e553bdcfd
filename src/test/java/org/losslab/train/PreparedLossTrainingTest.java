package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.losslab.engine.Precision;
import org.losslab.experiment.ExperimentException;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/**
 * Losses whose helpers are computed from the predictions between the forward pass and the loss (EnsLoss's random
 * derivatives, ALDR-KL's per-instance λ) train through {@link TrainingRun}, reproducibly.
 */
class PreparedLossTrainingTest {

    private static TrainingSetup setup(String data, Map<String, Object> dataParams, String loss, long steps)
            throws Exception {
        ExperimentSpec spec = Experiments.defaultExperiment()
                .withData(new ExperimentSpec.Component(data, dataParams))
                .withLoss(ExperimentSpec.LossChoice.single(loss))
                .withEngine("pytorch").withSteps(steps).withSeed(3);
        return Experiments.resolve(spec).setup();
    }

    @Test
    void ensLossLearnsTwoMoonsAndIsReproducible() throws Exception {
        TrainingSetup setup = setup("moons", Map.of("n", 400), "ensloss", 300);
        List<MetricPoint> first = TrainingRunTest.runToEnd(setup, Precision.FLOAT32);
        List<MetricPoint> again = TrainingRunTest.runToEnd(setup, Precision.FLOAT32);
        assertThat(TrainingRunTest.last(first, "val/accuracy")).isGreaterThan(0.85);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void adaptiveLdrKlLearnsSpirals() throws Exception {
        TrainingSetup setup = setup("spirals", Map.of("n", 400), "aldr-kl", 500);
        List<MetricPoint> points = TrainingRunTest.runToEnd(setup, Precision.FLOAT32);
        assertThat(TrainingRunTest.last(points, "val/accuracy")).isGreaterThan(0.9);
    }

    @Test
    void aBinaryOnlyLossOnThreeClassesIsRefusedNamingTheLoss() {
        ExperimentException e = Assertions.assertThrows(ExperimentException.class,
                () -> setup("blobs", Map.of("classes", 3), "ensloss", 10));
        assertThat(e.field()).isEqualTo("loss");
        assertThat(e.getMessage()).contains("ensloss").contains("binary").contains("3 classes");
    }
}
