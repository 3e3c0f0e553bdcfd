package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;

/** {@code losslab run}: the metrics it prints and the evaluation detail it writes to {@code summary.json}. */
class RunMetricsCliTest {

    private static int sum(JsonNode matrix) {
        int total = 0;
        for (JsonNode row : matrix) {
            for (JsonNode count : row) {
                total += count.asInt();
            }
        }
        return total;
    }

    @Test
    void digitsPrintTopFiveAndEceAndSummariseValidationAndTest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("digits");
        CliTest.Outcome o = CliTest.run("run", "samples/digits-mlp-label-smoothing.json", "--steps", "30", "--out",
                out.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("(?m)^val/top5 accuracy +0\\.\\d{6}$")
                .containsPattern("(?m)^val/ECE +0\\.\\d{6}$")
                .containsPattern("(?m)^test/top5 accuracy +0\\.\\d{6}$")
                .containsPattern("(?m)^test/ECE +0\\.\\d{6}$")
                .doesNotContain("flipped");

        JsonNode summary = Experiments.mapper().readTree(out.resolve("summary.json").toFile());
        JsonNode evaluation = summary.get("evaluation");
        assertThat(evaluation.get("step").asLong()).isEqualTo(30);
        assertThat(evaluation.get("topK").asInt()).isEqualTo(5);
        for (String split : new String[] {"val", "test"}) {
            JsonNode s = evaluation.get(split);
            int examples = s.get("examples").asInt();
            assertThat(s.get("classes")).hasSize(10);
            assertThat(s.get("confusion")).hasSize(10);
            assertThat(sum(s.get("confusion"))).isEqualTo(examples);
            assertThat(s.get("reliability")).hasSize(15);
            int binned = 0;
            for (JsonNode bin : s.get("reliability")) {
                binned += bin.get("count").asInt();
                assertThat(bin.get("accuracy").isNull()).isEqualTo(bin.get("count").asInt() == 0);
            }
            assertThat(binned).isEqualTo(examples);
            assertThat(s.get("ece").asDouble()).isEqualTo(summary.get("final").get(split + "/ECE").asDouble());
            assertThat(s.get("top5 accuracy").asDouble())
                    .isEqualTo(summary.get("final").get(split + "/top5 accuracy").asDouble());
            assertThat(s.get("accuracy").asDouble())
                    .isCloseTo(summary.get("final").get(split + "/accuracy").asDouble(), within(1e-12));
        }
        assertThat(evaluation.get("test").get("examples").asInt()).as("20 % of 1,797").isEqualTo(359);
    }

    @Test
    void labelNoiseIsStatedWhereAccuracyIsPrinted(@TempDir Path dir) throws Exception {
        ExperimentSpec noisy = Experiments.defaultExperiment()
                .withData(new ExperimentSpec.Component("spirals", Map.of("labelNoise", 0.3)))
                .withSteps(20);
        Path spec = dir.resolve("noisy.json");
        Experiments.write(noisy, spec);
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.run("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("30% of the training labels were flipped").contains("validation and test labels are clean");
        JsonNode summary = Experiments.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("trainingLabelNoise").asDouble()).isEqualTo(0.3);
        assertThat(Files.readString(out.resolve("metrics.csv"))).contains(",val,ECE,");
    }
}
