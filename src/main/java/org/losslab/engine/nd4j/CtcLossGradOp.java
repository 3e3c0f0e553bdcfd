package org.losslab.engine.nd4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * The native {@code ctc_loss_grad} kernel: [N,T,V] {@code softmax - posterior} for the frames before each
 * sequence's input length (later frames are left unwritten). Only {@link CtcLossOp#doDiff} creates it.
 */
public final class CtcLossGradOp extends DynamicCustomOp {
    public static final String OP_NAME = "losslab_ctc_loss_grad";
    private static final String NATIVE = "ctc_loss_grad";

    public CtcLossGradOp() {}

    public CtcLossGradOp(SameDiff sd, SDVariable targets, SDVariable logProbs, SDVariable targetLengths,
            SDVariable inputLengths) {
        super(null, sd, new SDVariable[] {targets, logProbs, targetLengths, inputLengths}, false);
        addIArgument(CtcLossOp.BLANK);
        addTArgument(0.0); // the kernel's declaration demands one floating argument it never reads
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public long opHash() {
        return Nd4jRuntime.nativeOp(NATIVE).getHash();
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return Nd4jRuntime.nativeOp(NATIVE);
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return Collections.singletonList(inputTypes.get(1));
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("second derivatives of CTC are not supported");
    }
}
