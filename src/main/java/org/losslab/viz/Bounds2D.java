package org.losslab.viz;

/**
 * An axis-aligned rectangle of the plane: the area a 2-D view shows.
 *
 * @param minX left edge
 * @param minY bottom edge
 * @param maxX right edge, greater than {@code minX}
 * @param maxY top edge, greater than {@code minY}
 */
public record Bounds2D(double minX, double minY, double maxX, double maxY) {

    public Bounds2D {
        if (!(minX < maxX) || !(minY < maxY) || !Double.isFinite(minX) || !Double.isFinite(maxX)
                || !Double.isFinite(minY) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("bounds need finite edges with min < max: x in [" + minX + ", " + maxX
                    + "], y in [" + minY + ", " + maxY + "]");
        }
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    /** The smallest box around {@code n} points stored as x0, y0, x1, y1, …, grown by {@code padding} of its larger side. */
    public static Bounds2D around(double[] xy, double padding) {
        if (xy.length < 2) {
            return new Bounds2D(-1, -1, 1, 1);
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        // A degenerate box (all points on a line) still needs an area to draw.
        double pad = padding * Math.max(Math.max(maxX - minX, maxY - minY), 1e-6);
        return new Bounds2D(minX - pad, minY - pad, maxX + pad, maxY + pad);
    }
}
