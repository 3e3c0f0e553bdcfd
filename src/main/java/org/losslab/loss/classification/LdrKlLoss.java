package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Label-distributionally-robust loss with a KL ball (Zhu, Ying &amp; Yang):
 * ℓ = λ·log((1/C)·Σ_k exp((z_k − z_y + c·1[k≠y])/λ)), the worst case over label distributions near uniform, with
 * KL regularisation λ. ℓ ≥ −λ log C, so it can be negative; λ = 1, c = 0 gives cross-entropy − log C.
 *
 * <p>Computed as λ·logsumexp(s) − z_y − λ log C with s = (z + c·(1 − onehot(y)))/λ, so exp never overflows.
 * {@code codeNormalize} first maps each row to softplus(z)/mean_k softplus(z), as the authors' code does.
 *
 * <p>Inputs: {@code logits} [N,C] (differentiable), {@code labels} [N]. Output [N].
 */
public final class LdrKlLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("ldr-kl", "LDR-KL", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("lambda", 1.0, Range.positive(),
                    "KL regularisation: small values act like a multi-class hinge, large ones average the classes")
            .param("c", 2.0, Range.nonNegative(), "margin added to every wrong class's logit")
            .param(ParamSpec.bool("codeNormalize", false,
                    "first map logits to softplus(z)/mean softplus(z), as the authors' code does (paper form: off)"))
            .cite("Label Distributionally Robust Losses for Multi-class Classification: Consistency, Robustness "
                    + "and Adaptivity (defaults λ = 1, c = 2 from the authors' code; the paper's experiments use "
                    + "c = 0.1, λ = 10)")
            .tex("\\ell = \\lambda \\log \\frac{1}{C}\\sum_k \\exp\\left(\\frac{z_k - z_y + c\\,\\mathbf{1}[k \\ne y]}"
                    + "{\\lambda}\\right)")
            .intuition("Rather than trusting the given label completely, it charges the worst case over label "
                    + "distributions near it, weighting wrong classes by how strongly they compete; λ sets how "
                    + "sharply (small λ: only the strongest rival counts, like a hinge), which makes it robust to "
                    + "noisy labels.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double lambda = params.real("lambda");
        double margin = params.real("c");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        int classes = (int) z.dim(1);
        if (params.bool("codeNormalize")) {
            Tensor positive = ops.softplus(z);
            z = ops.div(positive, ops.mean(positive, true, -1));
        }
        Tensor scaled = ops.div(ops.add(z, ops.mul(ops.rsub(1.0, y), margin)), lambda);
        Tensor worstCase = ops.mul(ops.logSumExp(scaled, -1, false), lambda);
        return ops.add(ops.sub(worstCase, ops.rowDot(z, y)), -lambda * Math.log(classes));
    }
}
