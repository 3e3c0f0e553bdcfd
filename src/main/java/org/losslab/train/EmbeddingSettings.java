package org.losslab.train;

/**
 * How an embedding experiment trains and is judged: the embedding's dimension, the class-balanced batches, the
 * classes held out for evaluation and the strength of the two-view augmentation.
 *
 * @param dim embedding dimension (the model's outputs), 1…512; 2 or 3 can be watched raw
 * @param classesPerBatch P of a P×K batch, ≥ 2
 * @param samplesPerClass K of a P×K batch, ≥ 2 (two-view losses take P·K examples, two views each)
 * @param heldOutClasses the last this many classes are never trained on; metrics are measured on them
 * @param jitter augmentation strength of two-view losses, 0…1 (see {@link org.losslab.data.ViewAugmenter})
 * @param evalPoints at most this many held-out rows are embedded for the metrics, ≥ 20
 */
public record EmbeddingSettings(int dim, int classesPerBatch, int samplesPerClass, int heldOutClasses, double jitter,
        int evalPoints) {
    public static final int MAX_DIM = 512;

    public EmbeddingSettings {
        if (dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException("dim must be between 1 and " + MAX_DIM + ", got " + dim);
        }
        if (classesPerBatch < 2) {
            throw new IllegalArgumentException("classesPerBatch must be at least 2, got " + classesPerBatch);
        }
        if (samplesPerClass < 2) {
            throw new IllegalArgumentException("samplesPerClass must be at least 2, got " + samplesPerClass);
        }
        if (heldOutClasses < 2) {
            throw new IllegalArgumentException("heldOutClasses must be at least 2, got " + heldOutClasses);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (evalPoints < 20) {
            throw new IllegalArgumentException("evalPoints must be at least 20, got " + evalPoints);
        }
    }

    /** P·K examples per step. */
    public int batchSize() {
        return classesPerBatch * samplesPerClass;
    }
}
