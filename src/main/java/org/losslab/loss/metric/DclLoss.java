package org.losslab.loss.metric;

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
 * Decoupled contrastive learning: the NT-Xent positive is taken out of the denominator,
 * L(z1,z2) = mean_i[−⟨z1_i,z2_i⟩/τ + log Σ_{j≠i}(e^{⟨z1_i,z1_j⟩/τ} + e^{⟨z1_i,z2_j⟩/τ})], and the loss is
 * L(z1,z2) + L(z2,z1). Without the positive in the denominator the loss has no floor at 0; it can be negative.
 *
 * <p>Inputs: {@code view1} (z1), {@code view2} (z2) [N,D] (differentiable, N ≥ 2). Rows are L2-normalised inside,
 * so ⟨·,·⟩ is the cosine similarity (LOSSES.md conventions); the reference code takes the dot product of what it is
 * given, which is the same for unit-norm inputs. Output [N]: per example i, ℓ_i(z1,z2) + ℓ_i(z2,z1).
 */
public final class DclLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("dcl", "Decoupled contrastive (DCL)", Family.METRIC_LEARNING)
            .differentiableInput("view1").differentiableInput("view2")
            .param("tau", 0.1, Range.positive(), "temperature of the similarities")
            .cite("Decoupled Contrastive Learning (unofficial code)")
            .tex("L(z^1,z^2) = \\frac{1}{N}\\sum_i\\left[-\\frac{\\langle z^1_i, z^2_i\\rangle}{\\tau} + "
                    + "\\log\\sum_{j \\ne i}\\left(e^{\\langle z^1_i, z^1_j\\rangle/\\tau} + "
                    + "e^{\\langle z^1_i, z^2_j\\rangle/\\tau}\\right)\\right],\\quad L = L(z^1,z^2) + L(z^2,z^1)")
            .intuition("Like NT-Xent, but the positive pair is left out of the normaliser, so pulling partners "
                    + "together no longer weakens the push on negatives; this helps most with small batches.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor[] views = unitViews(ops, in);
        double tau = params.real("tau");
        return ops.add(directional(ops, views[0], views[1], tau, null), directional(ops, views[1], views[0], tau, null));
    }

    /** view1 and view2, shape-checked (N ≥ 2, equal shapes) and L2-normalised. */
    static Tensor[] unitViews(Ops ops, LossInputs in) {
        Tensor first = EmbeddingShapes.rows(in, "view1", 2);
        Tensor second = EmbeddingShapes.sameShape(in, "view2", "view1");
        return new Tensor[] {PairwiseDistances.unitRows(ops, first), PairwiseDistances.unitRows(ops, second)};
    }

    /**
     * Per anchor i of a: −w_i⟨a_i,b_i⟩/τ + log Σ_{j≠i}(e^{⟨a_i,a_j⟩/τ} + e^{⟨a_i,b_j⟩/τ}) → [N].
     *
     * @param weights w [N], or null for w = 1
     */
    static Tensor directional(Ops ops, Tensor a, Tensor b, double tau, Tensor weights) {
        int n = (int) a.dim(0);
        Tensor within = ops.matmul(a, ops.transpose(a));
        Tensor across = ops.matmul(a, ops.transpose(b));
        Tensor negatives = ops.div(ops.concat(1, within, across), tau);
        Tensor eye = PairwiseDistances.identity(ops, n);
        Tensor notSelf = ops.rsub(1.0, ops.concat(1, eye, eye));
        Tensor positive = ops.div(ops.rowDot(a, b), tau);
        if (weights != null) {
            positive = ops.mul(weights, positive);
        }
        return ops.sub(PairwiseDistances.maskedLogSumExp(ops, negatives, notSelf, 1), positive);
    }
}
