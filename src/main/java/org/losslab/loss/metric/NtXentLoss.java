package org.losslab.loss.metric;

import java.util.Arrays;
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
 * NT-Xent (SimCLR's normalised temperature-scaled cross-entropy), with ScatSimCLR's optional pretext term. The two
 * views are L2-normalised inside; over the 2N views with s = cos similarity,
 * ℓ_a = −log(e^{s_{a,a⁺}/τ}/Σ_{k≠a} e^{s_{a,k}/τ}) and L = Σ_a ℓ_a/(2N) + λ·CE(pretext).
 *
 * <p>Inputs: {@code view1}, {@code view2} [N,D] (differentiable, N ≥ 1), the two augmented views of the same N
 * examples, row i of one being the positive of row i of the other; optionally {@code pretextLogits} [M,C]
 * (differentiable) and {@code pretextLabels} [M], a pretext task's logits and targets (rotation: C = 4, jigsaw: 35),
 * whose mean cross-entropy is added with weight λ. Output [N]: per example i the mean of the terms of its two views
 * (plus λ·CE), so the mean over examples is L.
 */
public final class NtXentLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("nt-xent", "NT-Xent (SimCLR)", Family.METRIC_LEARNING)
            .differentiableInput("view1").differentiableInput("view2")
            .optionalDifferentiableInput("pretextLogits").optionalInput("pretextLabels")
            .param("tau", 0.5, Range.positive(),
                    "temperature: small values concentrate the push on the hardest negatives")
            .param("lambda", 0.0, Range.nonNegative(),
                    "weight of the pretext cross-entropy (ScatSimCLR uses 0.3); needs pretextLogits and pretextLabels")
            .cite("ScatSimCLR: self-supervised contrastive learning with pretext task regularization for "
                    + "small-scale datasets")
            .tex("\\ell_a = -\\log\\frac{e^{s_{a,a^+}/\\tau}}{\\sum_{k \\ne a} e^{s_{a,k}/\\tau}},\\quad "
                    + "L = \\frac{1}{2N}\\sum_{a=1}^{2N} \\ell_a + \\lambda\\,\\mathrm{CE}_{\\mathrm{pretext}}")
            .intuition("Each view must pick out its partner view among all other views of the batch, like a "
                    + "classification over the batch: partners are pulled together on the sphere and everything "
                    + "else is pushed away, hardest (most similar) negatives the most at low temperature.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor first = EmbeddingShapes.rows(in, "view1", 1);
        EmbeddingShapes.sameShape(in, "view2", "view1");
        int n = (int) first.dim(0);
        double tau = params.real("tau");
        Tensor u1 = PairwiseDistances.unitRows(ops, first);
        Tensor u2 = PairwiseDistances.unitRows(ops, in.get("view2"));
        Tensor views = ops.concat(0, u1, u2);
        Tensor partners = ops.concat(0, u2, u1);
        Tensor logits = ops.div(ops.matmul(views, ops.transpose(views)), tau);
        Tensor positive = ops.div(ops.rowDot(views, partners), tau);
        Tensor others = ops.rsub(1.0, PairwiseDistances.identity(ops, 2 * n));
        Tensor perView = ops.sub(PairwiseDistances.maskedLogSumExp(ops, logits, others, 1), positive);
        Tensor perExample = ops.mul(ops.add(ops.slice(perView, 0, 0, n), ops.slice(perView, 0, n, 2 * n)), 0.5);
        return withPretext(ops, in, params.real("lambda"), perExample);
    }

    /** Adds λ·mean CE of the pretext head to every example; refuses λ &gt; 0 without the pretext inputs. */
    private static Tensor withPretext(Ops ops, LossInputs in, double lambda, Tensor perExample) {
        boolean logitsGiven = in.has("pretextLogits");
        boolean labelsGiven = in.has("pretextLabels");
        if (logitsGiven != labelsGiven) {
            throw new IllegalArgumentException("nt-xent takes 'pretextLogits' and 'pretextLabels' together; only '"
                    + (logitsGiven ? "pretextLogits" : "pretextLabels") + "' was given");
        }
        if (!logitsGiven) {
            if (lambda > 0) {
                throw new IllegalArgumentException("nt-xent with lambda = " + lambda + " needs inputs "
                        + "'pretextLogits' [M,C] and 'pretextLabels' [M]");
            }
            return perExample;
        }
        Tensor logits = in.get("pretextLogits");
        Tensor labels = in.get("pretextLabels");
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("input 'pretextLogits' must have shape [M, C], got "
                    + Arrays.toString(logits.shape()));
        }
        if (labels.rank() != 1 || labels.dim(0) != logits.dim(0)) {
            throw new IllegalArgumentException("input 'pretextLabels' must have shape [" + logits.dim(0) + "], got "
                    + Arrays.toString(labels.shape()));
        }
        Tensor onehot = ops.oneHot(labels, (int) logits.dim(1));
        Tensor crossEntropy = ops.sub(ops.logSumExp(logits, -1, false), ops.rowDot(logits, onehot));
        return ops.add(perExample, ops.mul(ops.mean(crossEntropy, false), lambda));
    }
}
