package org.losslab.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedding metrics of one evaluation, on the held-out classes (never trained on) and, for comparison, on the
 * validation rows of the seen classes. NaN where a metric does not apply.
 *
 * @param step the training step
 * @param trainLoss mean training loss since the previous report
 * @param recallAt1 held-out classes: share of points whose nearest neighbour has their class
 * @param recallAt5 held-out: share with a same-class point among the 5 nearest
 * @param knnAccuracy held-out: 5-NN majority vote accuracy (leave-one-out)
 * @param nmi held-out: normalised mutual information of k-means clusters (k = classes) with the classes
 * @param uniformity held-out: log E exp(−2‖f(x) − f(y)‖²) of the L2-normalised embeddings (Wang &amp; Isola)
 * @param tolerance held-out: mean cosine similarity of same-class pairs (Wang &amp; Liu)
 * @param seenRecallAt1 recall@1 on validation rows of the seen classes
 */
public record EmbeddingReport(long step, double trainLoss, double recallAt1, double recallAt5, double knnAccuracy,
        double nmi, double uniformity, double tolerance, double seenRecallAt1) {

    /** Name → value, in a fixed order, for CSV files and the CLI. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train/loss", trainLoss);
        m.put("heldout/recall@1", recallAt1);
        m.put("heldout/recall@5", recallAt5);
        m.put("heldout/knn5_accuracy", knnAccuracy);
        m.put("heldout/nmi", nmi);
        m.put("heldout/uniformity", uniformity);
        m.put("heldout/tolerance", tolerance);
        m.put("seen_val/recall@1", seenRecallAt1);
        return m;
    }
}
