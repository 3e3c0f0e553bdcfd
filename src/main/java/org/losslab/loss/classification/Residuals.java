package org.losslab.loss.classification;

import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;

/** Prediction/target pairs for the element-wise losses (mse, mae) on classification or regression inputs. */
final class Residuals {
    private Residuals() {}

    /** {softmax(z), onehot(y)} for {@code logits}/{@code labels}, or {pred, target} for regression inputs. */
    static Tensor[] predictionAndTarget(Ops ops, LossInputs in) {
        if (in.has("pred")) {
            Tensor pred = in.get("pred");
            Tensor target = in.get("target");
            if (!java.util.Arrays.equals(pred.shape(), target.shape())) {
                throw new IllegalArgumentException("pred and target must have the same shape, got "
                        + java.util.Arrays.toString(pred.shape()) + " and " + java.util.Arrays.toString(target.shape()));
            }
            return new Tensor[] {pred, target};
        }
        Tensor z = Targets.logits(in);
        return new Tensor[] {ops.softmax(z, -1), Targets.oneHot(ops, in, z)};
    }

    /** Mean over every axis but the first: [N,...] → [N]. */
    static Tensor meanPerExample(Ops ops, Tensor x) {
        if (x.rank() == 1) {
            return x;
        }
        Tensor flat = ops.reshape(x, x.dim(0), -1);
        return ops.mean(flat, false, 1);
    }
}
