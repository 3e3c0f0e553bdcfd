package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/** Focal loss: ℓ = −α (1 − p_y)^γ log p_y. */
public final class FocalLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("focal", "Focal loss", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("gamma", 2.0, Range.nonNegative(), "focusing exponent: 0 is cross-entropy; larger values ignore easy examples more")
            .param("alpha", 1.0, Range.positive(), "overall weight")
            .cite("Baseline: Lin et al., Focal Loss for Dense Object Detection, 2017")
            .tex("\\ell = -\\alpha\\,(1-p_y)^{\\gamma}\\,\\log p_y")
            .intuition("Cross-entropy scaled down for examples the model already gets right, so training "
                    + "concentrates on the hard ones.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double gamma = params.real("gamma");
        double alpha = params.real("alpha");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        Tensor logPy = ops.rowDot(ops.logSoftmax(z, -1), y);
        // p_y can round to exactly 1; the floor keeps (1 − p_y)^γ and its gradient finite there for γ < 1,
        // where the true value is 0 either way.
        Tensor modulator = ops.pow(ops.clamp(ops.rsub(1.0, ops.exp(logPy)), 1e-30, 1.0), gamma);
        return ops.mul(ops.mul(modulator, logPy), -alpha);
    }
}
