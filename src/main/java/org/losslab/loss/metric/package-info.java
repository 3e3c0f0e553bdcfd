/**
 * Metric-learning and contrastive losses (LOSSES.md §2): losses on embeddings (N,D) with labels, on two views, or on
 * per-query label scores, one file per loss. They are batch-level: each returns per-anchor (or per-query) values
 * where those are defined, else a single value [1]. Similarities are cosines, the dot products of L2-normalised
 * embeddings; selections (hardest negatives, sort orders, thresholds) are computed in {@code prepare} as constants.
 */
package org.losslab.loss.metric;
