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
 * Focal Tversky loss as SPOCKMIP trains it: ℓ = |1 − TI|^γ with TI = (TP+s)/(TP + αFN + βFP + s),
 * TP = Σpy, FN = Σy(1−p), FP = Σ(1−y)p, per image (or per volume).
 *
 * <p>1 − TI is formed as (αFN + βFP)/(TP + αFN + βFP + s), which is never negative (so the absolute value is the
 * identity) and does not cancel when TI is close to 1. For p strictly inside (0,1) it is positive, where the power
 * γ &lt; 1 is differentiable.
 *
 * <p>Inputs: {@code prob} [N,H,W], or a volume [N,D,H,W] (the sums run over every axis but the batch, so a depth
 * axis needs no special case), differentiable; {@code target} of the same shape in {0,1}. Output [N]. SPOCKMIP's
 * deep-supervision weights r = [1, .66, .34] apply to several output levels of the network; this loss scores one
 * level (r₁ = 1), and a multi-level model sums weighted copies.
 */
public final class FocalTverskyLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("focal-tversky", "Focal Tversky", Family.SEGMENTATION)
            .differentiableInput("prob").input("target")
            .param("alpha", 0.7, Range.nonNegative(), "weight α of false negatives (missed foreground)")
            .param("beta", 0.3, Range.nonNegative(), "weight β of false positives")
            .param("gamma", 0.75, Range.positive(), "focal exponent γ applied to 1 − TI")
            .param("s", 1.0, Range.positive(), "smoothing added to the Tversky index's numerator and denominator")
            .cite("SPOCKMIP: Segmentation of Vessels in MRAs with Enhanced Continuity using Maximum Intensity "
                    + "Projection as Loss")
            .tex("\\ell = \\left|1 - \\frac{TP + s}{TP + \\alpha FN + \\beta FP + s}\\right|^{\\gamma},\\quad "
                    + "TP = \\sum p y,\\ FN = \\sum y(1-p),\\ FP = \\sum (1-y)p")
            .intuition("A Dice-like overlap score that charges missed foreground (α = 0.7) more than false alarms "
                    + "(β = 0.3), which suits thin vessels that are easy to miss; the exponent γ < 1 keeps the "
                    + "gradient strong while the overlap is already good.")
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
        return focalTversky(ops, pair[0], pair[1], params);
    }

    /** The focal Tversky loss of probabilities p and a 0/1 mask y of one shape [N,...] → [N]. */
    static Tensor focalTversky(Ops ops, Tensor p, Tensor y, ParamValues params) {
        Tensor truePositives = SegmentationInputs.perImageSum(ops, ops.mul(p, y));
        Tensor falseNegatives = SegmentationInputs.perImageSum(ops, ops.mul(y, ops.rsub(1.0, p)));
        Tensor falsePositives = SegmentationInputs.perImageSum(ops, ops.mul(ops.rsub(1.0, y), p));
        Tensor penalty = ops.add(ops.mul(falseNegatives, params.real("alpha")),
                ops.mul(falsePositives, params.real("beta")));
        Tensor oneMinusIndex = ops.div(penalty, ops.add(ops.add(truePositives, penalty), params.real("s")));
        return ops.pow(oneMinusIndex, params.real("gamma"));
    }
}
