package org.losslab.loss.regression;

import java.util.Arrays;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;

/** Shared reading of regression inputs: the squared norm of the residual per example. */
final class SquaredResidual {
    private SquaredResidual() {}

    /**
     * ‖pred − target‖² over each example's elements: {@code pred}, {@code target} [N] or [N,D,...] → [N].
     *
     * @throws IllegalArgumentException naming {@code pred} and {@code target} when their shapes differ
     */
    static Tensor perExample(Ops ops, LossInputs in) {
        Tensor pred = in.get("pred");
        Tensor target = in.get("target");
        if (!Arrays.equals(pred.shape(), target.shape())) {
            throw new IllegalArgumentException("pred and target must have the same shape, got pred "
                    + Arrays.toString(pred.shape()) + " and target " + Arrays.toString(target.shape()));
        }
        if (pred.rank() == 0) {
            throw new IllegalArgumentException("pred must have a batch axis, shape [N] or [N, D], got a scalar");
        }
        Tensor squared = ops.square(ops.sub(pred, target));
        if (squared.rank() == 1) {
            return squared;
        }
        return ops.sum(ops.reshape(squared, squared.dim(0), -1), false, 1);
    }
}
