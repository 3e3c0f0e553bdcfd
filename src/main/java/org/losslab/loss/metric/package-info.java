/**
 * Metric-learning and contrastive losses (LOSSES.md §2): losses on embeddings that couple the examples of a batch
 * through their pairwise distances or similarities, one file per loss.
 *
 * <p>Inputs follow the LOSSES.md names: {@code embeddings} [N,D] with {@code labels} [N], or two views
 * {@code view1}/{@code view2} [N,D]; losses that need more name their extra inputs in their spec. Every loss here is
 * batch-level: it returns per-anchor (or per-query) values where they are defined (their mean is the loss), else a
 * [1] tensor. Some read per-query label scores instead ({@code logits} [B,L] with a 0/1 {@code positives} set:
 * decoupled-softmax, soft-topk). Similarities are cosines, the dot products of L2-normalised embeddings.
 * Masks built from labels are formed inside the graph (they carry no gradient); selections that need sorting
 * (nearest neighbours) are made in {@code prepare} and enter as constants, with the gradient flowing through the
 * selected distances.
 */
package org.losslab.loss.metric;
