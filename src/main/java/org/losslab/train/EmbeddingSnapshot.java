package org.losslab.train;

/**
 * The embeddings of one arm at one step, for pictures: the held-out rows first, then seen-class validation rows.
 *
 * @param points [n][dim]
 * @param labels [n] classes
 * @param heldOut [n] whether the row's class was never trained on
 */
public record EmbeddingSnapshot(int arm, long step, double[][] points, int[] labels, boolean[] heldOut) {}
