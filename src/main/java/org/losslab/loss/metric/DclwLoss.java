package org.losslab.loss.metric;

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
 * Weighted decoupled contrastive learning: {@link DclLoss} with the positive term of example i weighted by
 * w_i = 2 − N·softmax_i(⟨z1_i,z2_i⟩/σ) over the batch, so pairs whose views already agree (high similarity) count
 * less and hard positives more; the weights average 1. w is symmetric in the two views, so both directions use the
 * same weights.
 *
 * <p>Whether the paper stops the gradient through w is not reported. Here it flows through w by default, as it does
 * in the reference code, which applies no detach; {@code detachWeights} holds w constant instead.
 *
 * <p>Inputs: {@code view1}, {@code view2} [N,D] (differentiable, N ≥ 2), L2-normalised inside. Output [N]:
 * per example i, ℓ_i(z1,z2) + ℓ_i(z2,z1).
 */
public final class DclwLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("dclw", "Weighted DCL (DCLW)", Family.METRIC_LEARNING)
            .differentiableInput("view1").differentiableInput("view2")
            .param("tau", 0.1, Range.positive(), "temperature of the similarities")
            .param("sigma", 0.5, Range.positive(),
                    "temperature of the positive weights: small values weight hard positives more sharply")
            .param(ParamSpec.bool("detachWeights", false,
                    "hold the weights w constant (no gradient through them); unreported in the paper"))
            .cite("Decoupled Contrastive Learning (unofficial code)")
            .tex("L(z^1,z^2) = \\frac{1}{N}\\sum_i\\left[-w_i\\frac{\\langle z^1_i, z^2_i\\rangle}{\\tau} + "
                    + "\\log\\sum_{j \\ne i}\\left(e^{\\langle z^1_i, z^1_j\\rangle/\\tau} + "
                    + "e^{\\langle z^1_i, z^2_j\\rangle/\\tau}\\right)\\right],\\quad "
                    + "w_i = 2 - N\\,\\mathrm{softmax}_i\\!\\left(\\frac{\\langle z^1_i, z^2_i\\rangle}{\\sigma}\\right)")
            .intuition("DCL where each positive pair is weighted by how hard it is: pairs whose two views already "
                    + "agree get a weight below 1 and dissimilar pairs above 1. The gradient flows through the "
                    + "weights unless detachWeights is set (the paper does not say which).")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor[] views = DclLoss.unitViews(ops, in);
        double tau = params.real("tau");
        Tensor weights = weights(ops, views[0], views[1], params.real("sigma"));
        if (params.bool("detachWeights")) {
            weights = ops.stopGradient(weights);
        }
        return ops.add(DclLoss.directional(ops, views[0], views[1], tau, weights),
                DclLoss.directional(ops, views[1], views[0], tau, weights));
    }

    /** w = 2 − N·softmax(⟨a_i,b_i⟩/σ) over the batch → [N]. */
    static Tensor weights(Ops ops, Tensor a, Tensor b, double sigma) {
        int n = (int) a.dim(0);
        Tensor agreement = ops.div(ops.rowDot(a, b), sigma);
        return ops.rsub(2.0, ops.mul(ops.softmax(agreement, 0), n));
    }
}
