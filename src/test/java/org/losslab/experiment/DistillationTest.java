package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.data.Dataset;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.train.RunStatus;
import org.losslab.train.TeacherLogits;
import org.losslab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher → student flow on two moons: the {@code teacher} section is validated by field, a teacher is trained
 * first (or loaded from the run folder a previous run saved) and its frozen logits reach the student's batches.
 */
class DistillationTest {

    /** A two-head MLP student with dual-head KD, and a wider MLP teacher trained first. */
    private static final String BASE = """
            {
              "seed": 3, "engine": "pytorch",
              "data": {"id": "moons", "params": {"n": 400, "noise": 0.1}},
              "model": {"id": "mlp", "params": {"layers": 1, "width": 16, "heads": 2}},
              "loss": {"id": "dual-head-kd"},
              "optimizer": {"kind": "adam", "learningRate": 0.02},
              "batchSize": 64, "steps": 150, "evalEvery": 50,
              "teacher": TEACHER
            }
            """;
    private static final String TRAINED_TEACHER =
            "{\"model\": {\"id\": \"mlp\", \"params\": {\"layers\": 2, \"width\": 32}}, \"steps\": 300}";

    private static ExperimentSpec spec(String teacher) throws ExperimentException {
        return Experiments.parse(BASE.replace("TEACHER", teacher), "test.json");
    }

    private static ExperimentException refusal(ExperimentSpec spec) {
        try {
            Experiments.resolve(spec);
        } catch (ExperimentException e) {
            return e;
        }
        throw new AssertionError("accepted: " + Experiments.toJson(spec));
    }

    private static ExperimentException refusal(String teacher) throws ExperimentException {
        return refusal(spec(teacher));
    }

    @Test
    void aDistillationLossWithoutATeacherIsRefused() throws Exception {
        ExperimentSpec noTeacher = Experiments.parse(BASE.replace(",\n  \"teacher\": TEACHER", ""), "test.json");
        assertThat(noTeacher.teacher()).isNull();
        ExperimentException e = refusal(noTeacher);
        assertThat(e.field()).isEqualTo("teacher");
        assertThat(e.getMessage()).contains("dual-head-kd").contains("teacherLogits").contains("\"teacher\"");
    }

    @Test
    void badTeacherSectionsAreRefusedByField() throws Exception {
        assertThat(refusal("{}").field()).isEqualTo("teacher.model.id");
        assertThat(refusal("{\"model\": {\"id\": \"resnet\"}}").field()).isEqualTo("teacher.model.id");
        assertThat(refusal("{\"model\": {\"id\": \"cnn\"}}").field()).isEqualTo("teacher.model.id");
        assertThat(refusal("{\"model\": {\"id\": \"mlp\", \"params\": {\"width\": 0}}}").field())
                .isEqualTo("teacher.model.params.width");
        assertThat(refusal("{\"model\": {\"id\": \"mlp\"}, \"steps\": 0}").field()).isEqualTo("teacher.steps");
        assertThat(refusal("{\"model\": {\"id\": \"mlp\"}, \"loss\": {\"id\": \"focal\", \"params\": "
                + "{\"gamma\": -1}}}").field()).isEqualTo("teacher.loss.params.gamma");
        ExperimentException selfDistilling = refusal("{\"model\": {\"id\": \"mlp\"}, \"loss\": {\"id\": "
                + "\"dual-head-kd\"}}");
        assertThat(selfDistilling.field()).isEqualTo("teacher.loss");
        assertThat(selfDistilling.getMessage()).contains("teacherLogits");
        assertThat(refusal("{\"model\": {\"id\": \"mlp\"}, \"run\": \"somewhere\"}").field()).isEqualTo("teacher.run");
        ExperimentException missing = refusal("{\"run\": \"no/such/run\"}");
        assertThat(missing.field()).isEqualTo("teacher.run");
        assertThat(missing.getMessage()).contains("no run folder");
    }

