package org.losslab.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Three reusable rank-0 CPU arrays for the coefficients of in-place optimizer updates, whose values change every
 * step (bias corrections, a learning rate being edited).
 *
 * <p>Each array aliases a direct buffer of ours (libtorch's {@code from_blob}), so setting a value is a plain
 * memory write: no allocation and no native call. This is only safe where the value is read at once, which holds
 * for {@link PtBuffer}'s eager in-place updates; autograd graphs must use {@link PytorchEngine#scalar} instead,
 * since the backward pass reads its constants later. libtorch accepts a rank-0 CPU operand next to GPU arrays.
 */
final class ScratchScalars {
    private final DataType type;
    private final ByteBuffer[] buffers = new ByteBuffer[3];
    private final PtNDArray[] arrays = new PtNDArray[3];

    ScratchScalars(PtNDManager manager, DataType type) {
        this.type = type;
        for (int i = 0; i < 3; i++) {
            buffers[i] = ByteBuffer.allocateDirect(type.getNumOfBytes()).order(ByteOrder.nativeOrder());
            arrays[i] = JniUtils.createNdFromByteBuffer(
                    manager, buffers[i], new Shape(), type, SparseFormat.DENSE, Device.cpu());
        }
    }

    PtNDArray first(double value) {
        return set(0, value);
    }

    PtNDArray second(double value) {
        return set(1, value);
    }

    PtNDArray third(double value) {
        return set(2, value);
    }

    private PtNDArray set(int slot, double value) {
        if (type == DataType.FLOAT64) {
            buffers[slot].putDouble(0, value);
        } else {
            buffers[slot].putFloat(0, (float) value);
        }
        return arrays[slot];
    }
}
