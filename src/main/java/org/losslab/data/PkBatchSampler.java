package org.losslab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Class-balanced batches for metric learning: P classes drawn at random, K examples of each, so every anchor has
 * positives and negatives in its batch (triplet, contrastive, TCM). A class with fewer than K examples repeats
 * some; classes and examples are drawn afresh every batch from a seeded source.
 */
public final class PkBatchSampler {
    private final Dataset data;
    private final int classesPerBatch;
    private final int perClass;
    private final Random rng;
    private final List<int[]> rowsByClass = new ArrayList<>();

    /**
     * @param classesPerBatch P, at least 2 and at most the number of classes present
     * @param perClass K, at least 2
     * @throws IllegalArgumentException naming {@code classesPerBatch} or {@code samplesPerClass}
     */
    public PkBatchSampler(Dataset data, int classesPerBatch, int perClass, long seed) {
        this.data = data;
        int[] counts = data.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int[] rows = new int[counts[c]];
            int k = 0;
            for (int r = 0; r < data.size(); r++) {
                if (data.label(r) == c) {
                    rows[k++] = r;
                }
            }
            rowsByClass.add(rows);
        }
        if (classesPerBatch < 2 || classesPerBatch > rowsByClass.size()) {
            throw new IllegalArgumentException("classesPerBatch must be between 2 and the " + rowsByClass.size()
                    + " classes present in training, got " + classesPerBatch);
        }
        if (perClass < 2) {
            throw new IllegalArgumentException("samplesPerClass must be at least 2 (a positive pair), got " + perClass);
        }
        this.classesPerBatch = classesPerBatch;
        this.perClass = perClass;
        this.rng = new Random(seed);
    }

    /** P·K. */
    public int batchSize() {
        return classesPerBatch * perClass;
    }

    /** The next batch's row indices: K rows of the first drawn class, then K of the second, …; [P·K]. */
    public int[] next() {
        int[] classes = new int[rowsByClass.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i;
        }
        for (int i = 0; i < classesPerBatch; i++) {
            int j = i + rng.nextInt(classes.length - i);
            int t = classes[i];
            classes[i] = classes[j];
            classes[j] = t;
        }
        int[] batch = new int[batchSize()];
        for (int p = 0; p < classesPerBatch; p++) {
            int[] rows = rowsByClass.get(classes[p]).clone();
            for (int k = 0; k < perClass; k++) {
                if (rows.length >= perClass) {
                    int j = k + rng.nextInt(rows.length - k); // partial shuffle: K distinct rows
                    int t = rows[k];
                    rows[k] = rows[j];
                    rows[j] = t;
                    batch[p * perClass + k] = rows[k];
                } else {
                    batch[p * perClass + k] = rows[rng.nextInt(rows.length)];
                }
            }
        }
        return batch;
    }

    public Dataset data() {
        return data;
    }
}
