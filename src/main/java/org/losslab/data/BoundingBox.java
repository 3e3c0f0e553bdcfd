package org.losslab.data;

/**
 * The axis-aligned box around 2-D points: what a decision-boundary view needs to choose its grid.
 *
 * @param minX smallest first coordinate
 * @param minY smallest second coordinate
 * @param maxX largest first coordinate
 * @param maxY largest second coordinate
 */
public record BoundingBox(double minX, double minY, double maxX, double maxY) {

    public BoundingBox {
        if (!(minX <= maxX) || !(minY <= maxY)) {
            throw new IllegalArgumentException("empty box: x in [" + minX + ", " + maxX + "], y in [" + minY + ", "
                    + maxY + "]");
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

    /** The smallest box holding both, e.g. train and validation points in one plot. */
    public BoundingBox union(BoundingBox other) {
        return new BoundingBox(Math.min(minX, other.minX), Math.min(minY, other.minY), Math.max(maxX, other.maxX),
                Math.max(maxY, other.maxY));
    }

    /**
     * Grown on every side by {@code fraction} of its larger side, so points do not sit on the plot's edge and a
     * degenerate box (all points on a line) still has an area.
     */
    public BoundingBox padded(double fraction) {
        double pad = fraction * Math.max(Math.max(width(), height()), 1e-9);
        return new BoundingBox(minX - pad, minY - pad, maxX + pad, maxY + pad);
    }
}
