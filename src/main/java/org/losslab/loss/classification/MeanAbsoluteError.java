package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;

/** Mean absolute error: ℓ_i = mean|ŷ − y| (softmax vs one-hot on classification inputs). */
public final class MeanAbsoluteError implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("mae", "Mean absolute error", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .cite("Baseline: absolute error between softmax probabilities and the one-hot target")
            .tex("\\ell = \\frac{1}{C}\\sum_k \\left|p_k - \\mathrm{onehot}(y)_k\\right|")
            .intuition("Robust to label noise (every example pulls with the same bounded strength), but it "
                    + "underfits: hard examples get little gradient.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor[] pair = Residuals.predictionAndTarget(ops, in);
        return Residuals.meanPerExample(ops, ops.abs(ops.sub(pair[0], pair[1])));
    }
}
