package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Barcodes of hand-built maps whose persistence is known by inspection. */
class CubicalPersistenceTest {

    private static List<double[]> bars(List<PersistenceInterval> intervals) {
        return intervals.stream().map(i -> new double[] {i.birth(), i.death()}).toList();
    }

    private static int pixel(int row, int col, int width) {
        return row * width + col;
    }

    /** A 5×5 ring of 0.9 around a 0.1 centre, on a 0 background, with one ring pixel lowered to `gap`. */
    private static ScalarMap ringWithGap(int gapRow, int gapCol, double gap) {
        double[][] v = new double[5][5];
        for (int r = 1; r <= 3; r++) {
            for (int c = 1; c <= 3; c++) {
                v[r][c] = r == 2 && c == 2 ? 0.1 : 0.9;
            }
        }
        v[gapRow][gapCol] = gap;
        return ScalarMap.of("ring", v);
    }

    @Test
    void ringWithAGapOnAnEdgeIsAHoleBornWhenTheGapCloses() {
        Barcode b = CubicalPersistence.compute(ringWithGap(1, 2, 0.5)).byPersistence();
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.9, Double.NaN});
        assertThat(bars(b.dim1())).containsExactly(new double[] {0.5, 0.1});
        PersistenceInterval hole = b.dim1().get(0);
        assertThat(hole.birthPixel()).isEqualTo(pixel(1, 2, 5));
        assertThat(hole.deathPixel()).isEqualTo(pixel(2, 2, 5));
        assertThat(b.dim0().get(0).isEssential()).isTrue();
        assertThat(b.dim0().get(0).birthPixel()).isEqualTo(pixel(1, 1, 5));
    }

    @Test
    void aGapAtACornerLeaksOnlyThroughADiagonalSoTheTConstructionSeesTheHoleAtOnce() {
        // T: the foreground is 8-connected, the hole 4-connected, and the centre touches the corner only diagonally
        Barcode t = CubicalPersistence.compute(ringWithGap(1, 1, 0.5), Construction.T).byPersistence();
        assertThat(bars(t.dim0())).containsExactly(new double[] {0.9, Double.NaN});
        assertThat(bars(t.dim1())).containsExactly(new double[] {0.9, 0.1});
        // V: the foreground is 4-connected and the hole 8-connected, so the corner gap opens the ring until 0.5
        Barcode v = CubicalPersistence.compute(ringWithGap(1, 1, 0.5), Construction.V).byPersistence();
        assertThat(bars(v.dim0())).containsExactly(new double[] {0.9, Double.NaN});
        assertThat(bars(v.dim1())).containsExactly(new double[] {0.5, 0.1});
    }

    @Test
    void nestedRings() {
        // outer ring 0.8 (rows/cols 1..7), inner ring 0.6 (3..5), 0.2 between them, centre 0.4, outside 0
        double[][] v = new double[9][9];
        for (int r = 1; r <= 7; r++) {
            for (int c = 1; c <= 7; c++) {
                int ring = Math.max(Math.abs(r - 4), Math.abs(c - 4));
                v[r][c] = switch (ring) {
                    case 3 -> 0.8;
                    case 2 -> 0.2;
                    case 1 -> 0.6;
                    default -> 0.4;
                };
            }
        }
        Barcode b = CubicalPersistence.compute(ScalarMap.of("nested", v)).byPersistence();
        // the inner ring is its own component until the 0.2 moat joins it to the outer ring
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.8, Double.NaN}, new double[] {0.6, 0.2});
        // the outer hole lives until the moat fills; the inner one until the centre does
        assertThat(bars(b.dim1())).containsExactly(new double[] {0.8, 0.2}, new double[] {0.6, 0.4});
        assertThat(b.dim1().get(1).deathPixel()).isEqualTo(pixel(4, 4, 9));
    }

    @Test
    void plateausOfEqualHeightAreOrderedByPixelIndex() {
        // two 2×2 plateaus at 0.7 joined by a 0.3 saddle; the first plateau in row-major order is the elder
        double[][] v = {
            {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.0, 0.7, 0.7, 0.3, 0.7, 0.7, 0.0},
            {0.0, 0.7, 0.7, 0.0, 0.7, 0.7, 0.0},
            {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}};
        Barcode b = CubicalPersistence.compute(ScalarMap.of("plateaus", v)).byPersistence();
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.7, Double.NaN}, new double[] {0.7, 0.3});
        assertThat(b.dim0().get(0).birthPixel()).isEqualTo(pixel(1, 1, 7));
        assertThat(b.dim0().get(1).birthPixel()).isEqualTo(pixel(1, 4, 7));
        assertThat(b.dim0().get(1).deathPixel()).isEqualTo(pixel(1, 3, 7));
        assertThat(b.dim1()).isEmpty();
    }

    @Test
    void aRingClosedByAPixelOfEqualValueIsBornWithTheRing() {
        // the "gap" ties with the ring: the hole is born at 0.9, and in row-major tie order (3,2) is the pixel
        // whose entry seals the centre's last 4-neighbour
        Barcode b = CubicalPersistence.compute(ringWithGap(3, 2, 0.9)).byPersistence();
        assertThat(bars(b.dim1())).containsExactly(new double[] {0.9, 0.1});
        assertThat(b.dim1().get(0).birthPixel()).isEqualTo(pixel(3, 2, 5));
    }

    @Test
    void aConstantMapHasOneEssentialComponentAndNothingElse() {
        Barcode b = CubicalPersistence.compute(ScalarMap.of("flat", 4, 6, new double[24])).byPersistence();
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.0, Double.NaN});
        assertThat(b.dim0().get(0).birthPixel()).isZero();
        assertThat(b.dim1()).isEmpty();
    }

    @Test
    void stripsHaveOnlyComponents() {
        double[] values = {0.9, 0.1, 0.8, 0.2, 0.7};
        Barcode row = CubicalPersistence.compute(ScalarMap.of("row", 1, 5, values)).byPersistence();
        Barcode column = CubicalPersistence.compute(ScalarMap.of("column", 5, 1, values)).byPersistence();
        for (Barcode b : List.of(row, column)) {
            assertThat(bars(b.dim0())).containsExactly(new double[] {0.9, Double.NaN}, new double[] {0.8, 0.1},
                    new double[] {0.7, 0.2});
            assertThat(b.dim0().get(1).deathPixel()).isEqualTo(1);
            assertThat(b.dim1()).isEmpty();
        }
    }

    @Test
    void aSinglePixelIsOneEssentialComponent() {
        Barcode b = CubicalPersistence.compute(ScalarMap.of("dot", 1, 1, new double[] {0.25})).byPersistence();
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.25, Double.NaN});
        assertThat(b.dim1()).isEmpty();
    }

    @Test
    void negativeZeroTiesWithZero() {
        Barcode b = CubicalPersistence.compute(ScalarMap.of("zeros", 1, 3, new double[] {-0.0, 0.0, -0.0}));
        assertThat(bars(b.dim0())).containsExactly(new double[] {0.0, Double.NaN});
        assertThat(b.dim0().get(0).birthPixel()).isZero();
    }

    @Test
    void badMapsAreRefusedNamingTheMap() {
        assertThatThrownBy(() -> ScalarMap.of("pred", 0, 3, new double[0])).hasMessageContaining("'pred' is empty");
        assertThatThrownBy(() -> ScalarMap.of("pred", new double[0][])).hasMessageContaining("'pred' is empty");
        assertThatThrownBy(() -> ScalarMap.of("pred", 2, 2, new double[] {0, 1, Double.NaN, 0}))
                .hasMessageContaining("'pred' has NaN at row 1, column 0");
        assertThatThrownBy(() -> ScalarMap.of("pred", 1, 2, new double[] {Double.POSITIVE_INFINITY, 0}))
                .hasMessageContaining("'pred' has Infinity");
        assertThatThrownBy(() -> ScalarMap.of("pred", new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("'pred' is ragged");
        assertThatThrownBy(() -> ScalarMap.of("pred", 2, 2, new double[3])).hasMessageContaining("has 3 values");
    }
}
