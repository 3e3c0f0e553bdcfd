package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.Engines;
import org.losslab.experiment.Experiments;

/** The command line on post-hoc calibration: the loss's worked example, and a headless run of the sample. */
class CalibrationCliTest {

    static List<String> engines() {
        return Engines.ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void caCalibrationLossOnTheWorkedExample(String engine, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[2, 1, 0], [1.5, 1.2, 0], [0.2, 0.1, 3]], \"labels\": [0, 1, 2], "
                + "\"temperature\": [1.5, 1.5, 1.5]}");
        CliTest.Outcome o = CliTest.run("loss", "ca-calibration", "--input", in.toString(), "--grad", "--engine", engine);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isCloseTo(0.165640, within(1e-6));
        assertThat(r.get("perExample")).hasSize(3);
        assertThat(r.get("grad").has("temperature")).isTrue();
        assertThat(r.get("grad").has("logits")).isFalse();
    }

    @Test
    void runOfTheSampleWritesCalibrationJsonAndPrintsATable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.run("run", "samples/blobs-ca-vs-temperature.json", "--steps", "150", "--out",
                out.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("calibration on the test split").contains("Temperature scaling")
                .contains("CA calibration").contains("shifted");
        JsonNode root = Experiments.mapper().readTree(out.resolve("calibration.json").toFile());
        assertThat(root.get("testSize").asInt()).isEqualTo(1000);
        assertThat(root.get("shift").asText()).contains("0.3");
        JsonNode results = root.get("results");
        for (String method : List.of("uncalibrated", "temperature", "ca")) {
            for (String condition : List.of("in-distribution", "shifted")) {
                JsonNode r = results.get(method).get(condition);
                assertThat(r).as("%s %s", method, condition).isNotNull();
                for (String metric : List.of("ece", "nll", "accuracy", "meanTemperature", "correctnessAuroc")) {
                    assertThat(r.get(metric).isNumber()).as("%s %s %s", method, condition, metric).isTrue();
                    assertThat(Double.isFinite(r.get(metric).asDouble())).isTrue();
                }
                assertThat(r.get("reliability")).hasSize(15);
                int counted = 0;
                for (JsonNode bin : r.get("reliability")) {
                    counted += bin.get("count").asInt();
                }
                assertThat(counted).isEqualTo(1000);
            }
        }
        assertThat(results.get("temperature").get("in-distribution").get("ece").asDouble())
                .isLessThan(results.get("uncalibrated").get("in-distribution").get("ece").asDouble());
        assertThat(root.get("fits").get(1).get("lossCurve")).hasSize(500);
    }
}
