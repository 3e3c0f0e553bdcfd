package org.losslab.loss.metric;

import java.util.List;
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
 * Triplet margin loss on a labelled batch: ℓ = [d(a,p) − d(a,n) + m]₊ over anchors a, positives p (same label,
 * p ≠ a) and negatives n (other label), with d(u,v) = sqrt(‖u−v‖² + 1e-12). The 1e-12 keeps d differentiable where
 * two embeddings coincide (slope 0 there instead of infinite); it shifts distances by at most 1e-6.
 *
 * <p>Mining:
 * <ul>
 *   <li>{@code batchAll}: every valid triplet; the loss is the sum of the triplet losses divided by the number of
 *       triplets with ℓ &gt; 0 (0 when there is none). This couples all triplets, so the output is one value, [1].
 *       The triplets are formed as one [N,N,N] tensor: memory grows as N³.</li>
 *   <li>{@code batchHard}: per anchor the farthest positive and the nearest negative; output one value per anchor,
 *       [N]. An anchor without a positive or without a negative in the batch gives 0 and still counts in the
 *       mean. The maximum and minimum pass their gradient to the selected distance only.</li>
 * </ul>
 * The label masks are built inside the graph from the labels (no gradient).
 *
 * <p>Inputs: {@code embeddings} [N,D] (differentiable), {@code labels} [N] (class ids as whole numbers).
 */
public final class TripletMarginLoss implements LossFunction {
    static final String BATCH_ALL = "batchAll";
    static final String BATCH_HARD = "batchHard";
    /** Inside the square root of the distance; see the class comment. */
    static final double DISTANCE_EPSILON = 1e-12;

    public static final LossSpec SPEC = LossSpec.builder("triplet-margin", "Triplet margin", Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels")
            .param("m", 0.2, Range.nonNegative(), "margin: how much farther every negative must be than the positive")
            .param(ParamSpec.choice("mining", BATCH_ALL, List.of(BATCH_ALL, BATCH_HARD),
                    "batchAll: mean over the triplets that still violate the margin · "
                            + "batchHard: per anchor the farthest positive against the nearest negative"))
            .cite("Baseline: Schroff et al., FaceNet, 2015; batch-all and batch-hard mining from Hermans et al., "
                    + "In Defense of the Triplet Loss for Person Re-Identification, 2017")
            .tex("\\ell = \\left[d(a,p) - d(a,n) + m\\right]_+,\\quad d(u,v) = \\sqrt{\\|u - v\\|^2 + 10^{-12}}")
            .intuition("Each anchor should sit closer to every example of its own class than to any example of "
                    + "another class, by at least the margin m; triplets that already do cost nothing.")
            .status(Status.BASELINE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor x = EmbeddingShapes.rows(in, "embeddings", 1);
        int n = (int) x.dim(0);
        Tensor labels = EmbeddingShapes.labels(in, n);
        double margin = params.real("m");
        Tensor distance = PairwiseDistances.euclidean(ops, x, x, DISTANCE_EPSILON);
        Tensor same = PairwiseDistances.sameClass(ops, labels);
        Tensor positive = ops.sub(same, PairwiseDistances.identity(ops, n));
        Tensor negative = ops.rsub(1.0, same);
        return BATCH_HARD.equals(params.string("mining"))
                ? batchHard(ops, distance, positive, negative, margin)
                : batchAll(ops, distance, positive, negative, margin);
    }

    /** Σ over valid (a,p,n) of ℓ, divided by max(1, #{ℓ &gt; 0}) → [1]. */
    private static Tensor batchAll(Ops ops, Tensor distance, Tensor positive, Tensor negative, double margin) {
        Tensor anchorPositive = ops.unsqueeze(distance, 2);
        Tensor anchorNegative = ops.unsqueeze(distance, 1);
        Tensor hinge = ops.relu(ops.add(ops.sub(anchorPositive, anchorNegative), margin));
        Tensor valid = ops.mul(ops.unsqueeze(positive, 2), ops.unsqueeze(negative, 1));
        Tensor losses = ops.mul(valid, hinge);
        Tensor active = ops.sum(ops.greaterThan(losses, 0.0), false);
        Tensor atLeastOne = ops.add(active, ops.relu(ops.rsub(1.0, active)));
        return ops.reshape(ops.div(ops.sum(losses, false), atLeastOne), 1);
    }

    /** Per anchor [max_p d(a,p) − min_n d(a,n) + m]₊, 0 for anchors lacking a positive or a negative → [N]. */
    private static Tensor batchHard(Ops ops, Tensor distance, Tensor positive, Tensor negative, double margin) {
        // distances are ≥ 0, so zeroing the non-positives leaves the farthest positive as the row maximum
        Tensor farthestPositive = ops.max(ops.mul(distance, positive), false, 1);
        // lift the non-negatives above every distance of the row, then take the row minimum as −max(−·)
        Tensor lift = ops.add(ops.stopGradient(ops.max(distance, true, 1)), 1.0);
        Tensor negativesOnly = ops.add(distance, ops.mul(ops.rsub(1.0, negative), lift));
        Tensor nearestNegative = ops.neg(ops.max(ops.neg(negativesOnly), false, 1));
        Tensor hasPositive = ops.greaterThan(ops.sum(positive, false, 1), 0.5);
        Tensor hasNegative = ops.greaterThan(ops.sum(negative, false, 1), 0.5);
        Tensor hinge = ops.relu(ops.add(ops.sub(farthestPositive, nearestNegative), margin));
        return ops.mul(hinge, ops.mul(hasPositive, hasNegative));
    }
}
