package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.losslab.loss.hyperbolic.HostPoincareBall;
import org.junit.jupiter.api.Test;

/**
 * The drawn hyperplane is the MLR's zero set: every point of the polyline has logit 0 by the double twin, the arc
 * meets the rim at its ends at a right angle, and it passes through the offset p.
 */
class DiskHyperplaneTest {
    private static final double C = 0.1;
    private static final HostPoincareBall BALL = new HostPoincareBall(C);
    private static final double R = 1 / Math.sqrt(C);

    private static void assertIsTheZeroSet(DiskHyperplane h, int segments) {
        assertIsTheZeroSet(h, segments, 1e-9);
    }

    private static void assertIsTheZeroSet(DiskHyperplane h, int segments, double tolerance) {
        double[] xy = h.polyline(segments);
        assertThat(xy).hasSize(2 * (segments + 1));
        double[] a = {h.ax(), h.ay()};
        double[] p = {h.px(), h.py()};
        double aNorm = Math.hypot(h.ax(), h.ay());
        // The ends are on the rim, where the logit is not defined; every inner point has logit 0.
        assertThat(Math.hypot(xy[0], xy[1])).isCloseTo(R, within(1e-9));
        assertThat(Math.hypot(xy[2 * segments], xy[2 * segments + 1])).isCloseTo(R, within(1e-9));
        for (int i = 1; i < segments; i++) {
            double[] q = {xy[2 * i], xy[2 * i + 1]};
            assertThat(BALL.mlrLogit(q, a, p) / aNorm).as("logit at point %d", i).isCloseTo(0, within(tolerance));
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= segments; i++) {
            nearest = Math.min(nearest, Math.hypot(xy[2 * i] - p[0], xy[2 * i + 1] - p[1]));
        }
        assertThat(nearest).as("distance of the polyline to p").isLessThan(2 * R / segments * 2);
    }

    @Test
    void arcsOfRandomHyperplanesAreTheirZeroSets() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            double[] p = BALL.expmap0(new double[] {1.5 * r.nextGaussian(), 1.5 * r.nextGaussian()});
            DiskHyperplane h = new DiskHyperplane(trial, p[0], p[1], r.nextGaussian(), r.nextGaussian(), R);
            assertIsTheZeroSet(h, 200);
        }
    }

    @Test
    void anArcMeetsTheRimAtARightAngle() {
        DiskHyperplane h = new DiskHyperplane(0, 1.0, 0.5, 1, 0.3, R);
        double[] xy = h.polyline(2000);
        // At its end e on the rim the arc runs along the radius through e: the two circles cross at a right angle.
        double ex = xy[0];
        double ey = xy[1];
        double dx = xy[2] - ex;
        double dy = xy[3] - ey;
        double cos = (dx * ex + dy * ey) / (Math.hypot(dx, dy) * Math.hypot(ex, ey));
        assertThat(Math.abs(cos)).isCloseTo(1, within(1e-3));
    }

    @Test
    void aHyperplaneThroughTheCentreIsADiameter() {
        DiskHyperplane h = new DiskHyperplane(1, 0, 0, 0, 2, R);
        double[] xy = h.polyline(4);
        assertThat(xy).containsExactly(new double[] {R, 0, R / 2, 0, 0, 0, -R / 2, 0, -R, 0}, within(1e-12));
        // An offset along the normal's tangent also gives a straight line through the centre.
        assertIsTheZeroSet(new DiskHyperplane(1, 0.8, 0.8, 1, -1, R), 50);
    }

    @Test
    void aNearlyStraightHyperplaneIsDrawnAsAChord() {
        // The true arc has a radius near 5e9 and sags by about R²/(2r) = 1e-9 from the chord drawn instead; near
        // the rim the logit changes ~λ times faster than the position, hence the looser bound.
        assertIsTheZeroSet(new DiskHyperplane(2, 1.2, -1.2 + 1e-9, 1, 1, R), 20, 1e-7);
    }

    @Test
    void aZeroNormalHasNothingToDraw() {
        DiskHyperplane h = new DiskHyperplane(0, 0.3, 0.2, 0, 0, R);
        assertThat(h.isDegenerate()).isTrue();
        assertThat(h.polyline(10)).isEmpty();
    }

    @Test
    void refusesAnOffsetOutsideTheDisk() {
        assertThatThrownBy(() -> new DiskHyperplane(3, R, 0.1, 1, 0, R)).hasMessageContaining("class 3")
                .hasMessageContaining("outside");
    }
}
