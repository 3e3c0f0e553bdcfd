package org.losslab.engine.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.losslab.engine.Buffer;
import org.losslab.engine.HostArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Buffer} over one dense c-order INDArray, updated in place: a parameter's buffer is the very array its
 * graphs read, so an optimizer step is visible to every cached trace without copying.
 *
 * <p>Small arrays (the common case: an Adam step touches each parameter ten times) are updated by Java loops over
 * an NIO view of the native memory. A native op costs 5–10 µs of call overhead however small its array, so six
 * parameters × ten ops would cost ~0.5 ms a step, more than the MLP's whole forward pass; the loops take a few
 * microseconds. Large arrays use native (multi-threaded) ops with a scratch array kept per buffer, so no step
 * allocates.
 */
final class Nd4jBuffer implements Buffer {
    /** Up to this many elements, Java loops beat native calls. */
    static final long LOOP_LIMIT = 1 << 16;

    final INDArray array;
    private final int n;
    private final boolean loops;
    private final boolean isDouble;
    private DoubleBuffer doubles;
    private FloatBuffer floats;
    private INDArray scratch;

    Nd4jBuffer(INDArray array) {
        NdArrays.checkDense(array);
        this.array = array;
        this.n = Math.toIntExact(array.length());
        this.isDouble = array.dataType() == DataType.DOUBLE;
        this.loops = n <= LOOP_LIMIT && array.offset() == 0 && (isDouble || array.dataType() == DataType.FLOAT);
        if (loops) {
            if (isDouble) {
                doubles = array.data().asNioDouble();
            } else {
                floats = array.data().asNioFloat();
            }
        }
    }

    private static Nd4jBuffer of(Buffer b) {
        if (b instanceof Nd4jBuffer n) {
            return n;
        }
        throw new IllegalArgumentException("buffer from another engine: " + b);
    }

    /** True when this and every operand can be updated by Java loops. */
    private boolean loops(Nd4jBuffer... operands) {
        if (!loops) {
            return false;
        }
        for (Nd4jBuffer o : operands) {
            if (!o.loops || o.isDouble != isDouble || o.n != n) {
                return false;
            }
        }
        return true;
    }

    private double get(int i) {
        return isDouble ? doubles.get(i) : floats.get(i);
    }

    private void put(int i, double v) {
        if (isDouble) {
            doubles.put(i, v);
        } else {
            floats.put(i, (float) v);
        }
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
        if (loops()) {
            for (int i = 0; i < n; i++) {
                put(i, get(i) * a);
            }
        } else {
            array.muli(a);
        }
    }

    @Override
    public void addScaled(Buffer x, double a) {
        Nd4jBuffer xb = of(x);
        if (loops(xb)) {
            for (int i = 0; i < n; i++) {
                put(i, get(i) + a * xb.get(i));
            }
        } else {
            Nd4j.exec(new Axpy(xb.array, array, array, a)); // array = a·x + array
        }
    }

    @Override
    public void addScaledSquare(Buffer x, double a) {
        Nd4jBuffer xb = of(x);
        if (loops(xb)) {
            for (int i = 0; i < n; i++) {
                double xi = xb.get(i);
                put(i, get(i) + a * xi * xi);
            }
        } else {
            INDArray s = scratch();
            Nd4j.exec(new MulOp(xb.array, xb.array, s));
            Nd4j.exec(new Axpy(s, array, array, a));
        }
    }

    @Override
    public void addScaledRatio(Buffer num, Buffer den, double a, double denScale, double eps) {
        Nd4jBuffer nb = of(num);
        Nd4jBuffer db = of(den);
        if (loops(nb, db)) {
            for (int i = 0; i < n; i++) {
                put(i, get(i) + a * nb.get(i) / (Math.sqrt(db.get(i)) * denScale + eps));
            }
        } else {
            INDArray s = scratch();
            Nd4j.exec(new Sqrt(db.array, s));
            s.muli(denScale).addi(eps);
            Nd4j.exec(new DivOp(nb.array, s, s));
            Nd4j.exec(new Axpy(s, array, array, a));
        }
    }

    @Override
    public void assign(Buffer x) {
        array.assign(of(x).array);
    }

    @Override
    public HostArray toHost() {
        return NdArrays.toHost(array);
    }
}
