package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/** Cross-entropy against the smoothed target q = (1−ε)·onehot(y) + ε/C. */
public final class LabelSmoothingCrossEntropy implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder(
                    "label-smoothing-ce", "Label-smoothing cross-entropy", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("epsilon", 0.1, Range.closed(0, 1), "probability mass spread evenly over all classes")
            .cite("Baseline: label smoothing (Szegedy et al., Rethinking the Inception Architecture, 2016)")
            .tex("\\ell = -\\sum_k q_k \\log p_k,\\quad q = (1-\\varepsilon)\\,\\mathrm{onehot}(y) + \\varepsilon / C")
            .intuition("Like cross-entropy, but the target is never a hard 1: the model is discouraged from "
                    + "becoming infinitely confident, which often improves calibration.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double eps = params.real("epsilon");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        int classes = (int) z.dim(1);
        Tensor q = ops.add(ops.mul(y, 1 - eps), eps / classes);
        return ops.neg(ops.rowDot(q, ops.logSoftmax(z, -1)));
    }
}
