package org.losslab.train;

import org.losslab.data.Dataset;

/**
 * The embeddings of one arm at one step, for pictures: the held-out rows first, then seen-class validation rows.
 *
 * @param points [n][dim]
 * @param labels [n] classes
 * @param heldOut [n] whether the row's class was never trained on
 * @param heldOutRows the examples of the first rows (immutable; for thumbnails)
 * @param seenRows the examples of the remaining rows
 */
public record EmbeddingSnapshot(int arm, long step, double[][] points, int[] labels, boolean[] heldOut,
        Dataset heldOutRows, Dataset seenRows) {

    /** The input features of point {@code i} (e.g. an image's pixels), in the data's feature shape. */
    public double[] example(int i) {
        return i < heldOutRows.size() ? heldOutRows.row(i) : seenRows.row(i - heldOutRows.size());
    }

    /** One example's shape, e.g. [1, 28, 28]. */
    public int[] exampleShape() {
        return heldOutRows.featureShape();
    }
}
