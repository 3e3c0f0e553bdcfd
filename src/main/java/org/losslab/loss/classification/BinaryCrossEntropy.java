package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;

/**
 * Binary cross-entropy on logits: ℓ = softplus(z) − y·z. With logits [N] the labels are 0/1; with logits [N,C]
 * each class is an independent one-vs-rest sigmoid against onehot(label), averaged over the C classes.
 */
public final class BinaryCrossEntropy implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("bce", "Binary cross-entropy", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .cite("Baseline: logistic loss of independent sigmoid outputs")
            .tex("\\ell = \\frac{1}{C}\\sum_k \\mathrm{softplus}(z_k) - y_k z_k")
            .intuition("Each class gets its own yes/no sigmoid instead of competing in a softmax; the loss of a "
                    + "single output is −log σ(z) for positives and −log(1−σ(z)) for negatives.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor z = in.get("logits");
        Tensor y = z.rank() == 1 ? in.get("labels") : Targets.oneHot(ops, in, Targets.logits(in));
        Tensor elementwise = ops.sub(ops.softplus(z), ops.mul(y, z));
        return z.rank() == 1 ? elementwise : ops.mean(elementwise, false, 1);
    }
}
