package org.losslab.loss.segmentation;

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
 * SPOCKMIP's focal Tversky loss with maximum-intensity-projection terms:
 * ℓ = (1−w)·FTL(p, y) + w·Σ_axes FTL(max_axis p, max_axis y), per image, with {@link FocalTverskyLoss}'s FTL.
 *
 * <ul>
 *   <li>A volume {@code prob} [N,D,H,W] is projected along the depth axis D (SPOCKMIP's single-axis z-MIP; the
 *       LOSSES.md example): one projection [N,H,W].</li>
 *   <li>An image {@code prob} [N,H,W] is projected along its rows and along its columns (the multi-axis variant in
 *       2-D): [N,W] and [N,H], whose FTL values are summed.</li>
 * </ul>
 * The maxima are trees of tie-safe maximum ({@link SoftMorphology#maxOver}), so each ray's gradient goes to one
 * arg-max pixel. Here the label projection comes from the given {@code target}: a batch of whole images, so "cut from
 * the MIP of the whole label volume" and "taken from the patch" coincide. One output level (deep-supervision weight
 * r₁ = 1).
 *
 * <p>Inputs: {@code prob} [N,H,W] or [N,D,H,W] (differentiable) and {@code target} of the same shape in {0,1}.
 * Output [N].
 */
public final class MipFocalTverskyLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("mip-focal-tversky", "Focal Tversky + MIP",
                    Family.SEGMENTATION)
            .differentiableInput("prob").input("target")
            .param("mipWeight", 0.3, Range.closed(0, 1), "weight w of the projection terms; the volume term gets 1 − w")
            .param("alpha", 0.7, Range.nonNegative(), "weight α of false negatives (missed foreground)")
            .param("beta", 0.3, Range.nonNegative(), "weight β of false positives")
            .param("gamma", 0.75, Range.positive(), "focal exponent γ applied to 1 − TI")
            .param("s", 1.0, Range.positive(), "smoothing added to the Tversky index's numerator and denominator")
            .cite("SPOCKMIP: Segmentation of Vessels in MRAs with Enhanced Continuity using Maximum Intensity "
                    + "Projection as Loss")
            .tex("\\ell = (1-w)\\,\\mathrm{FTL}(p, y) + w \\sum_{a} \\mathrm{FTL}\\big(\\max_a p,\\ \\max_a y\\big)")
            .intuition("Besides the voxel-wise focal Tversky loss, the prediction's brightest-pixel projections must "
                    + "match the label's. A vessel with a gap shows the gap in its projection, so breaks in thin "
                    + "tubes cost more than scattered pixel errors.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        SegmentationInputs.checkBinary(hostInputs);
        return Map.of();
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor[] pair = SegmentationInputs.binaryPair(in, 3, 4);
        Tensor p = pair[0];
        Tensor y = pair[1];
        double w = params.real("mipWeight");
        Tensor volume = FocalTverskyLoss.focalTversky(ops, p, y, params);
        Tensor projections;
        if (p.rank() == 4) {
            projections = projected(ops, p, y, 1, params);
        } else {
            projections = ops.add(projected(ops, p, y, 1, params), projected(ops, p, y, 2, params));
        }
        return ops.add(ops.mul(volume, 1 - w), ops.mul(projections, w));
    }

    /** FTL of the projections of p and y along {@code axis}: [N,...] → [N]. */
    private static Tensor projected(Ops ops, Tensor p, Tensor y, int axis, ParamValues params) {
        return FocalTverskyLoss.focalTversky(ops, SoftMorphology.maxOver(ops, p, axis),
                SoftMorphology.maxOver(ops, y, axis), params);
    }
}
