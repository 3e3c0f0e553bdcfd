package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;

/** Shared reading of classification inputs: logits z [N,C] and integer labels y [N]. */
final class Targets {
    private Targets() {}

    static Tensor logits(LossInputs in) {
        Tensor z = in.get("logits");
        if (z.rank() != 2) {
            throw new IllegalArgumentException("logits must have shape [N, C], got rank " + z.rank());
        }
        return z;
    }

    /** onehot(y) with the class count of the logits: [N,C]. */
    static Tensor oneHot(Ops ops, LossInputs in, Tensor logits) {
        Tensor labels = in.get("labels");
        if (labels.rank() != 1 || labels.dim(0) != logits.dim(0)) {
            throw new IllegalArgumentException("labels must have shape [" + logits.dim(0) + "], got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        return ops.oneHot(labels, (int) logits.dim(1));
    }
}
