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

/**
 * TopoMortar's Dice loss on the softmax over channels, background included, with a negative sign:
 * ℓ = −mean_c (2ΣP_cY_c + 10⁻⁵)/(ΣP_c + ΣY_c + 10⁻⁵), the sums over the pixels of one image. Its range is [−1, 0],
 * so totals that add it (ce-dice, cldice) can be negative.
 *
 * <p>Inputs: {@code logits} [N,C,H,W] (differentiable; P = softmax over C) and {@code target} [N,H,W] class
 * indices. Output [N].
 */
public final class DiceLoss implements LossFunction {
    /** The smoothing constant of the source, in numerator and denominator. */
    static final double SMOOTH = 1e-5;

    public static final LossSpec SPEC = LossSpec.builder("dice", "Dice (TopoMortar, negative)", Family.SEGMENTATION)
            .differentiableInput("logits").input("target")
            .cite("TopoMortar: A dataset to evaluate image segmentation methods focused on topology accuracy")
            .tex("\\ell = -\\frac{1}{C}\\sum_c \\frac{2\\sum P_c Y_c + 10^{-5}}{\\sum P_c + \\sum Y_c + 10^{-5}},"
                    + "\\quad P = \\mathrm{softmax}_c(z)")
            .intuition("The average Dice overlap of every class, background included, with a minus sign: a "
                    + "perfect segmentation scores −1. Each class counts equally however few pixels it has.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        SegmentationInputs.checkClassIndices(hostInputs);
        return Map.of();
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor z = SegmentationInputs.logits(in, 0);
        Tensor y = SegmentationInputs.oneHotTarget(ops, in, z);
        return negativeDice(ops, ops.softmax(z, 1), y);
    }

    /** −mean_c Dice_c per image, from probabilities P [N,C,H,W] and one-hot Y [N,C,H,W]: → [N]. */
    static Tensor negativeDice(Ops ops, Tensor probabilities, Tensor oneHot) {
        Tensor overlap = ops.add(ops.mul(ops.sum(ops.mul(probabilities, oneHot), false, 2, 3), 2.0), SMOOTH);
        Tensor total = ops.add(ops.add(ops.sum(probabilities, false, 2, 3), ops.sum(oneHot, false, 2, 3)), SMOOTH);
        return ops.neg(ops.mean(ops.div(overlap, total), false, 1));
    }
}
