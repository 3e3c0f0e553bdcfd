package org.losslab.viz;

/**
 * One class's hyperplane of hyperbolic logistic regression in the Poincaré disk of radius R = 1/√c: the set where
 * the class's logit is zero, {x : ⟨(−p) ⊕ x, a⟩ = 0}. It is the geodesic through the offset p whose normal at p is
 * a: a circle arc that meets the rim at right angles, or a diameter when it passes through the centre. The logit is
 * positive on the side a points to.
 *
 * @param classIndex the class whose logit vanishes here
 * @param px offset p, x (inside the disk)
 * @param py offset p, y
 * @param ax normal a, x
 * @param ay normal a, y
 * @param radius R, the disk's radius
 */
public record DiskHyperplane(int classIndex, double px, double py, double ax, double ay, double radius) {
    /**
     * Beyond this many disk radii a circle's arc inside the disk is straight to well under a pixel (its sag is
     * R²/(2r)), and a straight chord avoids the cancellation of a huge centre and radius.
     */
    private static final double STRAIGHT_BEYOND = 1e4;

    public DiskHyperplane {
        if (!Double.isFinite(px) || !Double.isFinite(py) || !Double.isFinite(ax) || !Double.isFinite(ay)) {
            throw new IllegalArgumentException("hyperplane of class " + classIndex + " needs finite p and a, got p = ("
                    + px + ", " + py + "), a = (" + ax + ", " + ay + ")");
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("disk radius must be a positive number, got " + radius);
        }
        if (px * px + py * py >= radius * radius) {
            throw new IllegalArgumentException("offset p of class " + classIndex + " lies outside the disk of radius "
                    + radius + ": (" + px + ", " + py + ")");
        }
    }

    /** True when a = 0: every point then has logit 0 and there is no line to draw. */
    public boolean isDegenerate() {
        return ax == 0 && ay == 0;
    }

    /**
     * The hyperplane as a polyline from rim to rim, x0, y0, x1, y1, …: {@code segments} + 1 points, both ends on the
     * rim. Empty when {@link #isDegenerate()}.
     */
    public double[] polyline(int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("segments must be at least 1, got " + segments);
        }
        if (isDegenerate()) {
            return new double[0];
        }
        double norm = Math.hypot(ax, ay);
        double nx = ax / norm;
        double ny = ay / norm;
        double r2 = radius * radius;
        double pn = px * nx + py * ny;
        // A circle through p with its centre on p's normal line, m = p + t·n, is orthogonal to the rim exactly
        // when |m|² = R² + t², which fixes t.
        double t = (r2 - px * px - py * py) / (2 * pn);
        double[] xy = new double[2 * (segments + 1)];
        if (pn == 0 || Math.abs(t) > STRAIGHT_BEYOND * radius) {
            // The chord through p along the tangent u = (−n_y, n_x), from rim to rim.
            double ux = -ny;
            double uy = nx;
            double pu = px * ux + py * uy;
            double half = Math.sqrt(pu * pu - (px * px + py * py) + r2);
            double from = -pu - half;
            double to = -pu + half;
            for (int i = 0; i <= segments; i++) {
                double s = from + (to - from) * i / segments;
                xy[2 * i] = px + s * ux;
                xy[2 * i + 1] = py + s * uy;
            }
            return xy;
        }
        double mx = px + t * nx;
        double my = py + t * ny;
        double r = Math.abs(t);
        // Seen from the centre m, the rim crossings lie ±atan(R/r) either side of the direction to the origin.
        double towardsOrigin = Math.atan2(-my, -mx);
        double spread = Math.atan2(radius, r);
        for (int i = 0; i <= segments; i++) {
            double angle = towardsOrigin - spread + 2 * spread * i / segments;
            xy[2 * i] = mx + r * Math.cos(angle);
            xy[2 * i + 1] = my + r * Math.sin(angle);
        }
        return xy;
    }
}
