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
 * FedLD's client loss: L = mean_i CE_i + λ·log(1 + ‖softmax(Z)‖²_F), the Frobenius norm taken over the whole
 * batch's B×C probability matrix. The regulariser couples the batch, so the per-example values are
 * CE_i + λ·log(1 + ‖P‖²_F): their mean (the default reduction) is L, and the gradient of the mean is L's. Their sum
 * is not the paper's quantity (it counts the regulariser B times).
 *
 * <p>Not built: the federated server step (principal-gradient aggregation by SVD of the clients' updates). It is
 * an aggregation rule, not a loss.
 *
 * <p>Inputs: {@code logits} Z [B,C] (differentiable), {@code labels} [B]. Output [B].
 */
public final class FedLdLoss implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("fedld", "FedLD client loss", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("lambda", 0.03, Range.nonNegative(),
                    "weight of the batch's log(1 + ‖softmax‖²) penalty (the authors' README uses 0.1)")
            .cite("Tackling Data Heterogeneity in Federated Learning via Loss Decomposition (client loss only; "
                    + "the server's principal-gradient aggregation is not a loss and is not built)")
            .tex("L = \\frac{1}{B}\\sum_i \\mathrm{CE}_i + \\lambda \\log\\left(1 + \\|\\mathrm{softmax}(Z)\\|_F^2"
                    + "\\right)")
            .intuition("A client that sees a skewed slice of the labels grows over-confident in its own classes; "
                    + "the penalty on the batch's summed squared probabilities, largest for one-hot predictions, "
                    + "keeps them softer, so the clients' models disagree less when averaged.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double lambda = params.real("lambda");
        Tensor z = Targets.logits(in);
        Tensor crossEntropy = LogSpace.crossEntropy(ops, z, Targets.oneHot(ops, in, z));
        Tensor squaredNorm = ops.sum(ops.square(ops.softmax(z, -1)), false);
        Tensor penalty = ops.mul(ops.log(ops.add(squaredNorm, 1.0)), lambda);
        return ops.add(crossEntropy, penalty);
    }
}
