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
 * Contrastive attraction and contrastive repulsion (CACR): L = L_CA + L_CR over V views of a batch of B examples.
 * <ul>
 *   <li>L_CA = (1/V)Σ_x mean_i Σ_{k≠x} w⁺_ik·α‖z_i^x − z_i^k‖², w⁺ = softmax over k≠x of τ⁺‖z_i^x − z_i^k‖²: an
 *       anchor is pulled towards its own other views, the farthest ones hardest.</li>
 *   <li>L_CR = mean over view pairs x&lt;y of mean_i Σ_{j≠i} w⁻_ij·(−β‖z_i^x − z_j^y‖²), w⁻ = softmax over j≠i of
 *       −τ⁻‖z_i^x − z_j^y‖²: it is pushed away from other examples, the closest ones hardest.</li>
 * </ul>
 * The weights are not detached (as in the source); L can be negative.
 *
 * <p>Input: {@code views} [V,B,D] (differentiable; V ≥ 2, B ≥ 2), view x of example i in row [x,i]. Rows are
 * L2-normalised inside, as the source normalises its projections before the loss (so distances lie in [0,4]).
 * Output [B]: per example i its attraction plus repulsion terms; their mean is L.
 */
public final class CacrLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("cacr", "CACR (attraction + repulsion)",
                    Family.METRIC_LEARNING)
            .differentiableInput("views")
            .param("alpha", 1.0, Range.nonNegative(), "weight α of the attraction between an example's views")
            .param("beta", 1.0, Range.nonNegative(), "weight β of the repulsion between different examples")
            .param("tauPositive", 1.0, Range.nonNegative(),
                    "τ⁺: how strongly the attraction focuses on an example's farthest views (0: uniform)")
            .param("tauNegative", 1.0, Range.nonNegative(),
                    "τ⁻: how strongly the repulsion focuses on the closest other examples (0: uniform)")
            .cite("Contrastive Attraction and Contrastive Repulsion for Representation Learning")
            .tex("L = \\frac{1}{V}\\sum_x \\operatorname{mean}_i \\sum_{k \\ne x} w^+_{ik}\\,\\alpha\\,"
                    + "\\|z^x_i - z^k_i\\|^2 + \\operatorname{mean}_{x<y}\\operatorname{mean}_i\\sum_{j \\ne i} "
                    + "w^-_{ij}\\left(-\\beta\\,\\|z^x_i - z^y_j\\|^2\\right)")
            .intuition("Views of the same example attract, the farthest ones most; different examples repel, the "
                    + "closest ones most. Weighting within positives and within negatives separately keeps "
                    + "imbalanced or hard cases from being drowned out.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor raw = in.get("views");
        long[] shape = raw.shape();
        if (shape.length != 3 || shape[0] < 2 || shape[1] < 2) {
            throw new IllegalArgumentException("input 'views' must have shape [V, B, D] with V ≥ 2 views and B ≥ 2 "
                    + "examples, got " + Arrays.toString(shape));
        }
        int viewCount = (int) shape[0];
        int batch = (int) shape[1];
        Tensor views = ops.reshape(PairwiseDistances.unitRows(ops, ops.reshape(raw, -1, shape[2])), shape);

        // attraction: per example the V×V squared distances between its views, [B,V,V]
        Tensor byExample = ops.permute(views, 1, 0, 2);
        Tensor diff = ops.sub(ops.unsqueeze(byExample, 2), ops.unsqueeze(byExample, 1));
        Tensor viewDistance = ops.sum(ops.square(diff), false, -1);
        Tensor otherViews = ops.rsub(1.0, PairwiseDistances.identity(ops, viewCount));
        Tensor attractionWeights = PairwiseDistances.maskedSoftmax(ops,
                ops.mul(viewDistance, params.real("tauPositive")), otherViews, 2);
        Tensor attraction = ops.mul(ops.mean(ops.sum(ops.mul(attractionWeights, viewDistance), false, 2), false, 1),
                params.real("alpha"));

        // repulsion: for each pair of views x < y, anchors of view x against the other examples in view y
        Tensor otherExamples = ops.rsub(1.0, PairwiseDistances.identity(ops, batch));
        Tensor repulsion = null;
        for (int x = 0; x < viewCount; x++) {
            Tensor anchors = ops.squeeze(ops.slice(views, 0, x, x + 1), 0);
            for (int y = x + 1; y < viewCount; y++) {
                Tensor partners = ops.squeeze(ops.slice(views, 0, y, y + 1), 0);
                Tensor distance = PairwiseDistances.squaredEuclidean(ops, anchors, partners);
                Tensor weights = PairwiseDistances.maskedSoftmax(ops,
                        ops.mul(distance, -params.real("tauNegative")), otherExamples, 1);
                Tensor term = ops.sum(ops.mul(weights, distance), false, 1);
                repulsion = repulsion == null ? term : ops.add(repulsion, term);
            }
        }
        int pairs = viewCount * (viewCount - 1) / 2;
        return ops.sub(attraction, ops.mul(repulsion, params.real("beta") / pairs));
    }
}
