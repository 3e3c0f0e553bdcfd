package org.losslab.loss;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/** How per-example values become the scalar that is minimised. */
public enum Reduction {
    MEAN {
        @Override
        public Tensor apply(Ops ops, Tensor perExample) {
            return ops.mean(perExample, false);
        }
    },
    SUM {
        @Override
        public Tensor apply(Ops ops, Tensor perExample) {
            return ops.sum(perExample, false);
        }
    };

    /** Reduces [N] values to a scalar. */
    public abstract Tensor apply(Ops ops, Tensor perExample);
}
