package org.losslab.engine.nd4j;

import java.util.Arrays;
import org.losslab.engine.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A SameDiff variable with the concrete shape this package computed for it while tracing. The shape is tracked
 * here rather than asked of SameDiff, whose shape inference for intermediate ("ARRAY") variables needs the arrays.
 */
final class Nd4jTensor implements Tensor {
    final SDVariable var;
    private final long[] shape;

    Nd4jTensor(SDVariable var, long[] shape) {
        this.var = var;
        this.shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    long[] shapeRef() {
        return shape;
    }

    @Override
    public String toString() {
        return "Nd4jTensor[" + var.name() + " " + Arrays.toString(shape) + "]";
    }
}
