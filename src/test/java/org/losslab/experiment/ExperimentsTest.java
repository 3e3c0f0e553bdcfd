package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Experiment files: every sample resolves, round trips, and every kind of bad input is refused by field. */
class ExperimentsTest {

    static java.util.List<String> samples() {
        return Experiments.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyBundledSampleResolves(String name) throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.sample(name));
        assertThat(r.setup().steps()).isPositive();
        assertThat(r.setup().model().outputs()).isEqualTo(r.setup().data().train().modelOutputs());
    }

    @Test
    void samplesOnDiskAreTheOnesOnTheClasspath() throws Exception {
        for (String name : Experiments.samples()) {
            assertThat(Experiments.read(Path.of("samples", name))).isEqualTo(Experiments.sample(name));
        }
    }

    @Test
    void theDefaultIsSpiralsMlpCrossEntropy() throws Exception {
        ExperimentSpec spec = Experiments.defaultExperiment();
        assertThat(spec.data().id()).isEqualTo("spirals");
        assertThat(spec.model().id()).isEqualTo("mlp");
        assertThat(spec.loss().id()).isEqualTo("cross-entropy");
    }

    @Test
    void jsonRoundTrip(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = Experiments.sample("spirals-composite.json");
        Path file = dir.resolve("x.json");
        Experiments.write(spec, file);
        assertThat(Experiments.read(file)).isEqualTo(spec);
    }

    private static ExperimentException refusal(String json) {
        try {
            Experiments.resolve(Experiments.parse(json, "test.json"));
        } catch (ExperimentException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String withDefault(String from, String to) throws Exception {
        String json = Experiments.toJson(Experiments.defaultExperiment());
        assertThat(json).contains(from);
        return json.replace(from, to);
    }

    @Test
    void unknownLossIdIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"cross-entropy\"", "\"cross-entropi\""));
        assertThat(e.field()).isEqualTo("loss.id");
        assertThat(e.getMessage()).contains("cross-entropi").contains("known losses");
    }

    @Test
    void unknownDatasetIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"spirals\"", "\"spiralz\""));
        assertThat(e.field()).isEqualTo("data.id");
    }

    @Test
    void outOfRangeHyperparameterIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"id\" : \"cross-entropy\"",
                "\"id\" : \"focal\", \"params\" : { \"gamma\" : -1 }"));
        assertThat(e.field()).isEqualTo("loss.params.gamma");
        assertThat(e.getMessage()).contains("gamma").contains("-1");
    }

    @Test
    void unknownHyperparameterIsRefusedByName() throws Exception {
        ExperimentException e = refusal(withDefault("\"id\" : \"cross-entropy\"",
                "\"id\" : \"focal\", \"params\" : { \"gama\" : 2 }"));
        assertThat(e.getMessage()).contains("gama").contains("gamma");
    }

    @Test
    void negativeLearningRateIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"learningRate\" : 0.01", "\"learningRate\" : -0.5"));
        assertThat(e.field()).isEqualTo("optimizer.learningRate");
    }

    @Test
    void unknownFieldIsRefusedByName() throws Exception {
        ExperimentException e = refusal(withDefault("\"steps\" : 2000", "\"steps\" : 2000, \"epochs\" : 3"));
        assertThat(e.getMessage()).contains("epochs");
    }

    @Test
    void wrongTypeIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"batchSize\" : 64", "\"batchSize\" : \"many\""));
        assertThat(e.field()).isEqualTo("batchSize");
    }

    @Test
    void malformedJsonSaysWhere() {
        ExperimentException e = refusal("{\n  \"name\": \"x\",\n  \"seed\": \n}");
        assertThat(e.getMessage()).contains("not valid JSON").contains("line 4");
    }

    @Test
    void emptyAndMissingFilesAreRefused(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Experiments.read(empty)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Experiments.read(dir.resolve("nope.json"))).hasMessageContaining("not found");
    }

    @Test
    void unknownEngineIsRefusedByField() throws Exception {
        ExperimentException e = refusal(withDefault("\"engine\" : \"pytorch\"", "\"engine\" : \"tensorflow\""));
        assertThat(e.field()).isEqualTo("engine");
    }

    @Test
    void cnnOnPointsIsRefusedWithAReason() throws Exception {
        ExperimentException e = refusal(withDefault("\"id\" : \"mlp\"", "\"id\" : \"cnn\""));
        assertThat(e.field()).isEqualTo("model.id");
        assertThat(e.getMessage()).contains("MLP");
    }
}
