package org.losslab.data;

import java.util.Arrays;

/**
 * A mini-batch copied out of a {@link Dataset}: features row-major, one row per example.
 *
 * @param features {@code size × prod(featureShape)} values, row-major
 * @param labels class index of each example
 * @param featureShape shape of one example, e.g. {@code [2]} or {@code [1, 28, 28]}
 */
public record Batch(double[] features, int[] labels, int[] featureShape) {

    public int size() {
        return labels.length;
    }

    /** Shape of the whole batch, {@code [size, featureShape...]}, as an engine tensor wants it. */
    public int[] shape() {
        int[] s = new int[featureShape.length + 1];
        s[0] = labels.length;
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        return s;
    }

    @Override
    public String toString() {
        return "Batch[" + Arrays.toString(shape()) + "]";
    }
}
