package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.train.ArmSummary;
import org.losslab.train.ComparisonRun;
import org.losslab.train.RunStatus;

/** The {@code compare} section: validation by field name, resolution of the arms, and the headless run folder. */
class CompareSectionTest {

    static final String SAMPLE = "spirals-noise-ce-vs-mae.json";

    private static ExperimentException refusal(String json) {
        try {
            Experiments.resolve(Experiments.parse(json, "test.json"));
        } catch (ExperimentException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String sampleJson() throws Exception {
        return Experiments.toJson(Experiments.sample(SAMPLE));
    }

    private static String withArms(String arms) throws Exception {
        String json = sampleJson();
        int at = json.indexOf("\"compare\"");
        return json.substring(0, at) + "\"compare\" : " + arms + "\n}\n";
    }

    @Test
    void theSampleResolvesToThreeArmsOnOneNetworkWithoutATopLevelLoss() throws Exception {
        ExperimentSpec spec = Experiments.sample(SAMPLE);
        assertThat(spec.loss()).as("a comparison may omit the top-level loss").isNull();
        assertThat(Experiments.samples()).contains(SAMPLE);
        ResolvedExperiment r = Experiments.resolve(spec);
        assertThat(r.isComparison()).isTrue();
        assertThat(r.arms()).extracting(ComparisonRun.Arm::label).containsExactly("cross-entropy", "MAE", "focal γ=2");
        assertThat(r.arms()).extracting(a -> a.setup().loss().label()).containsExactly("cross-entropy", "mae", "focal");
        assertThat(r.arms().get(2).setup().loss().terms().get(0).params().real("gamma")).isEqualTo(2.0);
        assertThat(r.setup().loss().label()).as("the first arm stands for the loss").isEqualTo("cross-entropy");
        for (ComparisonRun.Arm a : r.arms()) {
            assertThat(a.setup().data()).isSameAs(r.setup().data());
            assertThat(a.setup().model()).isSameAs(r.setup().model());
            assertThat(a.setup().seed()).isEqualTo(42);
        }
        assertThat(ComparisonRun.whyNotBatched(r.arms())).isNull();
        assertThat(r.setup().data().train().numClasses()).isEqualTo(3);
    }

    @Test
    void aSingleExperimentHasNoArms() throws Exception {
        assertThat(Experiments.resolve(Experiments.defaultExperiment()).isComparison()).isFalse();
    }

    @Test
    void armCountIsTwoToFour() throws Exception {
        ExperimentException one = refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } } ]"));
        assertThat(one.field()).isEqualTo("compare");
        assertThat(one.getMessage()).contains("2 to 4 arms, got 1");
        String five = "[" + String.join(",", List.of("mae", "mse", "hinge", "focal", "cross-entropy").stream()
                .map(id -> "{ \"loss\" : { \"id\" : \"" + id + "\" } }").toList()) + "]";
        assertThat(refusal(withArms(five)).getMessage()).contains("got 5");
    }

    @Test
    void badArmsAreRefusedByFieldName() throws Exception {
        assertThat(refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, { \"loss\" : { \"id\" : \"maee\" } } ]"))
                .field()).isEqualTo("compare[1].loss.id");
        assertThat(refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, "
                + "{ \"loss\" : { \"id\" : \"focal\", \"params\" : { \"gamma\" : -1 } } } ]")).field())
                .isEqualTo("compare[1].loss.params.gamma");
        assertThat(refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, { \"label\" : \"nothing\" } ]")).field())
                .isEqualTo("compare[1].loss");
        assertThat(refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, "
                + "{ \"loss\" : { \"id\" : \"mae\" }, \"model\" : { \"id\" : \"mlp\", \"params\" : { \"width\" : 0 } } } ]"))
                .field()).isEqualTo("compare[1].model.params.width");
        assertThat(refusal(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, "
                + "{ \"loss\" : { \"terms\" : [ { \"id\" : \"mae\" }, { \"id\" : \"nope\" } ] } } ]")).field())
                .isEqualTo("compare[1].loss.terms[1].id");
    }

    @Test
    void labelsDefaultToTheLossAndMustDiffer() throws Exception {
        ExperimentException twins = refusal(withArms("[ { \"loss\" : { \"id\" : \"focal\" } }, "
                + "{ \"loss\" : { \"id\" : \"focal\", \"params\" : { \"gamma\" : 1 } } } ]"));
        assertThat(twins.field()).isEqualTo("compare[1].label");
        assertThat(twins.getMessage()).contains("'focal'").contains("give the arms a 'label'");
        assertThat(refusal(withArms("[ { \"label\" : \" \", \"loss\" : { \"id\" : \"mae\" } }, "
                + "{ \"loss\" : { \"id\" : \"mse\" } } ]")).field()).isEqualTo("compare[0].label");
        ResolvedExperiment ok = Experiments.resolve(Experiments.parse(withArms(
                "[ { \"loss\" : { \"id\" : \"mae\" } }, { \"loss\" : { \"id\" : \"mse\" } } ]"), "test.json"));
        assertThat(ok.arms()).extracting(ComparisonRun.Arm::label).containsExactly("mae", "mse");
    }

    @Test
    void anArmMayChangeTheNetworkAndThenRunsInterleaved() throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.parse(withArms("[ { \"loss\" : { \"id\" : \"mae\" } }, "
                + "{ \"label\" : \"wide\", \"loss\" : { \"id\" : \"mae\" }, "
                + "\"model\" : { \"id\" : \"mlp\", \"params\" : { \"width\" : 128 } } } ]"), "test.json"));
        assertThat(r.arms().get(1).setup().model().describe()).contains("128");
        assertThat(ComparisonRun.whyNotBatched(r.arms())).contains("arm 2 (wide)").contains("another network");
    }

    @Test
    void theCompareSectionSurvivesAJsonRoundTrip(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = Experiments.sample(SAMPLE);
        Path file = dir.resolve("x.json");
        Experiments.write(spec, file);
        assertThat(Experiments.read(file)).isEqualTo(spec);
    }

    @Test
    void aHeadlessComparisonWritesOneMetricsFilePerArmAndASummaryTable(@TempDir Path dir) throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.sample(SAMPLE).withSteps(60));
        HeadlessComparison.Outcome o = HeadlessComparison.run(r, dir, null);
        assertThat(o.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(o.strategy()).isEqualTo(ComparisonRun.BATCHED);
        assertThat(o.metricFiles()).containsExactly("metrics-cross-entropy.csv", "metrics-mae.csv",
                "metrics-focal-2.csv");
        for (String f : o.metricFiles()) {
            List<String> lines = Files.readAllLines(dir.resolve(f));
            assertThat(lines.get(0)).isEqualTo("step,split,metric,value");
            assertThat(lines).anyMatch(l -> l.startsWith("60,val,accuracy,"));
            assertThat(lines).anyMatch(l -> l.startsWith("60,val,top2 accuracy,"));
        }
        JsonNode summary = Experiments.mapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("strategy").asText()).isEqualTo("batched");
        assertThat(summary.get("arms")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode row = summary.get("arms").get(i);
            ArmSummary s = o.arms().get(i);
            assertThat(row.get("label").asText()).isEqualTo(s.label());
            assertThat(row.get("steps").asLong()).isEqualTo(60);
            assertThat(row.get("valAccuracy").asDouble()).isEqualTo(s.valAccuracy()).isBetween(0.0, 1.0);
            assertThat(row.get("topK").asInt()).isEqualTo(2);
            assertThat(row.get("valTopK").asDouble()).isGreaterThanOrEqualTo(s.valAccuracy());
            assertThat(row.get("valEce").asDouble()).isBetween(0.0, 1.0);
            assertThat(row.get("trainLoss").asDouble()).isPositive();
        }
        assertThat(Experiments.read(dir.resolve("experiment.json")).compare()).hasSize(3);
    }
}
