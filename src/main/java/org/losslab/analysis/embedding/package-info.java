/**
 * Low-dimensional pictures of learned embeddings, in plain Java: t-SNE (exact below a size limit, Barnes-Hut above,
 * warm-started from the previous frame), PCA, and Procrustes alignment so that consecutive frames of a live view
 * stay put instead of spinning, flipping or re-shuffling; plus the metrics of an embedding (recall@k, k-NN accuracy,
 * NMI of k-means clusters, linear-probe accuracy, alignment, uniformity, tolerance, hardness of negatives).
 *
 * <p>Everything here is JDK-only and free of threads of its own: {@code analysis.EmbeddingProjector} runs it on a
 * background thread for the view. Points are matched between frames by index.
 */
package org.losslab.analysis.embedding;
