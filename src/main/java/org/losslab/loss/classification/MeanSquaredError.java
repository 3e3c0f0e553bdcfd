package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;

/**
 * Mean squared error. On classification inputs ŷ = softmax(z) and y = onehot(label); on regression inputs
 * {@code pred}/{@code target} directly. ℓ_i = mean over the example's elements of (ŷ − y)².
 */
public final class MeanSquaredError implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("mse", "Mean squared error", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .cite("Baseline: squared error between softmax probabilities and the one-hot target")
            .tex("\\ell = \\frac{1}{C}\\sum_k \\left(p_k - \\mathrm{onehot}(y)_k\\right)^2")
            .intuition("Bounded and gentle: a confident mistake costs at most 2/C, so outliers and wrong labels "
                    + "pull less than with cross-entropy, but learning can be slow.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor[] pair = Residuals.predictionAndTarget(ops, in);
        Tensor diff = ops.sub(pair[0], pair[1]);
        return Residuals.meanPerExample(ops, ops.square(diff));
    }
}
