package org.losslab.analysis.embedding;

import java.util.Arrays;

/**
 * One picture of N points in 1–3 dimensions: coordinates row-major, point {@code i}'s axis {@code a} at
 * {@code i * dims + a}. Immutable (the array is copied in and out), so it can be handed to the UI thread as is.
 */
public final class EmbeddingFrame {
    private final double[] coordinates;
    private final int size;
    private final int dims;

    /**
     * @param coordinates [N × dims] row-major; copied
     * @param dims 1, 2 or 3
     */
    public EmbeddingFrame(double[] coordinates, int dims) {
        this(dims, coordinates.clone());
    }

    private EmbeddingFrame(int dims, double[] owned) {
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("dims must be 1, 2 or 3, got " + dims);
        }
        if (owned.length % dims != 0) {
            throw new IllegalArgumentException("coordinates hold " + owned.length + " values, not a multiple of dims "
                    + dims);
        }
        for (int i = 0; i < owned.length; i++) {
            if (!Double.isFinite(owned[i])) {
                throw new IllegalArgumentException("coordinate " + i + " is " + owned[i]);
            }
        }
        this.coordinates = owned;
        this.size = owned.length / dims;
        this.dims = dims;
    }

    /** Takes ownership of {@code owned}: callers in this package never touch it afterwards. */
    static EmbeddingFrame wrap(double[] owned, int dims) {
        return new EmbeddingFrame(dims, owned);
    }

    /** Frame of the rows of {@code points} ([N][dims]). */
    public static EmbeddingFrame ofRows(double[][] points) {
        if (points.length == 0) {
            throw new IllegalArgumentException("points must not be empty");
        }
        int dims = points[0].length;
        double[] flat = new double[points.length * dims];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != dims) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " coordinates, point 0 has "
                        + dims);
            }
            System.arraycopy(points[i], 0, flat, i * dims, dims);
        }
        return new EmbeddingFrame(dims, flat);
    }

    /** Number of points N. */
    public int size() {
        return size;
    }

    public int dims() {
        return dims;
    }

    public double coordinate(int point, int axis) {
        return coordinates[point * dims + axis];
    }

    /** A copy of the coordinates, [N × dims] row-major. */
    public double[] coordinates() {
        return coordinates.clone();
    }

    /** Read-only access for this package's numerics, which must not write to it. */
    double[] raw() {
        return coordinates;
    }

    /** Per axis {min, max}: {@code [2 × dims]} as {min0, max0, min1, max1, …}. */
    public double[] bounds() {
        double[] b = new double[2 * dims];
        for (int a = 0; a < dims; a++) {
            b[2 * a] = Double.POSITIVE_INFINITY;
            b[2 * a + 1] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < size; i++) {
            for (int a = 0; a < dims; a++) {
                double v = coordinates[i * dims + a];
                b[2 * a] = Math.min(b[2 * a], v);
                b[2 * a + 1] = Math.max(b[2 * a + 1], v);
            }
        }
        return b;
    }

    /** Root-mean-square distance of the points from their centroid: the map's size, to judge a displacement by. */
    public double spread() {
        double[] mean = new double[dims];
        for (int i = 0; i < size; i++) {
            for (int a = 0; a < dims; a++) {
                mean[a] += coordinates[i * dims + a] / size;
            }
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            for (int a = 0; a < dims; a++) {
                double t = coordinates[i * dims + a] - mean[a];
                sum += t * t;
            }
        }
        return Math.sqrt(sum / size);
    }

    /**
     * Mean Euclidean distance between each point and the same-index point of {@code other}, over the points both
     * have: how far the picture moved between two frames.
     */
    public double meanDisplacement(EmbeddingFrame other) {
        if (other.dims != dims) {
            throw new IllegalArgumentException("frames differ in dims: " + dims + " vs " + other.dims);
        }
        int matched = Math.min(size, other.size);
        double sum = 0;
        for (int i = 0; i < matched; i++) {
            double d2 = 0;
            for (int a = 0; a < dims; a++) {
                double t = coordinates[i * dims + a] - other.coordinates[i * dims + a];
                d2 += t * t;
            }
            sum += Math.sqrt(d2);
        }
        return matched == 0 ? 0 : sum / matched;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingFrame f && f.dims == dims && Arrays.equals(f.coordinates, coordinates);
    }

    @Override
    public int hashCode() {
        return 31 * dims + Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "EmbeddingFrame[" + size + " points × " + dims + "]";
    }
}
