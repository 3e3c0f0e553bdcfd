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
 * Pixel-wise cross-entropy plus TopoMortar's negative Dice: ℓ = a·CE + b·dice, with
 * CE = Σ_c mean_pixels(−Y_c log P_c) = mean over the pixels of −log P_y, per image. Defaults a = b = 1.
 *
 * <p>Inputs: {@code logits} [N,C,H,W] (differentiable) and {@code target} [N,H,W] class indices. Output [N].
 */
public final class CeDiceLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("ce-dice", "Cross-entropy + Dice", Family.SEGMENTATION)
            .differentiableInput("logits").input("target")
            .param("ceWeight", 1.0, Range.nonNegative(), "weight a of the pixel-wise cross-entropy")
            .param("diceWeight", 1.0, Range.nonNegative(), "weight b of the (negative) Dice term")
            .cite("Baseline: \"Cross entropy Dice loss\" in TopoMortar: A dataset to evaluate image segmentation "
                    + "methods focused on topology accuracy")
            .tex("\\ell = a\\,\\frac{1}{HW}\\sum_{\\text{pixels}} -\\log P_y"
                    + " - b\\,\\frac{1}{C}\\sum_c \\frac{2\\sum P_c Y_c + 10^{-5}}{\\sum P_c + \\sum Y_c + 10^{-5}}")
            .intuition("Cross-entropy grades every pixel on its own; Dice grades the overlap of each class as a "
                    + "whole. Together they learn fast from every pixel without letting the large background class "
                    + "swamp thin foreground structures.")
            .status(Status.BASELINE)
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
        Tensor crossEntropy = pixelCrossEntropy(ops, z, y);
        Tensor dice = DiceLoss.negativeDice(ops, ops.softmax(z, 1), y);
        return ops.add(ops.mul(crossEntropy, params.real("ceWeight")), ops.mul(dice, params.real("diceWeight")));
    }

    /** Mean over the pixels of −log softmax(z)_y per image: logits [N,C,H,W], one-hot [N,C,H,W] → [N]. */
    static Tensor pixelCrossEntropy(Ops ops, Tensor logits, Tensor oneHot) {
        Tensor logP = ops.logSoftmax(logits, 1);
        Tensor perPixel = ops.neg(ops.sum(ops.mul(logP, oneHot), false, 1));
        return ops.mean(perPixel, false, 1, 2);
    }
}
