package org.losslab.loss.classification;

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
 * Z-loss (de Brébisson &amp; Vincent): the true-class logit standardised within its row,
 * ẑ_y = (z_y − mean z)/std z with the population std, then ℓ = (1/a)·softplus(a(b − ẑ_y)). Invariant to
 * z → αz + β for α &gt; 0 (cross-entropy is invariant to shifts only).
 *
 * <p>ẑ_y never exceeds sqrt(C−1) (all other logits equal), so an offset b ≥ sqrt(C−1) can never be reached and the
 * loss then never flattens out; keep b below it.
 *
 * <p>Inputs: {@code logits} [N,C] (differentiable), {@code labels} [N]. Output [N].
 */
public final class ZLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("z-loss", "Z-loss", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("a", 1.0, Range.positive(), "sharpness of the softplus (large a approaches a hinge at b)")
            .param("b", 0.0, Range.any(), "offset the standardised true logit should exceed; keep it below sqrt(C−1)")
            .cite("The Z-loss: a shift and scale invariant classification loss belonging to the Spherical Family")
            .tex("\\ell = \\frac{1}{a}\\,\\mathrm{softplus}\\left(a\\,(b - \\hat z_y)\\right),\\quad "
                    + "\\hat z_y = \\frac{z_y - \\mathrm{mean}(z)}{\\mathrm{std}(z)}")
            .intuition("Only where the true logit stands among the others, in units of their spread, counts: "
                    + "scaling or shifting all logits changes nothing, so the model cannot lower the loss by simply "
                    + "inflating its logits, as it can with cross-entropy.")
            .status(Status.CODE)
            .build();

    /**
     * Added to the variance: constant logits (e.g. from a zero-initialised output layer) have std 0 and ẑ_y = 0/0,
     * and the gradient of sqrt at 0 is infinite. 1e-30 is still a normal number in float32, and next to the variance
     * of any real spread of logits it is nothing, so the scale invariance is untouched in practice.
     */
    private static final double VARIANCE_FLOOR = 1e-30;

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double a = params.real("a");
        double b = params.real("b");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        // Centred before squaring: the textbook Σz²/C − mean² cancels catastrophically for logits with a large offset.
        Tensor centred = ops.sub(z, ops.mean(z, true, -1));
        Tensor std = ops.sqrt(ops.add(ops.mean(ops.square(centred), false, -1), VARIANCE_FLOOR));
        Tensor standardisedTrue = ops.div(ops.rowDot(centred, y), std);
        return ops.div(ops.softplus(ops.mul(ops.rsub(b, standardisedTrue), a)), a);
    }
}
