package org.losslab.engine.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import java.util.Arrays;
import org.losslab.engine.Tensor;

/**
 * A {@link Tensor} of the {@code pytorch} engine: an NDArray plus whether autograd tracks it.
 *
 * <p>{@code tracked} is kept here rather than asked of libtorch because DJL 0.33's {@code requiresGrad} reports
 * false for non-leaf results that do have a gradient function; the flag tells whether a backward pass from a
 * value can reach any parameter or input at all.
 */
final class PtTensor implements Tensor {
    final PtNDArray array;
    final boolean tracked;

    PtTensor(PtNDArray array, boolean tracked) {
        this.array = array;
        this.tracked = tracked;
    }

    @Override
    public long[] shape() {
        // PtNDArray caches its shape after the first native query; DJL's Shape hands out its own array, so copy.
        return array.getShape().getShape().clone();
    }

    @Override
    public int rank() {
        return array.getShape().dimension();
    }

    @Override
    public String toString() {
        return "PtTensor" + Arrays.toString(shape()) + (tracked ? " (tracked)" : "");
    }
}
