package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab landscape}: the files it writes, and bad input refused with exit code 2. */
class LandscapeCliTest {

    @Test
    void writesTheGridThePathTheSharpnessAndAPicture(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("landscape", "samples/spirals-landscape-batch-16.json", "--steps", "60",
                "--grid", "7", "--sharpness-points", "2", "--out", dir.toString(), "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("cross-entropy: 7×7 grid over", "(fitted to the path)", "(batched)",
                "directions: PCA of 3 snapshots", "loss at the centre", "on 512 training rows", "sharpness");
        List<String> grid = Files.readAllLines(dir.resolve("grid.csv"));
        assertThat(grid).hasSize(1 + 49);
        assertThat(grid.get(0)).isEqualTo("alpha,beta,loss");
        String[] centre = grid.get(1 + 3 * 7 + 3).split(",");
        assertThat(Double.parseDouble(centre[0])).isZero();
        assertThat(Double.parseDouble(centre[1])).isZero();
        // Snapshots every 50 steps: 0, 50 and the last, 60.
        List<String> path = Files.readAllLines(dir.resolve("trajectory.csv"));
        assertThat(path.get(0)).isEqualTo("step,alpha,beta,distance,loss,train_loss");
        assertThat(path).hasSize(4);
        assertThat(path.get(3)).startsWith("60,0.0,0.0,0.0,");
        assertThat(Double.parseDouble(path.get(3).split(",")[4])).isCloseTo(Double.parseDouble(centre[2]),
                org.assertj.core.api.Assertions.within(1e-12));
        List<String> sharpness = Files.readAllLines(dir.resolve("sharpness.csv"));
        assertThat(sharpness.get(0)).isEqualTo("step,lambda_max,iterations,seconds");
        assertThat(sharpness).hasSize(3);
        assertThat(sharpness.get(2)).startsWith("60,");
        assertThat(Double.parseDouble(sharpness.get(2).split(",")[1])).isPositive();
        assertThat(Files.readAllLines(dir.resolve("interpolation.csv"))).hasSize(42).first().isEqualTo("t,loss");
        BufferedImage png = ImageIO.read(dir.resolve("landscape.png").toFile());
        assertThat(png.getWidth()).isGreaterThan(400);
    }

    @Test
    void aComparisonWritesOneFolderPerArm(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("landscape", "samples/spirals-noise-landscape-ce-vs-mae.json", "--steps", "20",
                "--grid", "3", "--directions", "random", "--sharpness-points", "0", "--out", dir.toString(),
                "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("cross-entropy: 3×3 grid over [-1.00, 1.00]²", "MAE: 3×3 grid",
                "directions: random, filter-normalised");
        assertThat(dir.resolve("arm1-cross-entropy/grid.csv")).exists();
        assertThat(dir.resolve("arm2-mae/landscape.png")).exists();
        assertThat(Files.readAllLines(dir.resolve("arm2-mae/sharpness.csv"))).containsExactly(
                "step,lambda_max,iterations,seconds");
    }

    @Test
    void badInputExitsWithTwoAndNamesTheOption() {
        CliTest.Outcome small = CliTest.run("landscape", "samples/spirals-cross-entropy.json", "--grid", "2");
        assertThat(small.code()).isEqualTo(2);
        assertThat(small.err()).contains("--grid must be between 3 and 201, got 2");
        CliTest.Outcome large = CliTest.run("landscape", "samples/spirals-cross-entropy.json", "--grid", "202");
        assertThat(large.code()).isEqualTo(2);
        CliTest.Outcome radius = CliTest.run("landscape", "samples/spirals-cross-entropy.json", "--radius", "0");
        assertThat(radius.code()).isEqualTo(2);
        assertThat(radius.err()).contains("--radius must be positive, got 0.0");
        CliTest.Outcome directions = CliTest.run("landscape", "samples/spirals-cross-entropy.json", "--directions",
                "sideways");
        assertThat(directions.code()).isEqualTo(2);
        assertThat(directions.err()).contains("--directions must be random, pca or checkpoints, got 'sideways'");
    }
}
