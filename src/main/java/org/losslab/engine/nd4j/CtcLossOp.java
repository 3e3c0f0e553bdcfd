package org.losslab.engine.nd4j;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-sequence CTC negative log-likelihood over log-probabilities: the native {@code ctc_loss} kernel with blank
 * index 0 and a gradient with respect to the log-probabilities.
 *
 * <p>Inputs: targets [N,S] (int32), logProbs [N,T,V] (log-softmax already applied), targetLengths [N] (int32),
 * inputLengths [N] (int32). Output: [N], not length-normalised. Integer arguments: blank index, T.
 *
 * <p>Why not {@code sd.loss().ctcLoss}: in M2.1 it throws (no output data types), never passes the blank index, and
 * its gradient op has the wrong arity. The native {@code ctc_loss_grad} kernel returns
 * {@code softmax(z) - posterior} for {@code logProbs = logSoftmax(z)}, i.e. the gradient with respect to the
 * <em>logits</em>. Because the seam hands this op log-probabilities (and lets the gradient flow on through the
 * caller's own log-softmax), the gradient wanted here is {@code -posterior = grad - exp(logProbs)}. The kernel
 * leaves frames at or beyond a sequence's input length unwritten (SameDiff hands it uninitialised memory), so
 * those frames are replaced by zeros with a select, not a multiply that would keep a NaN.
 */
public final class CtcLossOp extends NativeKernelOp {
    public static final String OP_NAME = "losslab_ctc_loss";
        static final int BLANK = 0;

    public CtcLossOp() {
        super("ctc_loss", 1);
    }

    public CtcLossOp(SameDiff sd, SDVariable targets, SDVariable logProbs, SDVariable targetLengths,
            SDVariable inputLengths, long frames) {
        super("ctc_loss", 1, sd, targets, logProbs, targetLengths, inputLengths);
        addIArgument(BLANK, frames); // the kernel reads only the first; the second is for doDiff
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable targets = arg(0);
        SDVariable logProbs = arg(1);
        SDVariable targetLengths = arg(2);
        SDVariable inputLengths = arg(3);
        long frames = iArguments.get(1);
        DataType dt = logProbs.dataType();

        SDVariable logitGrad = new CtcLossGradOp(sameDiff, targets, logProbs, targetLengths, inputLengths)
                .outputVariable();
        SDVariable negPosterior = logitGrad.sub(sameDiff.math().exp(logProbs));

        // valid[n,t,v] = t < inputLengths[n]
        SDVariable time = sameDiff.constant(Nd4j.arange(frames).castTo(dt).reshape(1, frames));
        SDVariable lengths = sameDiff.reshape(sameDiff.castTo(inputLengths, dt), -1, 1);
        SDVariable valid2d = sameDiff.castTo(sameDiff.lt(time, lengths), dt);
        SDVariable valid = sameDiff.expandDims(valid2d, 2).mul(sameDiff.onesLike(logProbs)).gt(0.5);
        SDVariable zeros = sameDiff.zerosLike(logProbs);
        SDVariable masked = new Select(sameDiff, new SDVariable[] {valid, negPosterior, zeros}).outputVariable();

        SDVariable upstream = sameDiff.reshape(gradients.get(0), -1, 1, 1);
        return List.of(
                sameDiff.zerosLike(targets),
                masked.mul(upstream),
                sameDiff.zerosLike(targetLengths),
                sameDiff.zerosLike(inputLengths));
    }
}
