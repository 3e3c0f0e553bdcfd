package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecisionMapTest {

    private static DecisionMap leftRight() {
        // 4×2 grid over [0,4]×[0,2]: class 0 in the left half, class 1 in the right half.
        int[] predicted = {0, 0, 1, 1, 0, 0, 1, 1};
        double[] confidence = {0.9, 0.6, 0.6, 0.9, 0.9, 0.6, 0.6, 0.9};
        return new DecisionMap(4, 2, new Bounds2D(0, 0, 4, 2), 2, predicted, confidence, new int[] {0, 1}, 7, 2_000_000);
    }

    @Test
    void cellCentresAndLookupFollowTheBounds() {
        DecisionMap map = leftRight();
        assertThat(map.cellCenterX(0)).isEqualTo(0.5);
        assertThat(map.cellCenterY(1)).isEqualTo(1.5);
        assertThat(map.classAt(0.2, 1.9)).isZero();
        assertThat(map.classAt(3.9, 0.1)).isEqualTo(1);
        // Outside the grid: the nearest edge cell answers.
        assertThat(map.classAt(-10, 0)).isZero();
        assertThat(map.classAt(10, 5)).isEqualTo(1);
        assertThat(map.costMillis()).isEqualTo(2.0);
        assertThat(map.classShares()).containsExactly(0.5, 0.5);
    }

    @Test
    void arraysAreCopiedIn() {
        int[] predicted = new int[4];
        DecisionMap map = new DecisionMap(2, 2, new Bounds2D(0, 0, 1, 1), 2, predicted, new double[4], null, 0, 0);
        predicted[0] = 1;
        assertThat(map.predicted()[0]).isZero();
        assertThat(map.pointPredictions()).isEmpty();
    }

    @Test
    void refusesArraysThatDoNotFitTheGrid() {
        assertThatThrownBy(() -> new DecisionMap(3, 3, new Bounds2D(0, 0, 1, 1), 2, new int[8], new double[9], null, 0, 0))
                .hasMessageContaining("3×3 grid needs 9 cells");
        assertThatThrownBy(() -> new Bounds2D(1, 0, 1, 1)).hasMessageContaining("min < max");
    }

    @Test
    void boundsAroundPointsAreGrownByThePadding() {
        Bounds2D b = Bounds2D.around(new double[] {0, 0, 2, 1}, 0.1);
        assertThat(b.minX()).isEqualTo(-0.2);
        assertThat(b.maxX()).isEqualTo(2.2);
        assertThat(b.minY()).isEqualTo(-0.2);
        assertThat(b.maxY()).isEqualTo(1.2);
        // All points equal: still an area to draw.
        Bounds2D single = Bounds2D.around(new double[] {3, 3}, 0.1);
        assertThat(single.width()).isPositive();
    }
}
