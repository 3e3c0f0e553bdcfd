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
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * clDice as TopoMortar trains it: ℓ = λ·dice + (1−λ)·clDice per image, with {@link DiceLoss}'s negative Dice and
 * clDice = 1 − 2·Tprec·Tsens/(Tprec + Tsens), Tprec = (Σskel(P)·Y + 1)/(Σskel(P) + 1),
 * Tsens = (Σskel(Y)·P + 1)/(Σskel(Y) + 1), on the foreground channel P = softmax(z)₁ and mask Y = [target = 1].
 * The soft skeleton is {@link SoftMorphology#softSkeleton} with 3 iterations.
 *
 * <p>The registered loss is the training total, with λ = {@code diceWeight} = 0.5 by default (the source's
 * 0.5·dice + 0.5·clDice); {@code diceWeight} = 0 gives clDice alone. The skeleton of Y is a constant (no gradient
 * reaches the target); the gradient reaches the logits both through P in Tsens and through skel(P) in Tprec.
 *
 * <p>Inputs: {@code logits} [N,2,H,W] (differentiable) and {@code target} [N,H,W] in {0,1}. Output [N].
 */
public final class ClDiceLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("cldice", "clDice (+ Dice)", Family.SEGMENTATION)
            .differentiableInput("logits").input("target")
            .param("diceWeight", 0.5, Range.closed(0, 1),
                    "weight λ of the (negative) Dice term; clDice gets 1 − λ (0: clDice alone)")
            .param(ParamSpec.integer("iterations", 3, Range.closed(0, 50),
                    "erosion steps of the soft skeleton; about the half-width of the thickest structure"))
            .cite("TopoMortar: A dataset to evaluate image segmentation methods focused on topology accuracy")
            .tex("\\mathrm{clDice} = 1 - \\frac{2\\,T_{prec}\\,T_{sens}}{T_{prec} + T_{sens}},\\quad "
                    + "T_{prec} = \\frac{\\sum S_P Y + 1}{\\sum S_P + 1},\\ "
                    + "T_{sens} = \\frac{\\sum S_Y P + 1}{\\sum S_Y + 1},\\quad "
                    + "\\ell = \\lambda\\,\\mathrm{dice} + (1-\\lambda)\\,\\mathrm{clDice}")
            .intuition("It compares centrelines instead of areas: how much of the predicted skeleton lies inside "
                    + "the true mask, and how much of the true skeleton the prediction covers. A one-pixel gap in "
                    + "a thin vessel barely changes Dice but cuts the skeleton, so clDice notices it.")
            .binaryOnly()
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
        double diceWeight = params.real("diceWeight");
        int iterations = params.integer("iterations");
        Tensor z = SegmentationInputs.logits(in, 2);
        Tensor y = SegmentationInputs.oneHotTarget(ops, in, z);
        Tensor probabilities = ops.softmax(z, 1);
        Tensor foreground = ops.squeeze(ops.slice(probabilities, 1, 1, 2), 1);
        Tensor mask = ops.squeeze(ops.slice(y, 1, 1, 2), 1);
        Tensor clDice = clDice(ops, foreground, mask, iterations);
        if (diceWeight == 0) {
            return clDice;
        }
        Tensor dice = DiceLoss.negativeDice(ops, probabilities, y);
        return ops.add(ops.mul(dice, diceWeight), ops.mul(clDice, 1 - diceWeight));
    }

    /** clDice of foreground probabilities p [N,H,W] and a 0/1 mask [N,H,W] → [N]. */
    static Tensor clDice(Ops ops, Tensor p, Tensor mask, int iterations) {
        Tensor skeletonOfP = SoftMorphology.softSkeleton(ops, p, iterations);
        Tensor skeletonOfMask = SoftMorphology.softSkeleton(ops, mask, iterations);
        Tensor precision = ops.div(ops.add(SegmentationInputs.perImageSum(ops, ops.mul(skeletonOfP, mask)), 1.0),
                ops.add(SegmentationInputs.perImageSum(ops, skeletonOfP), 1.0));
        Tensor sensitivity = ops.div(ops.add(SegmentationInputs.perImageSum(ops, ops.mul(skeletonOfMask, p)), 1.0),
                ops.add(SegmentationInputs.perImageSum(ops, skeletonOfMask), 1.0));
        Tensor harmonic = ops.div(ops.mul(ops.mul(precision, sensitivity), 2.0), ops.add(precision, sensitivity));
        return ops.rsub(1.0, harmonic);
    }
}