    @Test
    void aTeacherIsTrainedFirstThenSavedAndLoadedBackWithTheSameLogits(@TempDir Path dir) throws Exception {
        ResolvedExperiment trained = Experiments.resolve(spec(TRAINED_TEACHER));
        assertThat(trained.teacher().trains()).isTrue();
        assertThat(trained.teacher().steps()).isEqualTo(300);
        Path first = dir.resolve("first");
        HeadlessRun.Outcome a = HeadlessRun.run(trained, first, null);
        assertThat(a.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(a.teacher().get("val/accuracy")).as("teacher").isGreaterThan(0.95);
        assertThat(a.finalValues().get("val/accuracy")).as("student").isGreaterThan(0.9);
        Path teacherRun = first.resolve("teacher");
        assertThat(teacherRun.resolve("experiment.json")).exists();
        assertThat(teacherRun.resolve(RunStore.PARAMETERS)).exists();
        assertThat(first.resolve(RunStore.PARAMETERS)).as("the student's own parameters").exists();
        assertThat(Files.readString(first.resolve("summary.json"))).contains("\"teacher\"");

        ResolvedExperiment loaded = Experiments.resolve(spec("{\"run\": " + quoted(teacherRun) + "}"));
        assertThat(loaded.teacher().trains()).isFalse();
        assertThat(loaded.teacher().describe()).contains("loaded from");
        HeadlessRun.Outcome b = HeadlessRun.run(loaded, null, null);
        assertThat(b.teacher().get("val/accuracy")).isEqualTo(a.teacher().get("val/accuracy"));
        // Same teacher logits, same seed: the student trains identically.
        assertThat(b.finalValues()).isEqualTo(a.finalValues());
    }

    @Test
    void theTeacherLogitsAreTheTeachersForwardPassOnEveryEngine(@TempDir Path dir) throws Exception {
        ResolvedExperiment r = Experiments.resolve(spec(TRAINED_TEACHER));
        var model = r.teacher().model();
        Map<String, HostArray> params = model.initialParameters(new java.util.Random(8));
        Dataset val = r.setup().data().validation();
        int[] rows = {4, 0, 4, 17};
        for (String engine : Engines.ids()) {
            HostArray direct;
            try (Engine e = Engines.create(engine, Precision.FLOAT32);
                    ParameterStore store = e.createParameters(params);
                    CompiledProgram forward = e.compile(TrainingRun.forwardProgram(model))) {
                var batch = val.batch(rows);
                direct = forward.run(RunRequest.of(Map.of("x", HostArray.wrap(batch.features(), batch.shape())))
                        .fetch("logits"), store).output("logits");
            }
            try (TeacherLogits teacher = new TeacherLogits(engine, model, params)) {
                HostArray first = teacher.forBatch(val, rows, false).get("teacherLogits");
                HostArray again = teacher.forBatch(val, rows, true).get("teacherLogits");
                assertThat(first.shape()).containsExactly(4, 2);
                for (int i = 0; i < first.size(); i++) {
                    assertThat(first.data()[i]).as("%s entry %d", engine, i).isCloseTo(direct.data()[i], within(1e-6));
                }
                assertThat(again).as("served from the cache").isEqualTo(first);
                assertThat(Arrays.copyOfRange(first.data(), 0, 2)).isEqualTo(Arrays.copyOfRange(first.data(), 4, 6));
            }
        }
    }

    @Test
    void aSavedTeacherOfOtherDataOrWithDamagedParametersIsRefused(@TempDir Path dir) throws Exception {
        ResolvedExperiment r = Experiments.resolve(spec(TRAINED_TEACHER));
        Path run = dir.resolve("teacher");
        RunStore store = new RunStore(run);
        store.writeSpec(r.teacher().spec());
        Map<String, HostArray> params = r.teacher().model().initialParameters(new java.util.Random(1));
        store.writeParameters(params);
        assertThat(Experiments.resolve(spec("{\"run\": " + quoted(run) + "}")).teacher()).isNotNull();

        ExperimentSpec circles = spec("{\"run\": " + quoted(run) + "}")
                .withData(new ExperimentSpec.Component("circles", Map.of()));
        ExperimentException otherData = refusal(circles);
        assertThat(otherData.field()).isEqualTo("teacher.run");
        assertThat(otherData.getMessage()).contains("'moons'").contains("'circles'");

        Map<String, HostArray> wrongShape = new LinkedHashMap<>(params);
        wrongShape.put("dense0.w", HostArray.zeros(2, 31));
        store.writeParameters(wrongShape);
        ExperimentException shape = refusal("{\"run\": " + quoted(run) + "}");
        assertThat(shape.field()).isEqualTo("teacher.run");
        assertThat(shape.getMessage()).contains("dense0.w").contains("[2, 31]").contains("[2, 32]");

        store.writeParameters(params);
        Path file = run.resolve(RunStore.PARAMETERS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 8));
        ExperimentException truncated = refusal("{\"run\": " + quoted(run) + "}");
        assertThat(truncated.field()).isEqualTo("teacher.run");
        assertThat(truncated.getMessage()).contains("truncated");
    }

    @Test
    void parametersRoundTripExactlyInTheirOrder(@TempDir Path dir) throws Exception {
        Map<String, HostArray> params = new LinkedHashMap<>();
        params.put("b", HostArray.wrap(new double[] {Math.PI, -0.0, 1e-300, Double.MAX_VALUE, 7, 8}, 2, 3));
        params.put("a", HostArray.vector(1.0 / 3));
        new RunStore(dir).writeParameters(params);
        Map<String, HostArray> back = RunStore.readParameters(dir);
        assertThat(back.keySet()).containsExactly("b", "a");
        assertThat(back).isEqualTo(params);
        String head = new String(Files.readAllBytes(dir.resolve(RunStore.PARAMETERS)), StandardCharsets.ISO_8859_1);
        assertThat(head.substring(0, head.indexOf('\n'))).startsWith("{\"format\":\"losslab-parameters\"")
                .contains("\"shape\":[2,3]");
        assertThat(Files.size(dir.resolve(RunStore.PARAMETERS))).isEqualTo(head.indexOf('\n') + 1 + 7 * 8);
    }

    private static String quoted(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }
}
