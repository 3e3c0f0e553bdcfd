package org.losslab.viz;

/**
 * Labelled points in the plane, drawn on top of a decision map.
 *
 * @param xy coordinates x0, y0, x1, y1, … (read-only by contract)
 * @param labels class index of each point
 */
public record Scatter2D(double[] xy, int[] labels) {

    public Scatter2D {
        if (xy.length != 2 * labels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + 2 * labels.length
                    + " coordinates, got " + xy.length);
        }
    }

    public static Scatter2D empty() {
        return new Scatter2D(new double[0], new int[0]);
    }

    public int size() {
        return labels.length;
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    public int label(int i) {
        return labels[i];
    }
}
