package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab run} on a comparison sample and {@code losslab bench compare}, in process. */
class CompareCliTest {

    @Test
    void runningAComparisonSamplePrintsOneRowPerArm(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("run", "samples/spirals-noise-ce-vs-mae.json", "--steps", "40", "--out",
                dir.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        List<String> lines = Arrays.asList(o.out().split("\n"));
        assertThat(lines.get(0)).startsWith("arm").contains("train loss", "val loss", "val acc", "val top-2",
                "val ECE", "steps/s", "strategy");
        assertThat(lines.get(1)).startsWith("cross-entropy").contains("finished").contains("40").endsWith("batched");
        assertThat(lines.get(2)).startsWith("MAE ");
        assertThat(lines.get(3)).startsWith("focal γ=2");
        assertThat(o.out()).contains("strategy: batched");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains("metrics-cross-entropy.csv",
                "metrics-mae.csv", "metrics-focal-2.csv", "summary.json", "experiment.json");
    }

    @Test
    void benchCompareReportsTheRatioPerStrategy() {
        CliTest.Outcome o = CliTest.run("bench", "compare", "--engine", "pytorch", "--k", "2", "--warmup", "20",
                "--steps", "20", "--repeats", "1");
        assertThat(o.code()).as(o.err()).isZero();
        String[] lines = o.out().split("\n");
        assertThat(lines[0]).contains("time(k)/(k·time(1))");
        assertThat(lines[1]).startsWith("pytorch  batched").contains(" 2 ");
        assertThat(lines[2]).startsWith("pytorch  interleaved");
        for (String row : new String[] {lines[1], lines[2]}) {
            String[] cells = row.trim().split("\\s+");
            double single = Double.parseDouble(cells[3]);
            double round = Double.parseDouble(cells[4]);
            double ratio = Double.parseDouble(cells[5]);
            assertThat(single).isPositive();
            assertThat(ratio).isCloseTo(round / (2 * single), org.assertj.core.api.Assertions.within(0.011));
        }
    }
}
