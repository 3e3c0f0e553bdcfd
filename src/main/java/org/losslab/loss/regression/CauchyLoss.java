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
 * Cauchy (Lorentzian) distance: d = log(1 + ‖r‖²/(2c²)) per example, r = pred − target over the example's elements.
 * Its gradient r/(c²(1 + ‖r‖²/(2c²))) is largest at ‖r‖ = c·sqrt(2) and falls back to 0 for outliers.
 *
 * <p>As reconstructed (LOSSES.md: [UNCERTAIN]): the paper's repository holds only a README, so the scaling of the
 * loss inside consistency training and the paper's adaptive schedule for c are unseen. This is the textbook form
 * with a fixed c, not a confirmed copy of the paper's loss.
 *
 * <p>Inputs: {@code pred} [N] or [N,D] (differentiable), {@code target} of the same shape. Output [N].
 */
public final class CauchyLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("cauchy", "Cauchy", Family.REGRESSION)
            .differentiableInput("pred").input("target")
            .param("c", 0.5, Range.positive(), "residual scale: beyond about c·√2 a larger residual pulls less")
            .cite("Improved Training Technique for Latent Consistency Models. Form as reconstructed: the paper's "
                    + "scaling of the loss and its adaptive schedule for c were not seen; c is fixed here.")
            .tex("d = \\log\\left(1 + \\frac{\\|r\\|^2}{2c^2}\\right),\\quad r = \\hat y - y")
            .intuition("Grows only logarithmically, so a huge residual costs barely more than a large one and "
                    + "outliers are almost ignored. As reconstructed: the paper's scaling and its adaptive c are "
                    + "unseen.")
            .status(Status.UNCERTAIN)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double c = params.real("c");
        Tensor squaredNorm = SquaredResidual.perExample(ops, in);
        return ops.log(ops.add(ops.div(squaredNorm, 2 * c * c), 1.0));
    }
}
