package org.losslab.loss.metric;

import java.util.Arrays;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;

/** Reads and shape-checks the inputs of the metric losses, naming the input in every refusal. */
final class EmbeddingShapes {
    private EmbeddingShapes() {}

    /** The named input, which must be a matrix [N,D] with N ≥ {@code minRows}. */
    static Tensor rows(LossInputs in, String name, int minRows) {
        Tensor x = in.get(name);
        if (x.rank() != 2) {
            throw new IllegalArgumentException("input '" + name + "' must have shape [N, D], got "
                    + Arrays.toString(x.shape()));
        }
        if (x.dim(0) < minRows) {
            throw new IllegalArgumentException("input '" + name + "' needs at least " + minRows + " rows, got "
                    + x.dim(0));
        }
        return x;
    }

    /** {@code labels}, which must have shape [n]. */
    static Tensor labels(LossInputs in, long n) {
        Tensor y = in.get("labels");
        if (y.rank() != 1 || y.dim(0) != n) {
            throw new IllegalArgumentException("input 'labels' must have shape [" + n + "] (one per embedding), got "
                    + Arrays.toString(y.shape()));
        }
        return y;
    }

    /** Refuses {@code other} unless it has the shape of {@code reference}. */
    static Tensor sameShape(LossInputs in, String other, String reference) {
        Tensor a = in.get(reference);
        Tensor b = in.get(other);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("input '" + other + "' must have the shape of '" + reference + "' "
                    + Arrays.toString(a.shape()) + ", got " + Arrays.toString(b.shape()));
        }
        return b;
    }
}
