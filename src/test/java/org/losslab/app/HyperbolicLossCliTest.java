package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.losslab.experiment.Experiments;
import org.losslab.loss.hyperbolic.HostPoincareBall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code losslab loss hyp-ce --input …} with the input names points, labels, mlrA and mlrP. */
class HyperbolicLossCliTest {

    static java.util.List<String> engines() {
        return CliTest.engines();
    }

    /** The worked example of LOSSES.md, with x = expmap0([.5, .5]) written out. */
    private static String workedExample() {
        double[] x = new HostPoincareBall(0.1).expmap0(new double[] {0.5, 0.5});
        return String.format(Locale.ROOT, "{\"points\": [[%.17g, %.17g]], \"labels\": [0], "
                + "\"mlrA\": [[1, 0], [-1, 0.5]], \"mlrP\": [[0.1, 0], [0, 0.2]]}", x[0], x[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void printsTheWorkedExampleAndGradientsForEveryDifferentiableInput(String engine, @TempDir Path dir)
            throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, workedExample());
        CliTest.Outcome o = CliTest.run("loss", "hyp-ce", "--input", in.toString(), "--grad", "--engine", engine);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isCloseTo(0.045383, within(1e-6));
        assertThat(r.get("grad").get("points").get(0).size()).isEqualTo(2);
        assertThat(r.get("grad").get("mlrA").size()).isEqualTo(2);
        assertThat(r.get("grad").get("mlrP").get(1).size()).isEqualTo(2);
        // y = 0 is already the likelier class: the loss falls as the point moves along a_0 = [1, 0].
        assertThat(r.get("grad").get("points").get(0).get(0).asDouble()).isNegative();
    }

    @Test
    void takesTheCurvatureAsAParameter(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, workedExample());
        CliTest.Outcome o = CliTest.run("loss", "hyp-ce", "--input", in.toString(), "--param", "c=0.5");
        assertThat(o.code()).as(o.err()).isZero();
        double loss = Experiments.mapper().readTree(o.out()).get("loss").asDouble();
        assertThat(loss).isNotCloseTo(0.045383, within(1e-3));
        CliTest.Outcome bad = CliTest.run("loss", "hyp-ce", "--input", in.toString(), "--param", "c=-1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'c'");
    }

    @Test
    void refusesPointsOutsideTheBallNamingTheInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"points\": [[0.2, 0.1], [4, 0]], \"labels\": [0, 1], "
                + "\"mlrA\": [[1, 0], [-1, 0.5]], \"mlrP\": [[0.1, 0], [0, 0.2]]}");
        CliTest.Outcome o = CliTest.run("loss", "hyp-ce", "--input", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("points").contains("row 1").contains("outside the Poincaré ball");
    }
}
