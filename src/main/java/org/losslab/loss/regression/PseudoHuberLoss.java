package org.losslab.loss.regression;

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
 * Pseudo-Huber distance: d = sqrt(‖r‖² + c²) − c per example, r = pred − target over the example's elements.
 * About ‖r‖²/(2c) for small residuals and ‖r‖ − c for large ones.
 *
 * <p>Computed as ‖r‖²/(sqrt(‖r‖² + c²) + c), the same value without the subtraction, which would lose every digit
 * once ‖r‖² is below ~1e-16·c².
 *
 * <p>Inputs: {@code pred} [N] or [N,D] (differentiable), {@code target} of the same shape. Output [N].
 */
public final class PseudoHuberLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("pseudo-huber", "Pseudo-Huber", Family.REGRESSION)
            .differentiableInput("pred").input("target")
            .param("c", 0.5, Range.positive(), "residual size where the loss turns from quadratic to linear")
            .cite("Improved Training Technique for Latent Consistency Models (the iCT loss it replaces)")
            .tex("d = \\sqrt{\\|r\\|^2 + c^2} - c,\\quad r = \\hat y - y")
            .intuition("Quadratic for small residuals (smooth at zero, like squared error) and linear for large "
                    + "ones (like absolute error), so outliers pull with a bounded force; c sets where one turns "
                    + "into the other.")
            .status(Status.PAPER)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double c = params.real("c");
        Tensor squaredNorm = SquaredResidual.perExample(ops, in);
        return ops.div(squaredNorm, ops.add(ops.sqrt(ops.add(squaredNorm, c * c)), c));
    }
}
