package org.losslab.train;

/** Receives an embedding training's output on its thread; implementations return at once. */
public interface EmbeddingListener {
    void onProgress(Progress progress);

    /** One evaluation of one arm. */
    void onReport(int arm, EmbeddingReport report);

    /** One arm's embeddings at an evaluation. */
    void onSnapshot(EmbeddingSnapshot snapshot);
}
