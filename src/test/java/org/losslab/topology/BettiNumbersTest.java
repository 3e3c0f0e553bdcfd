package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Betti numbers of masks: hand-built shapes and every bundled TopoMortar label against its {@code betti.csv}. */
class BettiNumbersTest {
    private static final String TOPOMORTAR = "/org/losslab/data/topomortar/";

    static BinaryMask mask(String... rows) {
        boolean[] fg = new boolean[rows.length * rows[0].length()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[0].length(); c++) {
                fg[r * rows[0].length() + c] = rows[r].charAt(c) == '#';
            }
        }
        return BinaryMask.of("mask", rows.length, rows[0].length(), fg);
    }

    @Test
    void diagonalNeighboursAreOneComponentAndDiagonalLeaksDoNotOpenAHole() {
        BinaryMask diamond = mask(
                ".....",
                "..#..",
                ".#.#.",
                "..#..",
                ".....");
        assertThat(BettiNumbers.of(diamond)).isEqualTo(new BettiNumbers(1, 1));
        assertThat(BettiNumbers.of(diamond, Construction.V)).isEqualTo(new BettiNumbers(4, 0));
    }

    @Test
    void holesTouchingTheBorderAreNotHoles() {
        BinaryMask u = mask(
                "#.#",
                "#.#",
                "###");
        assertThat(BettiNumbers.of(u)).isEqualTo(new BettiNumbers(1, 0));
        BinaryMask twoHoles = mask(
                "#####",
                "#.#.#",
                "#####");
        assertThat(BettiNumbers.of(twoHoles)).isEqualTo(new BettiNumbers(1, 2));
        assertThat(BettiNumbers.of(mask("...", "...")).betti0()).isZero();
    }

    @Test
    void bettiNumbersAgreeWithTheBarcodeOfTheMask() {
        BinaryMask m = mask(
                "##..#",
                "#.#.#",
                "###..",
                "...#.");
        Barcode b = CubicalPersistence.compute(m.toMap());
        BettiNumbers n = BettiNumbers.of(m);
        assertThat(b.bettiAt(0, 1.0)).isEqualTo(n.betti0()).isEqualTo(2);
        assertThat(b.bettiAt(1, 1.0)).isEqualTo(n.betti1()).isEqualTo(1);
    }

    @Test
    void bettiErrorsAreAbsoluteDifferences() {
        BinaryMask ring = mask("###", "#.#", "###");
        BinaryMask dots = mask("#.#", "...", "#.#");
        assertThat(BettiNumbers.errors(dots, ring)).isEqualTo(new BettiNumbers(3, 1));
        assertThatThrownBy(() -> BettiNumbers.errors(ring, mask("##", "##")))
                .hasMessageContaining("3×3").hasMessageContaining("2×2");
    }

    @Test
    void nonBinaryMasksAreRefusedNamingTheMaskAndPixel() {
        ScalarMap soft = ScalarMap.of("target.png", 2, 2, new double[] {0, 1, 0.5, 1});
        assertThatThrownBy(() -> BinaryMask.of(soft))
                .hasMessageContaining("'target.png' must be binary").hasMessageContaining("row 1, column 0");
    }

    @Test
    void everyBundledTopoMortarLabelHasTheBettiNumbersOfBettiCsv() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = BettiNumbersTest.class.getResourceAsStream(TOPOMORTAR + "betti.csv")) {
            assertThat(in).as("bundled betti.csv").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("split,id,group,betti0,betti1");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        assertThat(rows).hasSize(170);
        List<String> mismatches = new ArrayList<>();
        for (String[] row : rows) {
            BinaryMask label = readLabel(TOPOMORTAR + row[0] + "/accurate/" + row[1] + ".png");
            BettiNumbers expected = new BettiNumbers(Integer.parseInt(row[3]), Integer.parseInt(row[4]));
            BettiNumbers actual = BettiNumbers.of(label);
            if (!actual.equals(expected)) {
                mismatches.add(row[0] + "/" + row[1] + ": " + actual + " vs " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theBarcodeOfATopoMortarLabelCountsItsBettiNumbers() throws Exception {
        BinaryMask label = readLabel(TOPOMORTAR + "train/accurate/002.png");
        Barcode b = CubicalPersistence.compute(label.toMap());
        assertThat(b.dim0()).hasSize(1);
        assertThat(b.dim1()).hasSize(484);
        assertThat(b.dim1()).allMatch(i -> i.birth() == 1.0 && i.death() == 0.0);
    }

    static BinaryMask readLabel(String resource) throws Exception {
        try (InputStream in = BettiNumbersTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            BufferedImage image = ImageIO.read(in);
            int h = image.getHeight();
            int w = image.getWidth();
            boolean[] fg = new boolean[h * w];
            var raster = image.getRaster();
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    fg[r * w + c] = raster.getSample(c, r, 0) != 0;
                }
            }
            return BinaryMask.of(resource, h, w, fg);
        }
    }
}
