package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code losslab loss} on the LOSSES.md examples of dual-head-kd and multi-sample-dropout; a run with a teacher. */
class DistillationCliTest {

    static java.util.List<String> engines() {
        return CliTest.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void dualHeadKdReproducesTheWorkedExample(String engine, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[1, 0, -1]], \"labels\": [0], \"teacherLogits\": [[2, 0, 0]]}");
        CliTest.Outcome o = CliTest.run("loss", "dual-head-kd", "--input", in.toString(), "--grad", "--engine", engine);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isCloseTo(0.655044, within(1e-6));
        assertThat(r.get("grad").has("logits")).isTrue();
        assertThat(r.get("grad").has("teacherLogits")).isFalse();

        CliTest.Outcome klOnly = CliTest.run("loss", "dual-head-kd", "--input", in.toString(), "--param", "ceWeight=0",
                "--engine", engine);
        assertThat(Experiments.mapper().readTree(klOnly.out()).get("loss").asDouble()).isCloseTo(0.247438, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void multiSampleDropoutReproducesTheWorkedExample(String engine, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, """
                {"features": [[1, 2, -1, 0.5]],
                 "headWeight": [[0.5, -0.2, 0.1, 0.3], [-0.3, 0.4, 0.2, -0.1]],
                 "headBias": [0, 0],
                 "labels": [1],
                 "headMasks": [[[2, 0, 2, 2]], [[0, 2, 2, 0]]]}
                """);
        CliTest.Outcome o = CliTest.run("loss", "multi-sample-dropout", "--input", in.toString(), "--grad",
                "--engine", engine);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isCloseTo(1.205083, within(1e-6));
        assertThat(r.get("grad").get("headWeight").size()).isEqualTo(2);
    }

    @Test
    void aMissingTeacherInputIsNamed(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[1, 0, -1]], \"labels\": [0]}");
        CliTest.Outcome o = CliTest.run("loss", "dual-head-kd", "--input", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("teacherLogits");
    }

    @Test
    void runPrintsTheTeachersAccuracyBeforeTheStudents(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("kd.json");
        Files.writeString(spec, """
                {"seed": 2, "engine": "pytorch",
                 "data": {"id": "moons", "params": {"n": 300}},
                 "model": {"id": "mlp", "params": {"layers": 1, "width": 8, "heads": 2}},
                 "loss": {"id": "dual-head-kd"},
                 "optimizer": {"kind": "adam", "learningRate": 0.02},
                 "batchSize": 32, "steps": 60, "evalEvery": 30,
                 "teacher": {"model": {"id": "mlp", "params": {"layers": 2, "width": 16}}, "steps": 100}}
                """);
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.run("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("teacher/val/accuracy").contains("val/accuracy");
        assertThat(o.out().indexOf("teacher/val/accuracy")).isLessThan(o.out().indexOf("\nval/accuracy"));
        assertThat(out.resolve("teacher").resolve("parameters.bin")).exists();
    }
}
