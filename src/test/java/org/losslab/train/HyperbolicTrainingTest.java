package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.losslab.engine.Engines;
import org.losslab.engine.Precision;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Poincaré MLP trained by the ordinary loop: it learns, and hyp-ce and cross-entropy train it identically. */
class HyperbolicTrainingTest {

    static List<String> engines() {
        return Engines.ids();
    }

    /** The bundled hyperbolic sample on three blobs (its default), shortened. */
    static TrainingSetup blobs(String engine, String loss, long steps) throws Exception {
        ExperimentSpec spec = Experiments.sample("blobs-hyperbolic.json")
                .withData(new ExperimentSpec.Component("blobs", Map.of("n", 600, "classes", 3)))
                .withLoss(ExperimentSpec.LossChoice.single(loss))
                .withEngine(engine)
                .withSteps(steps)
                .withSeed(11);
        return Experiments.resolve(spec).setup();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void poincareMlpWithHypCeLearnsTheBlobs(String engine) throws Exception {
        List<MetricPoint> points = TrainingRunTest.runToEnd(blobs(engine, "hyp-ce", 200), Precision.FLOAT32);
        assertThat(TrainingRunTest.last(points, "val/accuracy")).isGreaterThanOrEqualTo(0.9);
        assertThat(TrainingRunTest.last(points, "val/loss"))
                .isLessThan(0.5 * TrainingRunTest.first(points, "val/loss"));
    }

    @Test
    void hypCeAndCrossEntropyTrainThePoincareMlpIdentically() throws Exception {
        String engine = Engines.ids().get(0);
        List<MetricPoint> hyperbolic = TrainingRunTest.runToEnd(blobs(engine, "hyp-ce", 40), Precision.FLOAT64);
        List<MetricPoint> euclidean = TrainingRunTest.runToEnd(blobs(engine, "cross-entropy", 40), Precision.FLOAT64);
        assertThat(hyperbolic).hasSameSizeAs(euclidean);
        for (int i = 0; i < hyperbolic.size(); i++) {
            assertThat(hyperbolic.get(i).key()).isEqualTo(euclidean.get(i).key());
            assertThat(hyperbolic.get(i).value()).as(hyperbolic.get(i).key() + " at step " + hyperbolic.get(i).step())
                    .isCloseTo(euclidean.get(i).value(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
