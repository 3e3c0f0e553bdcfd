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
 * Direct coverage optimisation: ℓ = −log(1 − (1 − p̂)^N), the negative log of pass@N, the chance that at least one
 * of N independent samples is the true class, with p̂ = p_y = softmax(z)_y. Its gradient is F·∇(−log p̂) with
 * F = N p̂(1−p̂)^{N−1}/(1 − (1−p̂)^N), which falls to 0 as p̂ → 1; N = 1 is cross-entropy.
 *
 * <p>Computed without log1p or expm1, and without forming 1 − (1−p̂)^N, which is 0 in floating point once p̂ is
 * below ~1e-16/N. From the factorisation 1 − q^N = (1 − q)·Σ_{j&lt;N} q^j with q = 1 − p̂:
 * ℓ = −log p̂ − log Σ_{j&lt;N} q^j. With m = z_y − logsumexp_{k≠y} z (the true class's log-odds),
 * −log p̂ = softplus(−m) and log q = −softplus(m), neither of which cancels at either end. log Σ_{j&lt;N} q^j is built by binary
 * doubling, S(2n) = S(n)·(1 + q^n) and S(n+1) = 1 + q·S(n), each step one softplus of a value ≤ log N, so N costs
 * O(log N) operations and no step overflows or cancels. Nothing is clamped.
 *
 * <p>Inputs: {@code logits} [N,C] (differentiable), {@code labels} [N]. Output [N]. For sequences the paper takes
 * p̂ = exp(Σ token log-probs); this class covers the classification case.
 */
public final class DcoPassAtNLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("dco-pass-at-n", "DCO (pass@N)", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param(ParamSpec.integer("n", 4, Range.atLeast(1),
                    "test-time sample budget N: the loss rewards being right at least once in N tries"))
            .cite("Rethinking Fine-Tuning when Scaling Test-Time Compute: Limiting Confidence Improves "
                    + "Mathematical Reasoning (arXiv 2502.07154)")
            .tex("\\ell = -\\log\\left(1 - (1 - p_y)^N\\right)")
            .intuition("Minus the log of pass@N, the chance that one of N tries is right. Once the true class is "
                    + "likely enough to show up in N tries, the gradient fades away, so the model stops pushing "
                    + "confident examples to certainty and keeps probability for other plausible answers.")
            .status(Status.PAPER)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        int budget = params.integer("n");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        Tensor logOdds = ops.sub(ops.rowDot(z, y), LogSpace.logSumExpOfOthers(ops, z, y));
        Tensor crossEntropy = ops.softplus(ops.neg(logOdds));
        Tensor logMiss = ops.neg(ops.softplus(logOdds));
        Tensor logPartialSum = logGeometricSum(ops, logMiss, budget);
        return logPartialSum == null ? crossEntropy : ops.sub(crossEntropy, logPartialSum);
    }

    /**
     * log Σ_{j&lt;n} q^j from log q (≤ 0), walking the bits of n from the top: S(1) = 1, then per bit a doubling
     * S(2k) = S(k)(1 + q^k) and, for a set bit, S(k+1) = 1 + q·S(k). Returns null for n = 1 (log S(1) = 0).
     */
    private static Tensor logGeometricSum(Ops ops, Tensor logQ, int n) {
        Tensor logSum = null;
        int terms = 1;
        for (int bit = Integer.highestOneBit(n) >>> 1; bit > 0; bit >>>= 1) {
            Tensor doubling = ops.softplus(ops.mul(logQ, terms));
            logSum = logSum == null ? doubling : ops.add(logSum, doubling);
            terms *= 2;
            if ((n & bit) != 0) {
                logSum = ops.softplus(ops.add(logQ, logSum));
                terms += 1;
            }
        }
        return logSum;
    }
}
