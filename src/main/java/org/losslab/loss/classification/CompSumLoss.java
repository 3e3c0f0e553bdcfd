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
 * Comp-sum losses (Mao, Mohri &amp; Zhong): with u = Σ_{k≠y} e^{z_k − z_y} = 1/p_y − 1,
 * ℓ_τ = ((1+u)^{1−τ} − 1)/(1−τ) for τ ≠ 1 and log(1+u) for τ = 1. τ = 0 is the sum-exp loss, τ = 1 cross-entropy,
 * τ ∈ (1,2) generalized cross-entropy with q = τ − 1, τ = 2 the bounded 1 − p_y.
 *
 * <p>Computed in log space: log(1+u) = logsumexp(z) − z_y is the cross-entropy CE, so
 * ℓ_τ = expm1((1−τ)·CE)/(1−τ), with a cancellation-free expm1; for |1−τ| &lt; 1e-6 the value is CE itself (the
 * two differ by about (1−τ)·CE²/2).
 *
 * <p>Inputs: {@code logits} [N,C] (differentiable), {@code labels} [N]. Output [N].
 *
 * <p>Not built: the paper's {@code adversarial} option (ℓ_τ plus ν times the largest change of the model's output
 * within a γ-ball around the input). Its supremum comes from an inner PGD attack on the model's input, so it is a
 * training procedure, not a function of the logits, and its form is itself unchecked (LOSSES.md: [UNCERTAIN]).
 */
public final class CompSumLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("comp-sum", "Comp-sum (τ family)", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("tau", 1.0, Range.closed(0, 2),
                    "0: sum-exp · 1: cross-entropy · (1,2): generalized CE with q = τ−1 · 2: 1 − p_y")
            .cite("Cross-Entropy Loss Functions: Theoretical Analysis and Applications (form recalled, "
                    + "unchecked against the paper; its adversarial variant is not built)")
            .tex("\\ell_\\tau = \\frac{(1+u)^{1-\\tau} - 1}{1-\\tau},\\quad u = \\sum_{k \\ne y} e^{z_k - z_y}"
                    + ",\\quad \\ell_1 = \\log(1+u)")
            .intuition("One dial τ slides from the sum of exponentials (τ = 0) through cross-entropy (τ = 1) to "
                    + "the bounded 1 − p_y (τ = 2). The larger τ, the less a single badly-wrong example can cost, "
                    + "which resists wrong labels but learns more slowly.")
            .status(Status.PAPER)
            .build();

    /** Below this |1 − τ| the τ = 1 branch (cross-entropy) is used. */
    private static final double CROSS_ENTROPY_BAND = 1e-6;

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double oneMinusTau = 1.0 - params.real("tau");
        Tensor z = Targets.logits(in);
        Tensor crossEntropy = LogSpace.crossEntropy(ops, z, Targets.oneHot(ops, in, z));
        if (Math.abs(oneMinusTau) < CROSS_ENTROPY_BAND) {
            return crossEntropy;
        }
        return ops.div(LogSpace.expm1(ops, ops.mul(crossEntropy, oneMinusTau)), oneMinusTau);
    }
}
