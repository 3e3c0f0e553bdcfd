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
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Proto-triplet loss of few-shot episodes: each query is a triplet anchor whose positive is its own class prototype
 * and whose negative is the nearest other prototype, ℓ_q = [d(q, c_{y_q}) − min_{k≠y_q} d(q, c_k) + m]₊ with
 * d(u,v) = sqrt(‖u−v‖² + 1e-6), the source's distance (its 1e-6 also keeps d differentiable at 0).
 *
 * <p>Inputs: {@code embeddings} [Q,D], the query embeddings (differentiable); {@code labels} [Q], each query's
 * class as an index into the prototypes; {@code prototypes} [K,D], one per class (K ≥ 2), usually the support means
 * (differentiable, so the gradient also reaches the support embeddings that formed them). Output [Q]. The minimum
 * passes its gradient to the selected prototype only. The paper's episode loss averages this with cross-entropy and
 * ICNN; combine terms for that.
 */
public final class ProtoTripletLoss implements LossFunction {
    /** Inside the square root of the distance, as in the source. */
    static final double DISTANCE_EPSILON = 1e-6;

    public static final LossSpec SPEC = LossSpec.builder("proto-triplet", "Proto-triplet", Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels").differentiableInput("prototypes")
            .param("m", 0.5, Range.nonNegative(),
                    "margin: how much nearer a query must be to its own prototype than to any other")
            .cite("SuSana Distancia is all you need: Enforcing class separability in metric learning via two novel "
                    + "distance-based loss functions for few-shot image classification")
            .tex("\\ell_q = \\left[d(q, c_{y_q}) - \\min_{k \\ne y_q} d(q, c_k) + m\\right]_+,\\quad "
                    + "d(u,v) = \\sqrt{\\|u - v\\|^2 + 10^{-6}}")
            .intuition("A query should be closer to its own class prototype than to the nearest wrong one by a "
                    + "margin m, which widens the gaps between classes beyond what cross-entropy asks for.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor queries = EmbeddingShapes.rows(in, "embeddings", 1);
        Tensor prototypes = EmbeddingShapes.rows(in, "prototypes", 2);
        if (prototypes.dim(1) != queries.dim(1)) {
            throw new IllegalArgumentException("input 'prototypes' must have " + queries.dim(1) + " columns like "
                    + "'embeddings', got " + java.util.Arrays.toString(prototypes.shape()));
        }
        Tensor labels = EmbeddingShapes.labels(in, queries.dim(0));
        Tensor distance = PairwiseDistances.euclidean(ops, queries, prototypes, DISTANCE_EPSILON);
        Tensor own = ops.oneHot(labels, (int) prototypes.dim(0));
        Tensor toOwn = ops.rowDot(distance, own);
        // lift the own prototype above every distance of the row; the row minimum is then over the others
        Tensor lift = ops.add(ops.stopGradient(ops.max(distance, true, 1)), 1.0);
        Tensor others = ops.add(distance, ops.mul(own, lift));
        Tensor toNearestOther = ops.neg(ops.max(ops.neg(others), false, 1));
        return ops.relu(ops.add(ops.sub(toOwn, toNearestOther), params.real("m")));
    }

    /** Refuses labels that do not index a prototype; only the host may look at the values. */
    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray labels = hostInputs.get("labels");
        HostArray prototypes = hostInputs.get("prototypes");
        if (labels == null || prototypes == null || prototypes.rank() != 2) {
            return Map.of();
        }
        int classes = prototypes.dim(0);
        double[] y = labels.data();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Math.rint(y[i]) || y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("input 'labels' entry " + i + " is " + y[i]
                        + ", not a prototype index in 0.." + (classes - 1));
            }
        }
        return Map.of();
    }
}
