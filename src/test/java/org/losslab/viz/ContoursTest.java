package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContoursTest {
    /** f = x² + y² on [−1, 1]², n points a side: the level r² is the circle of radius r. */
    private static double[] paraboloid(int n) {
        double[] v = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = -1 + 2.0 * i / (n - 1);
                double y = -1 + 2.0 * j / (n - 1);
                v[j * n + i] = x * x + y * y;
            }
        }
        return v;
    }

    private static double[] cone(int n) {
        double[] v = paraboloid(n);
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.sqrt(v[k]);
        }
        return v;
    }

    private static double radius(Contours.Line line, int k, int n) {
        double x = -1 + 2.0 * line.xs()[k] / (n - 1);
        double y = -1 + 2.0 * line.ys()[k] / (n - 1);
        return Math.hypot(x, y);
    }

    @Test
    void aParaboloidsLevelSetIsOneClosedCircleOfRadiusSqrtLevel() {
        int n = 81;
        for (double r : new double[] {0.3, 0.5, 0.9}) {
            List<Contours.Line> lines = Contours.trace(paraboloid(n), n, n, r * r);
            assertThat(lines).hasSize(1);
            Contours.Line line = lines.get(0);
            assertThat(line.closed()).isTrue();
            assertThat(line.xs()[0]).isEqualTo(line.xs()[line.size() - 1]);
            // linear interpolation of x² on a 0.025 grid is off by at most h²/(8r): well under 0.001 here
            for (int k = 0; k < line.size(); k++) {
                assertThat(radius(line, k, n)).isCloseTo(r, within(1e-3));
            }
            // a circle of radius r crosses about 2πr/h·(4/π) grid edges: every crossing is one point
            double h = 2.0 / (n - 1);
            assertThat(line.size() - 1).isBetween((int) (8 * r / h) - 4, (int) (8 * r / h) + 4);
        }
    }

    @Test
    void aConesContoursAreConcentricCirclesAtTheLevels() {
        int n = 61;
        double[] levels = Contours.levels(0, 1, 4, false);
        assertThat(levels).containsExactly(new double[] {0.2, 0.4, 0.6, 0.8}, within(1e-12));
        List<Contours.Line> lines = Contours.trace(cone(n), n, n, levels);
        assertThat(lines).hasSize(4);
        for (Contours.Line line : lines) {
            assertThat(line.closed()).isTrue();
            for (int k = 0; k < line.size(); k++) {
                // the cone is straight along rays; off the axes interpolation bends inward by < h/4
                assertThat(radius(line, k, n)).isCloseTo(line.level(), within(0.01));
            }
        }
    }

    @Test
    void aLevelCutByTheBorderGivesAnOpenLineEndingOnTheBorder() {
        int n = 41;
        List<Contours.Line> lines = Contours.trace(paraboloid(n), n, n, 1.5); // radius 1.22 > half side
        assertThat(lines).hasSize(4); // the four corners are cut off
        for (Contours.Line line : lines) {
            assertThat(line.closed()).isFalse();
            double x0 = line.xs()[0];
            double y0 = line.ys()[0];
            assertThat(x0 == 0 || x0 == n - 1 || y0 == 0 || y0 == n - 1).as("starts on the border").isTrue();
        }
    }

    @Test
    void nanCellsAreLeftOut() {
        int n = 41;
        double[] v = paraboloid(n);
        for (int j = 0; j < n; j++) {
            v[j * n + n / 2] = Double.NaN; // a NaN column through the middle
        }
        List<Contours.Line> lines = Contours.trace(v, n, n, 0.25);
        assertThat(lines).hasSize(2); // the circle is cut into its left and right halves
        assertThat(lines).allMatch(l -> !l.closed());
    }

    @Test
    void levelsOnALogScaleAreGeometric() {
        double[] levels = Contours.levels(0.01, 100, 3, true);
        assertThat(levels).containsExactly(new double[] {0.1, 1, 10}, within(1e-9));
        assertThatThrownBy(() -> Contours.levels(0, 1, 3, true)).hasMessageContaining("positive lower bound");
        assertThatThrownBy(() -> Contours.trace(new double[3], 2, 2, 0.5)).hasMessageContaining("2×2");
    }
}
