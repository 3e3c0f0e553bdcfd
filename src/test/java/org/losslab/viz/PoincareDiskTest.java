package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The disk record: its distances are hyperbolic ones, and inconsistent parts are refused. */
class PoincareDiskTest {
    private static final double C = 0.25; // R = 2

    private static DecisionMap regions(int classes) {
        return new DecisionMap(2, 2, PoincareDisk.bounds(C), classes, new int[] {-1, 0, 1, -1},
                new double[] {0, 0.7, 0.6, 0}, new int[0], 5, 0);
    }

    private static List<DiskHyperplane> planes() {
        return List.of(new DiskHyperplane(0, 0.1, 0, 1, 0, 2), new DiskHyperplane(1, 0, 0.1, 0, 1, 2));
    }

    @Test
    void distancesFromTheCentreAreHyperbolic() {
        Scatter2D points = new Scatter2D(new double[] {1, 0, 0, -0.5, 0.2, 0.2}, new int[] {0, 1, 1});
        PoincareDisk disk = new PoincareDisk(C, 1.5, points, new int[] {0, 0, 1}, planes(), regions(2), 5, 0);
        assertThat(disk.radius()).isEqualTo(2.0);
        // d(0, x) = (2/√c) artanh(√c |x|): for |x| = 1, 4·artanh(0.5) = 2 ln 3.
        assertThat(disk.farthestDistance()).isCloseTo(2 * Math.log(3), within(1e-12));
        assertThat(disk.reachDistance()).isCloseTo(4 * 0.5 * Math.log((1 + 0.75) / (1 - 0.75)), within(1e-12));
        assertThat(disk.mistakes()).isEqualTo(1);
        assertThat(PoincareDisk.bounds(C)).isEqualTo(new Bounds2D(-2, -2, 2, 2));
    }

    @Test
    void refusesPartsThatDoNotFit() {
        Scatter2D points = new Scatter2D(new double[] {0, 0}, new int[] {0});
        assertThatThrownBy(() -> new PoincareDisk(C, 1, points, new int[] {0, 1}, planes(), regions(2), 0, 0))
                .hasMessageContaining("predictions");
        assertThatThrownBy(() -> new PoincareDisk(C, 1, points, new int[] {0}, planes(), regions(3), 0, 0))
                .hasMessageContaining("hyperplanes");
        assertThatThrownBy(() -> new PoincareDisk(C, 2.5, points, new int[] {0}, planes(), regions(2), 0, 0))
                .hasMessageContaining("reach");
        assertThatThrownBy(() -> new PoincareDisk(0, 1, points, new int[] {0}, planes(), regions(2), 0, 0))
                .hasMessageContaining("curvature");
    }
}
