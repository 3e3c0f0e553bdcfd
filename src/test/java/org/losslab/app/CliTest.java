package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslab.engine.Engines;
import org.losslab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line, in process: outputs, files and exit codes. */
class CliTest {

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cl = Cli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(originalOut);
        }
    }

    static java.util.List<String> engines() {
        return Engines.ids();
    }

    @Test
    void listLossesAsJson() throws Exception {
        Outcome o = run("list", "losses", "--json");
        assertThat(o.code()).isZero();
        JsonNode rows = Experiments.mapper().readTree(o.out());
        assertThat(rows.findValuesAsText("id")).contains("cross-entropy", "focal", "hinge");
    }

    @Test
    void listModelsDatasetsAndEngines() {
        assertThat(run("list", "models").out()).contains("mlp").contains("cnn");
        assertThat(run("list", "datasets").out()).contains("spirals").contains("mnist-10k");
        assertThat(run("list", "engines").out()).contains("pytorch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void lossCommandPrintsValuePerExampleAndGradient(String engine, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[2, 1, 0], [0, 0, 0]], \"labels\": [0, 2]}");
        Outcome o = run("loss", "cross-entropy", "--input", in.toString(), "--grad", "--engine", engine);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        double ln3 = Math.log(3);
        assertThat(r.get("id").asText()).isEqualTo("cross-entropy");
        assertThat(r.get("perExample").get(0).asDouble()).isCloseTo(0.407606, within(1e-6));
        assertThat(r.get("perExample").get(1).asDouble()).isCloseTo(ln3, within(1e-12));
        assertThat(r.get("loss").asDouble()).isCloseTo((0.40760596444438013 + ln3) / 2, within(1e-12));
        // d(mean)/dz for the uniform row with label 2: (1/3, 1/3, −2/3) / 2
        assertThat(r.get("grad").get("logits").get(1).get(2).asDouble()).isCloseTo(-1.0 / 3, within(1e-12));
    }

    @Test
    void lossCommandTakesParameters(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[2, 1, 0]], \"labels\": [0]}");
        Outcome o = run("loss", "label-smoothing-ce", "--input", in.toString(), "--param", "epsilon=0.1");
        assertThat(Experiments.mapper().readTree(o.out()).get("loss").asDouble()).isCloseTo(0.507606, within(1e-6));
    }

    @Test
    void badInputsExitNonZeroWithTheProblemNamed(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"logits\": [[2, 1, 0], [1, 2]], \"labels\": [0, 1]}");
        Outcome ragged = run("loss", "cross-entropy", "--input", in.toString());
        assertThat(ragged.code()).isEqualTo(2);
        assertThat(ragged.err()).contains("logits").contains("ragged");
        Outcome badParam = run("loss", "focal", "--input", in.toString(), "--param", "gamma=-2");
        assertThat(badParam.code()).isEqualTo(2);
        assertThat(badParam.err()).contains("gamma");
        Outcome unknown = run("loss", "nope", "--input", in.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown loss 'nope'");
    }

    @Test
    void runWritesMetricsAndSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Outcome o = run("run", "samples/spirals-cross-entropy.json", "--steps", "120", "--out", out.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        var lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("step,split,metric,value");
        assertThat(lines).anyMatch(l -> l.startsWith("120,val,accuracy,"));
        JsonNode summary = Experiments.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("steps").asLong()).isEqualTo(120);
        assertThat(summary.get("stepsPerSecond").asDouble()).isPositive();
        assertThat(summary.get("final").has("train/loss")).isTrue();
        assertThat(summary.get("final").has("val/loss")).isTrue();
        assertThat(summary.get("final").has("val/accuracy")).isTrue();
    }

    @Test
    void runRefusesABadSpecWithANonZeroExit(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, Experiments.toJson(Experiments.defaultExperiment()).replace("\"mlp\"", "\"transformer\""));
        Outcome o = run("run", spec.toString(), "--out", dir.resolve("x").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("model.id").contains("transformer");
    }
}
