package org.losslab.engine;

import java.util.Arrays;

/**
 * A dense, row-major array of doubles on the Java heap: the only array type that crosses the engine seam.
 *
 * <p>Instances are immutable by contract: {@link #data()} exposes the backing array for speed, and no caller may
 * write to it. Integer data (class labels, indices) is carried as doubles holding whole numbers.
 */
public final class HostArray {
    private final double[] data;
    private final int[] shape;

    private HostArray(double[] data, int[] shape) {
        long expected = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            expected *= d;
        }
        if (expected != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + expected + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape;
    }

    /** Wraps {@code data} without copying; the caller hands over ownership and must not modify it afterwards. */
    public static HostArray wrap(double[] data, int... shape) {
        return new HostArray(data, shape.clone());
    }

    /** Copies {@code data}. */
    public static HostArray of(double[] data, int... shape) {
        return new HostArray(data.clone(), shape.clone());
    }

    public static HostArray scalar(double value) {
        return new HostArray(new double[] {value}, new int[0]);
    }

    public static HostArray vector(double... values) {
        return new HostArray(values.clone(), new int[] {values.length});
    }

    /** A rank-2 array from rows of equal length. */
    public static HostArray matrix(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return new HostArray(flat, new int[] {rows.length, cols});
    }

    public static HostArray zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new HostArray(new double[Math.toIntExact(n)], shape.clone());
    }

    /** The backing values in row-major order. Read-only by contract. */
    public double[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The single value of a scalar or one-element array. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one value, array has shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank " + index.length + " != array rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return data[flat];
    }

    /** The same values under another shape with the same element count. */
    public HostArray reshape(int... newShape) {
        return new HostArray(data, newShape.clone());
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along the first axis. */
    public HostArray rows(int from, int to) {
        int rowSize = shape.length == 0 ? 1 : data.length / Math.max(1, shape[0]);
        int[] s = shape.clone();
        s[0] = to - from;
        return new HostArray(Arrays.copyOfRange(data, from * rowSize, to * rowSize), s);
    }

    /** The rows at {@code indices} along the first axis, in that order. */
    public HostArray selectRows(int[] indices) {
        int rowSize = shape[0] == 0 ? 0 : data.length / shape[0];
        double[] out = new double[indices.length * rowSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * rowSize, out, i * rowSize, rowSize);
        }
        int[] s = shape.clone();
        s[0] = indices.length;
        return new HostArray(out, s);
    }

    public boolean allFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostArray h && Arrays.equals(shape, h.shape) && Arrays.equals(data, h.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String values = data.length <= 12 ? Arrays.toString(data) : Arrays.toString(Arrays.copyOf(data, 12)) + "…";
        return "HostArray" + Arrays.toString(shape) + values;
    }
}
