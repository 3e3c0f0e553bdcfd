package org.losslab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.losslab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barcode} and {@code betti-match} on files: outputs in map values, and bad input refused with exit 2. */
class TopologyCliTest {

    private static Path csv(Path dir, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void barcodeOfACsvRingAsJson(@TempDir Path dir) throws Exception {
        Path ring = csv(dir, "ring.csv", """
                0, 0, 0, 0, 0
                0, .9, .5, .9, 0
                0, .9, .1, .9, 0
                0, .9, .9, .9, 0
                0, 0, 0, 0, 0
                """);
        CliTest.Outcome o = CliTest.run("barcode", ring.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("dim0")).hasSize(1);
        assertThat(r.get("dim0").get(0).get(0).asDouble()).isEqualTo(0.9);
        assertThat(r.get("dim0").get(0).get(1).isNull()).isTrue();
        assertThat(r.get("dim1")).hasSize(1);
        assertThat(r.get("dim1").get(0).get(0).asDouble()).isEqualTo(0.5);
        assertThat(r.get("dim1").get(0).get(1).asDouble()).isEqualTo(0.1);
    }

    @Test
    void barcodeOfAGreyPngIsInUnitsOf255(@TempDir Path dir) throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 255);
        image.getRaster().setSample(1, 0, 0, 51);
        image.getRaster().setSample(2, 0, 0, 204);
        Path png = dir.resolve("strip.png");
        ImageIO.write(image, "png", png.toFile());
        CliTest.Outcome o = CliTest.run("barcode", png.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("dim0").get(1).get(0).asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(r.get("dim0").get(1).get(1).asDouble()).isCloseTo(0.2, within(1e-12));
        // a readable table without --json
        CliTest.Outcome table = CliTest.run("barcode", png.toString());
        assertThat(table.out()).contains("(0, 2)").contains("2 intervals in dimension 0, 0 in dimension 1");
    }

    @Test
    void bettiMatchOfTheWorkedExample(@TempDir Path dir) throws Exception {
        Path pred = csv(dir, "pred.csv", ".9,.2,.7\n.1,.1,.1\n.1,.1,.1\n");
        Path target = csv(dir, "target.csv", "1,0,0\n0,0,0\n0,0,0\n");
        CliTest.Outcome o = CliTest.run("betti-match", pred.toString(), target.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("loss").asDouble()).isCloseTo(0.27, within(1e-12));
        assertThat(r.get("bettiMatchingError").asInt()).isEqualTo(1);
        JsonNode pair = r.get("matched").get("dim0").get(0);
        assertThat(pair.get(0).get(0).asDouble()).isEqualTo(0.9);
        assertThat(pair.get(0).get(1).isNull()).isTrue();
        assertThat(pair.get(1).get(0).asDouble()).isEqualTo(1.0);
        assertThat(r.get("unmatchedPred").get("dim0").get(0).get(0).asDouble()).isEqualTo(0.7);
        assertThat(r.get("unmatchedPred").get("dim0").get(0).get(1).asDouble()).isEqualTo(0.2);
        assertThat(r.get("unmatchedTarget").get("dim0")).isEmpty();
        assertThat(r.get("matched").get("dim1")).isEmpty();
        CliTest.Outcome table = CliTest.run("betti-match", pred.toString(), target.toString());
        assertThat(table.out()).contains("loss L_BM = 0.270000").contains("Betti-matching error = 1");
    }

    @Test
    void badInputIsRefusedWithExit2NamingTheInput(@TempDir Path dir) throws Exception {
        Path good = csv(dir, "good.csv", "1,0\n0,1\n");
        assertRefused(CliTest.run("barcode", dir.resolve("missing.csv").toString()), "MAP file not found");
        assertRefused(CliTest.run("barcode", csv(dir, "empty.csv", "\n\n").toString()), "empty.csv is empty");
        assertRefused(CliTest.run("barcode", csv(dir, "nan.csv", "0,NaN\n").toString()),
                "'nan.csv' has NaN at row 0, column 1");
        assertRefused(CliTest.run("barcode", csv(dir, "word.csv", "0,x\n").toString()),
                "line 1, column 2: 'x' is not a number");
        assertRefused(CliTest.run("barcode", csv(dir, "ragged.csv", "0,1\n0\n").toString()),
                "line 2 has 1 values but the first row has 2");
        assertRefused(CliTest.run("barcode", csv(dir, "map.txt", "0\n").toString()), "must be a .png or .csv");
        assertRefused(CliTest.run("barcode", good.toString(), "--construction", "X"), "--construction must be T or V");
        assertRefused(CliTest.run("betti-match", good.toString(), csv(dir, "soft.csv", "1,0\n0,.5\n").toString()),
                "'TARGET soft.csv' must be binary");
        assertRefused(CliTest.run("betti-match", csv(dir, "wide.csv", "1,0,0\n0,1,0\n").toString(), good.toString()),
                "'PRED wide.csv' is 2×3 but 'TARGET good.csv' is 2×2");
        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("colour.png");
        ImageIO.write(colour, "png", png.toFile());
        assertRefused(CliTest.run("barcode", png.toString()), "colour.png is a colour PNG");
    }

    @Test
    void aOneByOneMapHasOneEssentialComponent(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("barcode", csv(dir, "dot.csv", "0.3\n").toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = Experiments.mapper().readTree(o.out());
        assertThat(r.get("dim0")).hasSize(1);
        assertThat(r.get("dim0").get(0).get(0).asDouble()).isEqualTo(0.3);
        assertThat(r.get("dim1")).isEmpty();
    }

    private static void assertRefused(CliTest.Outcome o, String message) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).contains(message);
    }
}
