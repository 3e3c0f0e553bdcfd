package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.train.EmbeddingSettings;

/** The {@code embedding} task in experiment files: defaults, refusals by field, the bundled samples. */
class EmbeddingSectionTest {

    static List<String> samples() {
        return Experiments.embeddingSamples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEmbeddingSampleResolvesAndIsOnDisk(String name) throws Exception {
        ExperimentSpec spec = Experiments.sample(name);
        assertThat(Experiments.read(Path.of("samples", name))).isEqualTo(spec);
        ResolvedExperiment r = Experiments.resolve(spec);
        assertThat(HeadlessEmbedding.isEmbedding(r)).isTrue();
        EmbeddingSettings s = EmbeddingSection.settings(spec, r.setup().data());
        assertThat(r.setup().model().outputs()).isEqualTo(s.dim());
        assertThat(r.setup().batchSize()).isEqualTo(s.batchSize());
    }

    private static final String BASE = """
            {"task": "embedding", "data": {"id": "digits"}, "model": {"id": "mlp"},
             "loss": {"id": "triplet-margin"}, "steps": 20 %s}""";

    @Test
    void defaultsComeFromTheData() throws Exception {
        ExperimentSpec spec = Experiments.parse(BASE.formatted(""), "t.json");
        ResolvedExperiment r = Experiments.resolve(spec);
        EmbeddingSettings s = EmbeddingSection.settings(spec, r.setup().data());
        assertThat(s).isEqualTo(new EmbeddingSettings(2, 5, 8, 5, 0.1, 1000));
        assertThat(r.setup().model().outputs()).isEqualTo(2);
    }

    @Test
    void badSettingsAndLossesAreRefusedByField() {
        assertRefused(BASE.formatted(", \"embedding\": {\"heldOutClasses\": 9}"), "embedding.heldOutClasses");
        assertRefused(BASE.formatted(", \"embedding\": {\"heldOutClasses\": 4, \"classesPerBatch\": 7}"),
                "embedding.classesPerBatch");
        assertRefused(BASE.formatted(", \"embedding\": {\"dim\": 0}"), "embedding.dim");
        assertRefused(BASE.formatted(", \"embedding\": {\"jitter\": 2}"), "embedding.jitter");
        assertRefused(BASE.replace("triplet-margin", "cross-entropy").formatted(""), "loss.id");
        assertRefused(BASE.replace("triplet-margin", "proto-triplet").formatted(""), "loss");
        assertRefused(BASE.replace("digits", "function-1d").formatted(""), "data.id");
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> Experiments.resolve(Experiments.parse(json, "t.json")))
                .isInstanceOf(ExperimentException.class)
                .satisfies(e -> assertThat(((ExperimentException) e).field()).isEqualTo(field));
    }

    @Test
    void aHeadlessRunWritesMetricsAndTheHeldOutEmbedding(@TempDir Path dir) throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.sample("digits-embedding-2d-triplet.json").withSteps(60));
        List<HeadlessEmbedding.ArmResult> results = HeadlessEmbedding.run(r, dir, null);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).reports()).isNotEmpty();
        assertThat(results.get(0).last().step()).isEqualTo(60);
        assertThat(Files.readAllLines(dir.resolve("metrics.csv")).get(0)).startsWith("step,train/loss,"
                + "heldout/recall@1");
        List<String> embedding = Files.readAllLines(dir.resolve("embedding.csv"));
        assertThat(embedding.get(0)).isEqualTo("label,z0,z1");
        assertThat(embedding.subList(1, embedding.size())).allMatch(l -> l.startsWith("7,") || l.startsWith("8,")
                || l.startsWith("9,"));
        assertThat(HeadlessEmbedding.table(results)).contains("recall@1").contains("triplet");
    }
}
