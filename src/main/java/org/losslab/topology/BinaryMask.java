package org.losslab.topology;

/** An immutable binary mask, shape (height, width), row-major; {@code true} is foreground. */
public final class BinaryMask {
    private final String name;
    private final int height;
    private final int width;
    private final boolean[] foreground;

    private BinaryMask(String name, int height, int width, boolean[] foreground) {
        this.name = name;
        this.height = height;
        this.width = width;
        this.foreground = foreground;
    }

    /** A mask from row-major flags (copied). */
    public static BinaryMask of(String name, int height, int width, boolean[] foreground) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("mask '" + name + "' is empty (" + height + "×" + width + ")");
        }
        if (foreground.length != (long) height * width) {
            throw new IllegalArgumentException("mask '" + name + "' is " + height + "×" + width + " but has "
                    + foreground.length + " values");
        }
        return new BinaryMask(name, height, width, foreground.clone());
    }

    /**
     * The mask of a map whose values are all 0 or 1.
     *
     * @throws IllegalArgumentException naming the map and the first offending pixel if a value is neither 0 nor 1
     */
    public static BinaryMask of(ScalarMap map) {
        boolean[] fg = new boolean[map.size()];
        for (int i = 0; i < fg.length; i++) {
            double v = map.value(i);
            if (v != 0.0 && v != 1.0) {
                throw new IllegalArgumentException("mask '" + map.name() + "' must be binary (0 or 1) but has " + v
                        + " at row " + i / map.width() + ", column " + i % map.width());
            }
            fg[i] = v == 1.0;
        }
        return new BinaryMask(map.name(), map.height(), map.width(), fg);
    }

    /** The mask {@code map ≥ threshold}: the superlevel set at that threshold. */
    public static BinaryMask threshold(ScalarMap map, double threshold) {
        boolean[] fg = new boolean[map.size()];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = map.value(i) >= threshold;
        }
        return new BinaryMask(map.name() + " ≥ " + threshold, map.height(), map.width(), fg);
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

    public int size() {
        return foreground.length;
    }

    public boolean get(int pixel) {
        return foreground[pixel];
    }

    public boolean get(int row, int col) {
        return foreground[row * width + col];
    }

    /** Number of foreground pixels. */
    public int count() {
        int n = 0;
        for (boolean b : foreground) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** A copy of the row-major flags. */
    public boolean[] toArray() {
        return foreground.clone();
    }

    /** The mask as a 0/1 map. */
    public ScalarMap toMap() {
        double[] v = new double[foreground.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = foreground[i] ? 1.0 : 0.0;
        }
        return ScalarMap.of(name, height, width, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && m.height == height && m.width == width
                && java.util.Arrays.equals(m.foreground, foreground);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + java.util.Arrays.hashCode(foreground);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                sb.append(foreground[r * width + c] ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
