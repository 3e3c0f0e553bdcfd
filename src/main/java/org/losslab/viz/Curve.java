package org.losslab.viz;

/**
 * A line to plot: x values (steps) and y values of equal length.
 *
 * @param name legend text, e.g. {@code train loss}
 * @param x increasing x values
 * @param y one y value per x
 */
public record Curve(String name, double[] x, double[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve '" + name + "' has " + x.length + " x values and " + y.length
                    + " y values");
        }
    }

    public int size() {
        return x.length;
    }
}
