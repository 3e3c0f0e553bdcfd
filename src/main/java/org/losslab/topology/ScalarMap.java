package org.losslab.topology;

import java.util.Arrays;

/**
 * An immutable 2-D map of finite values, shape (height, width), stored row-major. The name is the one used in
 * messages about the map (a file name, {@code pred}, {@code target}…).
 */
public final class ScalarMap {
    private final String name;
    private final int height;
    private final int width;
    private final double[] values;

    private ScalarMap(String name, int height, int width, double[] values) {
        this.name = name;
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /**
     * A map from row-major values (copied; −0.0 becomes 0.0).
     *
     * @throws IllegalArgumentException naming the map if it is empty, if the length is not height·width or if a value
     *     is NaN or infinite
     */
    public static ScalarMap of(String name, int height, int width, double[] values) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("map '" + name + "' is empty (" + height + "×" + width + ")");
        }
        if (values.length != (long) height * width) {
            throw new IllegalArgumentException("map '" + name + "' is " + height + "×" + width + " but has "
                    + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("map '" + name + "' has " + values[i] + " at row " + i / width
                        + ", column " + i % width + "; values must be finite");
            }
        }
        double[] copy = new double[values.length];
        for (int i = 0; i < copy.length; i++) {
            // −0.0 + 0.0 is 0.0: equal values must compare equal, bit for bit, in the tie rule
            copy[i] = values[i] + 0.0;
        }
        return new ScalarMap(name, height, width, copy);
    }

    /** A map from rows of equal length (copied). */
    public static ScalarMap of(String name, double[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("map '" + name + "' is empty");
        }
        int width = rows[0].length;
        double[] values = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("map '" + name + "' is ragged: row 0 has " + width
                        + " values, row " + r + " has " + rows[r].length);
            }
            System.arraycopy(rows[r], 0, values, r * width, width);
        }
        return of(name, rows.length, width, values);
    }

    public String name() {
        return name;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of pixels, height·width. */
    public int size() {
        return values.length;
    }

    public double at(int row, int col) {
        return values[row * width + col];
    }

    /** The value of a pixel by row-major index. */
    public double value(int pixel) {
        return values[pixel];
    }

    /** A copy of the row-major values. */
    public double[] values() {
        return values.clone();
    }

    /** The row-major values without a copy, for this package's hot loops; never written to. */
    double[] raw() {
        return values;
    }

    /** The same values under another name (for messages). */
    public ScalarMap named(String newName) {
        return new ScalarMap(newName, height, width, values);
    }

    /** True if every value is exactly 0 or 1. */
    public boolean isBinary() {
        for (double v : values) {
            if (v != 0.0 && v != 1.0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pixelwise maximum of two maps of equal shape: the comparison image of Betti matching for the superlevel
     * filtration (LOSSES.md §3 {@code betti-matching}).
     */
    public ScalarMap max(ScalarMap other, String resultName) {
        requireSameShape(other);
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(values[i], other.values[i]);
        }
        return new ScalarMap(resultName, height, width, out);
    }

    /** @throws IllegalArgumentException naming both maps if their shapes differ */
    public void requireSameShape(ScalarMap other) {
        if (height != other.height || width != other.width) {
            throw new IllegalArgumentException("map '" + name + "' is " + height + "×" + width + " but '"
                    + other.name + "' is " + other.height + "×" + other.width + "; they must have the same size");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalarMap m && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ScalarMap[" + name + ", " + height + "×" + width + "]";
    }
}
