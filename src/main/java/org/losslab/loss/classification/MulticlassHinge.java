package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Hinge loss. Multi-class (Crammer–Singer) on logits [N,C]: ℓ = [margin + max_{k≠y} z_k − z_y]₊. Binary on a
 * logit [N] with labels in {−1, +1}: ℓ = [margin − y·f]₊. Subgradient at the kink: 0.
 */
public final class MulticlassHinge implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("hinge", "Hinge (Crammer–Singer)", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("margin", 1.0, Range.positive(), "how far the true class must beat the runner-up")
            .cite("Baseline: Crammer & Singer, On the Algorithmic Implementation of Multiclass Kernel-based "
                    + "Vector Machines, 2001")
            .tex("\\ell = \\left[1 + \\max_{k \\ne y} z_k - z_y\\right]_+")
            .intuition("Zero once the true class beats every other class by the margin: correct, confident "
                    + "examples stop contributing, as in a support-vector machine.")
            .build();

    /** Subtracted from the true class's logit so it never wins the max over k ≠ y. */
    private static final double EXCLUDE = 1e9;

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double margin = params.real("margin");
        Tensor z = in.get("logits");
        if (z.rank() == 1) {
            Tensor y = in.get("labels");
            return ops.relu(ops.rsub(margin, ops.mul(y, z)));
        }
        Tensor y = Targets.oneHot(ops, in, Targets.logits(in));
        Tensor zy = ops.rowDot(z, y);
        Tensor runnerUp = ops.max(ops.sub(z, ops.mul(y, EXCLUDE)), false, 1);
        return ops.relu(ops.add(ops.sub(runnerUp, zy), margin));
    }
}
