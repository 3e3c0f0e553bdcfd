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

/** {@code losslab loss} with the metric-learning input names: embeddings + labels, view1 + view2, views. */
class MetricLossCliTest {

    static java.util.List<String> engines() {
        return CliTest.engines();
    }

    private static JsonNode run(Path dir, String json, String... args) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, json);
        String[] all = new String[args.length + 3];
        all[0] = "loss";
        System.arraycopy(args, 0, all, 1, 1);
        all[2] = "--input";
        all[3] = in.toString();
        System.arraycopy(args, 1, all, 4, args.length - 1);
        CliTest.Outcome o = CliTest.run(all);
        assertThat(o.code()).as(o.err()).isZero();
        return Experiments.mapper().readTree(o.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tripletMarginReadsEmbeddingsAndLabels(String engine, @TempDir Path dir) throws Exception {
        JsonNode r = run(dir, "{\"embeddings\": [[0], [0.3], [0.4], [1]], \"labels\": [0, 0, 1, 1]}",
                "triplet-margin", "--param", "mining=batchHard", "--grad", "--engine", engine);
        assertThat(r.get("loss").asDouble()).isCloseTo(0.325, within(1e-9));
        assertThat(r.get("perExample").size()).isEqualTo(4);
        assertThat(r.get("grad").get("embeddings").get(1).get(0).asDouble()).isCloseTo(1.25, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void ntXentReadsTwoViews(String engine, @TempDir Path dir) throws Exception {
        JsonNode r = run(dir, "{\"view1\": [[1, 0], [0, 1]], \"view2\": [[0.8, 0.6], [0.6, 0.8]]}",
                "nt-xent", "--grad", "--engine", engine);
        assertThat(r.get("loss").asDouble()).isCloseTo(0.870714, within(1e-6));
        assertThat(r.get("grad").get("view2").size()).isEqualTo(2);
    }

    @Test
    void protoTripletIcnnDclAndCacrTakeTheirInputsByName(@TempDir Path dir) throws Exception {
        assertThat(run(dir, "{\"embeddings\": [[0.5, 0], [1, 1]], \"labels\": [0, 1], "
                + "\"prototypes\": [[0, 0], [2, 0]]}", "proto-triplet").get("loss").asDouble())
                .isCloseTo(0.25, within(1e-6));
        assertThat(run(dir, "{\"embeddings\": [[0,0],[0,1],[1,0],[3,3],[3,4],[4,3]], \"labels\": [0,0,0,1,1,1]}",
                "icnn", "--param", "ipc=3").get("loss").asDouble()).isCloseTo(0.096243, within(1e-6));
        assertThat(run(dir, "{\"view1\": [[1, 0], [0.6, 0.8]], \"view2\": [[0.8, 0.6], [0.28, 0.96]]}",
                "dcl").get("loss").asDouble()).isCloseTo(-0.846545 + 0.214701, within(1e-6));
        assertThat(run(dir, "{\"views\": [[[1, 0], [0, 1], [-1, 0]], [[0.8, 0.6], [0.6, 0.8], [-0.8, -0.6]], "
                + "[[0.6, -0.8], [-0.6, 0.8], [-1, 0.1]]]}", "cacr").get("loss").asDouble())
                .isCloseTo(-1.218442, within(1e-6));
    }
}
