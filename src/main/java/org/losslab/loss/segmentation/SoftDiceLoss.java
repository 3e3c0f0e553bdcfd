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
 * Soft Dice on foreground probabilities, per image: ℓ = 1 − (2Σpg + s)/(Σp + Σg + s), the sums over the image.
 *
 * <p>Inputs: {@code prob} [N,H,W] (differentiable) and {@code target} [N,H,W] in {0,1}. The single-channel layout
 * [N,1,H,W] of LOSSES.md is accepted too, with a target [N,1,H,W] or [N,H,W]; so is any other [N,...] layout of
 * equal shapes (a volume [N,D,H,W], say), since the sums run over every axis but the batch. Output [N].
 */
public final class SoftDiceLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("soft-dice", "Soft Dice", Family.SEGMENTATION)
            .differentiableInput("prob").input("target")
            .param("s", 1.0, Range.positive(), "smoothing added to numerator and denominator; keeps empty masks finite")
            .cite("Baseline: the soft Dice overlap of foreground probabilities and a binary mask")
            .tex("\\ell = 1 - \\frac{2\\sum p\\,g + s}{\\sum p + \\sum g + s}")
            .intuition("One minus the overlap between the predicted and the true foreground, measured softly. "
                    + "It counts pixels relative to the size of the object, so a small object weighs as much as "
                    + "a large one, unlike pixel-wise cross-entropy.")
            .status(Status.BASELINE)
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
        double s = params.real("s");
        Tensor prob = in.get(SegmentationInputs.PROB);
        Tensor target = in.get(SegmentationInputs.TARGET);
        if (prob.rank() == 4 && prob.dim(1) == 1) {
            prob = ops.squeeze(prob, 1);
            if (target.rank() == 4 && target.dim(1) == 1) {
                target = ops.squeeze(target, 1);
            }
        }
        Tensor[] pair = SegmentationInputs.checkedPair(prob, target, 2, 8);
        Tensor p = pair[0];
        Tensor g = pair[1];
        Tensor overlap = ops.add(ops.mul(SegmentationInputs.perImageSum(ops, ops.mul(p, g)), 2.0), s);
        Tensor total = ops.add(ops.add(SegmentationInputs.perImageSum(ops, p), SegmentationInputs.perImageSum(ops, g)), s);
        return ops.rsub(1.0, ops.div(overlap, total));
    }
}
