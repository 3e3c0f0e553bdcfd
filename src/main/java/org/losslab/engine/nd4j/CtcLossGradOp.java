package org.losslab.engine.nd4j;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The native {@code ctc_loss_grad} kernel: [N,T,V] {@code softmax - posterior} for the frames before each
 * sequence's input length (later frames are left unwritten). Only {@link CtcLossOp#doDiff} creates it.
 */
public final class CtcLossGradOp extends NativeKernelOp {
    public static final String OP_NAME = "losslab_ctc_loss_grad";

    public CtcLossGradOp() {
        super("ctc_loss_grad", 1);
    }

    public CtcLossGradOp(SameDiff sd, SDVariable targets, SDVariable logProbs, SDVariable targetLengths,
            SDVariable inputLengths) {
        super("ctc_loss_grad", 1, sd, targets, logProbs, targetLengths, inputLengths);
        addIArgument(CtcLossOp.BLANK);
        addTArgument(0.0); // the kernel's declaration demands one floating argument it never reads
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("second derivatives of CTC are not supported");
    }
}
