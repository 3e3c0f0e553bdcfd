package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Generalized cross-entropy: ℓ = (1 − p_y^q)/q, the comp-sum loss with τ = 1 + q. Computed as
 * −expm1(−q·CE)/q with CE = logsumexp(z) − z_y, so p_y^q is never formed and nothing cancels for confident rows.
 *
 * <p>Inputs: {@code logits} [N,C] (differentiable), {@code labels} [N]. Output [N], each value in [0, 1/q).
 */
public final class GeneralizedCrossEntropy implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder(
                    "generalized-ce", "Generalized cross-entropy", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("q", 0.7, new Range(0, false, 1, true),
                    "robustness exponent: near 0 behaves like cross-entropy, 1 is the bounded 1 − p_y")
            .cite("Cross-Entropy Loss Functions: Theoretical Analysis and Applications (as a comp-sum member, "
                    + "τ = 1 + q; otherwise the standard GCE; q = 0.7 is the usual GCE default, not the paper's)")
            .tex("\\ell = \\frac{1 - p_y^{\\,q}}{q}")
            .intuition("Its gradient is cross-entropy's multiplied by p_y^q, so examples the model finds "
                    + "implausible (often the mislabelled ones) are down-weighted instead of dominating training; "
                    + "no example can cost more than 1/q.")
            .status(Status.PAPER)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double q = params.real("q");
        Tensor z = Targets.logits(in);
        Tensor crossEntropy = LogSpace.crossEntropy(ops, z, Targets.oneHot(ops, in, z));
        return ops.div(LogSpace.expm1(ops, ops.mul(crossEntropy, -q)), -q);
    }
}
