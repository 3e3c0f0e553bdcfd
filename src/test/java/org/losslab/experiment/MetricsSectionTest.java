package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.losslab.train.MetricSettings;

/** The experiment file's {@code metrics} section: read, checked by field, carried to the training setup. */
class MetricsSectionTest {

    private static ExperimentSpec spiralsWith(String metricsJson) throws ExperimentException {
        String json = Experiments.toJson(Experiments.defaultExperiment()).trim();
        json = json.substring(0, json.length() - 1) + ", \"metrics\": " + metricsJson + " }";
        return Experiments.parse(json, "test.json");
    }

    private static ExperimentSpec digitsWith(ExperimentSpec.Metrics metrics) throws ExperimentException {
        ExperimentSpec d = Experiments.sample("digits-mlp-label-smoothing.json");
        return new ExperimentSpec(d.version(), d.name(), d.description(), d.seed(), d.engine(), d.task(), d.data(),
                d.model(), d.loss(), d.optimizer(), d.batchSize(), d.steps(), d.evalEvery(), d.snapshotEvery(), null,
                null, metrics, null);
    }

    @Test
    void absentSectionGivesTheDefaults() throws Exception {
        assertThat(Experiments.resolve(Experiments.defaultExperiment()).setup().metrics())
                .isEqualTo(MetricSettings.DEFAULT);
    }

    @Test
    void givenValuesReachTheSetupAndSurviveARoundTrip() throws Exception {
        ExperimentSpec spec = spiralsWith("{ \"topK\": 1, \"passAtN\": 8, \"calibrationBins\": 10 }");
        assertThat(Experiments.resolve(spec).setup().metrics()).isEqualTo(new MetricSettings(1, 8, 10));
        assertThat(Experiments.parse(Experiments.toJson(spec), "again").metrics())
                .isEqualTo(new ExperimentSpec.Metrics(1, 8, 10));
        // a partial section keeps the other defaults
        assertThat(Experiments.resolve(spiralsWith("{ \"passAtN\": 3 }")).setup().metrics())
                .isEqualTo(new MetricSettings(0, 3, 15));
    }

    @Test
    void topKMayReachTheClassCountButNotPassIt() throws Exception {
        assertThat(Experiments.resolve(digitsWith(new ExperimentSpec.Metrics(10, null, null))).setup().metrics()
                .topKFor(10)).isEqualTo(10);
        assertThatThrownBy(() -> Experiments.resolve(digitsWith(new ExperimentSpec.Metrics(11, null, null))))
                .isInstanceOf(ExperimentException.class)
                .hasMessageStartingWith("metrics.topK:").hasMessageContaining("10 classes").hasMessageContaining("11");
        assertThatThrownBy(() -> Experiments.resolve(spiralsWith("{ \"topK\": 3 }")))
                .hasMessageStartingWith("metrics.topK:").hasMessageContaining("2 classes");
        assertThatThrownBy(() -> Experiments.resolve(spiralsWith("{ \"topK\": 0 }")))
                .hasMessageStartingWith("metrics.topK:");
    }

    @Test
    void passAtNAndBinsAreRefusedByFieldOutsideTheirRange() throws Exception {
        assertThatThrownBy(() -> Experiments.resolve(spiralsWith("{ \"passAtN\": 0 }")))
                .isInstanceOf(ExperimentException.class).hasMessageStartingWith("metrics.passAtN:")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Experiments.resolve(spiralsWith("{ \"calibrationBins\": 1 }")))
                .hasMessageStartingWith("metrics.calibrationBins:").hasMessageContaining("between 2 and 100");
        assertThatThrownBy(() -> Experiments.resolve(spiralsWith("{ \"calibrationBins\": 101 }")))
                .hasMessageStartingWith("metrics.calibrationBins:");
        assertThat(Experiments.resolve(spiralsWith("{ \"calibrationBins\": 2 }")).setup().metrics()
                .calibrationBins()).isEqualTo(2);
        assertThat(Experiments.resolve(spiralsWith("{ \"calibrationBins\": 100 }")).setup().metrics()
                .calibrationBins()).isEqualTo(100);
    }

    @Test
    void anUnknownFieldInTheSectionIsNamed() {
        assertThatThrownBy(() -> spiralsWith("{ \"top_k\": 3 }"))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("top_k");
    }

    @Test
    void labelNoiseIsReadFromTheDataParameters() throws Exception {
        ExperimentSpec clean = Experiments.defaultExperiment();
        assertThat(Experiments.resolve(clean).trainingLabelNoise()).isZero();
        ExperimentSpec.Component noisy = new ExperimentSpec.Component("spirals", java.util.Map.of("labelNoise", 0.2));
        assertThat(Experiments.resolve(clean.withData(noisy)).trainingLabelNoise()).isEqualTo(0.2);
        assertThat(Experiments.resolve(Experiments.sample("digits-mlp-label-smoothing.json")).trainingLabelNoise())
                .as("digits have no label noise parameter").isZero();
    }
}
