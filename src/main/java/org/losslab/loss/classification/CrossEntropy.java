package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;

/** Softmax cross-entropy: ℓ = logsumexp(z) − z_y; ∂ℓ/∂z = p − onehot(y). */
public final class CrossEntropy implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("cross-entropy", "Cross-entropy", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .cite("Baseline: the negative log-likelihood of a softmax classifier")
            .tex("\\ell = \\log\\sum_k e^{z_k} - z_y")
            .intuition("Pushes the true class's probability towards 1; the push never stops, even for confident, "
                    + "correct examples, and it grows without bound for confident mistakes.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        return ops.sub(ops.logSumExp(z, -1, false), ops.rowDot(z, y));
    }
}
