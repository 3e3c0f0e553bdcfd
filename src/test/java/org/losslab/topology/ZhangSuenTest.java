package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.topology.BettiNumbersTest.mask;

import org.junit.jupiter.api.Test;

/** Zhang–Suen thinning on shapes whose skeleton is known. */
class ZhangSuenTest {

    @Test
    void aThickBarThinsToItsMiddleRowShortenedMoreAtTheSouthEastEnd() {
        // the first sub-iteration peels the south-east boundary, so the east end loses one pixel more than the
        // west end: columns 2..5 of the bar's 1..7 (checked against a separate straightforward implementation)
        BinaryMask bar = mask(
                ".........",
                ".#######.",
                ".#######.",
                ".#######.",
                ".........");
        assertThat(ZhangSuen.skeleton(bar)).isEqualTo(mask(
                ".........",
                ".........",
                "..####...",
                ".........",
                "........."));
    }

    @Test
    void aThickRingKeepsItsHoleAndBecomesOnePixelWide() {
        String[] rows = new String[11];
        for (int r = 0; r < 11; r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < 11; c++) {
                int ring = Math.max(Math.abs(r - 5), Math.abs(c - 5));
                sb.append(ring >= 2 && ring <= 4 ? '#' : '.');
            }
            rows[r] = sb.toString();
        }
        BinaryMask ring = mask(rows);
        BinaryMask skeleton = ZhangSuen.skeleton(ring);
        assertThat(BettiNumbers.of(skeleton)).isEqualTo(new BettiNumbers(1, 1));
        for (int p = 0; p < skeleton.size(); p++) {
            assertThat(!skeleton.get(p) || ring.get(p)).as("skeleton ⊆ mask").isTrue();
        }
        // one pixel wide: no 2×2 block survives
        for (int r = 0; r + 1 < 11; r++) {
            for (int c = 0; c + 1 < 11; c++) {
                assertThat(skeleton.get(r, c) && skeleton.get(r + 1, c) && skeleton.get(r, c + 1)
                        && skeleton.get(r + 1, c + 1)).isFalse();
            }
        }
        assertThat(skeleton.count()).isLessThan(ring.count() / 2);
    }

    @Test
    void thinLinesAndSinglePixelsAreAlreadySkeletons() {
        BinaryMask line = mask(
                "#....",
                ".#...",
                "..###",
                ".....");
        assertThat(ZhangSuen.skeleton(line)).isEqualTo(line);
        BinaryMask dot = mask("...", ".#.", "...");
        assertThat(ZhangSuen.skeleton(dot)).isEqualTo(dot);
    }

    @Test
    void aLoneTwoByTwoBlockIsErasedAsInThePublishedAlgorithm() {
        assertThat(ZhangSuen.skeleton(mask("....", ".##.", ".##.", "....")).count()).isZero();
    }
}
