package org.losslab.loss.metric;

import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Tensor;

/**
 * The inputs of the multi-label retrieval losses (decoupled-softmax, soft-topk): {@code logits} [B,L], the score of
 * each of L labels for each of B queries, and {@code positives} [B,L], 1 where the label is in the query's positive
 * set P_q and 0 elsewhere.
 */
final class LabelScores {
    private LabelScores() {}

    /** Refuses shapes other than logits [B,L] with positives of the same shape, naming the input at fault. */
    static void checkShapes(String lossId, long[] logits, long[] positives) {
        if (logits.length != 2) {
            throw new IllegalArgumentException(lossId + ": input 'logits' must have shape [B, L] (one score per "
                    + "query and label), got " + Arrays.toString(logits));
        }
        if (!Arrays.equals(logits, positives)) {
            throw new IllegalArgumentException(lossId + ": input 'positives' must have the shape of logits "
                    + Arrays.toString(logits) + " (1 where the label is positive), got " + Arrays.toString(positives));
        }
    }

    static void checkShapes(String lossId, Tensor logits, Tensor positives) {
        checkShapes(lossId, logits.shape(), positives.shape());
    }

    /** Refuses a positive-set matrix with entries other than 0 and 1, naming the first such entry. */
    static void checkZeroOne(String lossId, HostArray positives) {
        double[] p = positives.data();
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0 && p[i] != 1) {
                int width = positives.dim(positives.rank() - 1);
                throw new IllegalArgumentException(lossId + ": input 'positives' must hold 0 or 1, got " + p[i]
                        + " at row " + i / width + ", label " + i % width);
            }
        }
    }
}
