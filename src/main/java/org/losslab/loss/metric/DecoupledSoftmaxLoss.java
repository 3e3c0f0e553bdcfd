package org.losslab.loss.metric;

import java.util.Map;
import org.losslab.engine.HostArray;
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
 * Decoupled softmax (DEXML) for multi-label retrieval: each positive label competes only with the negatives,
 * ℓ_q = mean_{p∈P_q} −log(e^{s_p} / (e^{s_p} + Σ_{n∉P_q} e^{s_n})) = mean_{p∈P_q} softplus(LSE_{n∉P_q} s_n − s_p);
 * the other positives are left out of each denominator.
 *
 * <p>Inputs: {@code logits} [B,L], the scores s (differentiable), and {@code positives} [B,L] in {0,1}. The scores
 * are used as given unless {@code cosineScores} is set, in which case the logits are cosines and s = cos/τ; τ
 * matters only then. Output [B]; a query without positives contributes 0, and so does one without negatives
 * (each term is then −log 1).
 */
public final class DecoupledSoftmaxLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("decoupled-softmax", "Decoupled softmax", Family.METRIC_LEARNING)
            .differentiableInput("logits").input("positives")
            .param(ParamSpec.bool("cosineScores", false,
                    "the logits are cosine similarities, divided by τ before the softmax"))
            .param("tau", 0.05, Range.positive(), "temperature τ, used only when cosineScores is set")
            .cite("Dual-Encoders for Extreme Multi-Label Classification")
            .tex("\\ell_q = \\frac{1}{|P_q|}\\sum_{p\\in P_q} -\\log\\frac{e^{s_p}}{e^{s_p} + \\sum_{n\\notin P_q} e^{s_n}}")
            .intuition("Each positive label is compared with the negative labels only, never with the other "
                    + "positives, so a query with many correct labels is not penalised for spreading its score "
                    + "over all of them.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray positives = hostInputs.get("positives");
        if (positives != null) {
            LabelScores.checkZeroOne("decoupled-softmax", positives);
        }
        return Map.of();
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor logits = in.get("logits");
        Tensor positive = in.get("positives");
        LabelScores.checkShapes("decoupled-softmax", logits, positive);
        Tensor s = params.bool("cosineScores") ? ops.mul(logits, 1 / params.real("tau")) : logits;
        Tensor negative = ops.rsub(1.0, positive);
        // Shift by the largest negative score (positives stand in with the row minimum), so the negatives' sum is
        // at least 1 and its log finite whenever the row has a negative.
        Tensor rowMin = ops.neg(ops.max(ops.neg(s), true, 1));
        Tensor shift = ops.stopGradient(ops.max(ops.add(ops.mul(negative, s), ops.mul(positive, rowMin)), true, 1));
        Tensor negativeSum = ops.sum(ops.mul(negative, ops.exp(ops.mul(negative, ops.sub(s, shift)))), true, 1);
        Tensor hasNegative = ops.greaterThan(ops.sum(negative, true, 1), 0.5);
        Tensor negativeLse = ops.add(ops.log(ops.add(negativeSum, ops.rsub(1.0, hasNegative))), shift);
        Tensor perPositive = ops.mul(ops.softplus(ops.sub(negativeLse, s)), ops.mul(positive, hasNegative));
        Tensor count = CosineSimilarities.atLeastOne(ops, ops.sum(positive, false, 1));
        return ops.div(ops.sum(perPositive, false, 1), count);
    }
}
