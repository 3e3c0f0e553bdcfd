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
 * Pairwise contrastive loss: over every pair i ≠ j of the batch, a positive pair (same label) costs [d − m⁺]₊ and a
 * negative pair [m⁻ − d]₊, with d = sqrt(‖x_i − x_j‖² + 1e-12) (differentiable where two embeddings coincide); the
 * loss is the mean over all pairs. With {@code squared} each hinge is squared ([·]₊², the Hadsell–Chopra–LeCun form),
 * which makes the pull on positive pairs vanish smoothly as they meet.
 *
 * <p>Output: per anchor i the mean over its N−1 partners, [N]; their mean is the mean over pairs (each unordered
 * pair appears twice, once per anchor). The embeddings are used as given: normalise them first to compare with the
 * Metrix setting (unit vectors, m⁻ = 0.5).
 *
 * <p>Inputs: {@code embeddings} [N,D] (differentiable, N ≥ 2), {@code labels} [N].
 */
public final class ContrastivePairsLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("contrastive-pairs", "Contrastive pairs",
                    Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels")
            .param("mPositive", 0.0, Range.nonNegative(), "m⁺: positive pairs closer than this cost nothing")
            .param("mNegative", 0.5, Range.nonNegative(), "m⁻: negative pairs farther apart than this cost nothing")
            .param(ParamSpec.bool("squared", false, "square each hinge ([·]₊²), the classic contrastive form"))
            .cite("Baseline: Hadsell, Chopra & LeCun, Dimensionality Reduction by Learning an Invariant Mapping, "
                    + "2006 (margins as in Metrix)")
            .tex("\\ell_{ij} = \\begin{cases} [d_{ij} - m^+]_+ & y_i = y_j \\\\ [m^- - d_{ij}]_+ & y_i \\ne y_j "
                    + "\\end{cases},\\quad L = \\operatorname{mean}_{i \\ne j}\\,\\ell_{ij}")
            .intuition("Pairs of the same class are pulled together and pairs of different classes pushed apart "
                    + "until they are at least m⁻ apart; beyond that a negative pair no longer matters.")
            .status(Status.BASELINE)
            .build();

    /** Inside the square root of the distance; see the class comment. */
    static final double DISTANCE_EPSILON = 1e-12;

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor x = EmbeddingShapes.rows(in, "embeddings", 2);
        int n = (int) x.dim(0);
        Tensor labels = EmbeddingShapes.labels(in, n);
        Tensor distance = PairwiseDistances.euclidean(ops, x, x, DISTANCE_EPSILON);
        Tensor same = PairwiseDistances.sameClass(ops, labels);
        Tensor positive = ops.sub(same, PairwiseDistances.identity(ops, n));
        Tensor negative = ops.rsub(1.0, same);
        Tensor pull = ops.relu(ops.add(distance, -params.real("mPositive")));
        Tensor push = ops.relu(ops.rsub(params.real("mNegative"), distance));
        if (params.bool("squared")) {
            pull = ops.square(pull);
            push = ops.square(push);
        }
        Tensor pairs = ops.add(ops.mul(positive, pull), ops.mul(negative, push));
        return ops.div(ops.sum(pairs, false, 1), n - 1);
    }
}
