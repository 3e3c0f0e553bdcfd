package org.losslab.engine.nd4j;

import org.losslab.engine.Buffer;
import org.losslab.engine.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Buffer} over one INDArray, updated in place: a parameter's buffer is the very array its graphs read,
 * so an optimizer step is visible to every cached trace without copying. Each update is one or two native ops
 * writing into the array or a scratch array kept per buffer, so a step allocates nothing.
 */
final class Nd4jBuffer implements Buffer {
    final INDArray array;
    private INDArray scratch;

    Nd4jBuffer(INDArray array) {
        NdArrays.checkDense(array);
        this.array = array;
    }

    private static INDArray of(Buffer b) {
        if (b instanceof Nd4jBuffer n) {
            return n.array;
        }
        throw new IllegalArgumentException("buffer from another engine: " + b);
    }

    private INDArray scratch() {
        if (scratch == null) {
            scratch = Nd4j.createUninitialized(array.dataType(), array.shape(), 'c');
        }
        return scratch;
    }

    @Override
    public int[] shape() {
        return NdArrays.ints(array.shape());
    }

    @Override
    public Buffer zerosLike() {
        return new Nd4jBuffer(Nd4j.zeros(array.dataType(), array.shape()));
    }

    @Override
    public void scale(double a) {
        array.muli(a);
    }

    @Override
    public void addScaled(Buffer x, double a) {
        Nd4j.exec(new Axpy(of(x), array, array, a)); // array = a·x + array
    }

    @Override
    public void addScaledSquare(Buffer x, double a) {
        INDArray xs = of(x);
        INDArray s = scratch();
        Nd4j.exec(new MulOp(xs, xs, s));
        Nd4j.exec(new Axpy(s, array, array, a));
    }

    @Override
    public void addScaledRatio(Buffer num, Buffer den, double a, double denScale, double eps) {
        INDArray s = scratch();
        Nd4j.exec(new Sqrt(of(den), s));
        s.muli(denScale).addi(eps);
        Nd4j.exec(new DivOp(of(num), s, s));
        Nd4j.exec(new Axpy(s, array, array, a));
    }

    @Override
    public void assign(Buffer x) {
        array.assign(of(x));
    }

    @Override
    public HostArray toHost() {
        return NdArrays.toHost(array);
    }
}
