package org.losslab.engine.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between {@link HostArray} (row-major doubles on the heap) and INDArrays. */
final class NdArrays {
    private NdArrays() {}

    static DataType dataType(Precision p) {
        return p == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
    }

    static long[] longs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    static int[] ints(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }

    /** A new c-order array of type {@code dt} holding {@code h}'s values. */
    static INDArray create(HostArray h, DataType dt) {
        INDArray arr = Nd4j.create(dt, longs(h.shape()), 'c');
        fill(arr, h);
        return arr;
    }

    /**
     * Overwrites {@code target} (c-order, contiguous, same element count) with {@code h}'s values, in place, so that
     * graphs holding {@code target} see the new values. Writes through an NIO view of the native buffer: one bulk
     * copy, no temporary array.
     */
    static void fill(INDArray target, HostArray h) {
        if (target.length() != h.size()) {
            throw new IllegalArgumentException("cannot fill an array of shape " + Arrays.toString(target.shape())
                    + " with shape " + Arrays.toString(h.shape()));
        }
        checkDense(target);
        double[] d = h.data();
        if (d.length == 0) {
            return;
        }
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = target.data().asNioDouble();
            b.position(Math.toIntExact(target.offset()));
            b.put(d);
        } else if (target.dataType() == DataType.FLOAT) {
            FloatBuffer b = target.data().asNioFloat();
            int off = Math.toIntExact(target.offset());
            for (int i = 0; i < d.length; i++) {
                b.put(off + i, (float) d[i]);
            }
        } else {
            target.assign(Nd4j.createFromArray(d).reshape(target.shape()));
        }
    }

    /** A host copy of {@code arr}, reported with {@code shape} (same element count; SameDiff may say [1] for []). */
    static HostArray toHost(INDArray arr, int[] shape) {
        INDArray c = arr;
        if (c.isView() || c.ordering() != 'c' || !isDense(c)) {
            c = c.dup('c');
        }
        int n = Math.toIntExact(c.length());
        double[] out = new double[n];
        if (n > 0) {
            if (c.dataType() == DataType.DOUBLE) {
                DoubleBuffer b = c.data().asNioDouble();
                b.position(Math.toIntExact(c.offset()));
                b.get(out);
            } else if (c.dataType() == DataType.FLOAT) {
                FloatBuffer b = c.data().asNioFloat();
                int off = Math.toIntExact(c.offset());
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(off + i);
                }
            } else {
                out = c.castTo(DataType.DOUBLE).data().getDoublesAt(0, n);
            }
        }
        return HostArray.wrap(out, shape);
    }

    static HostArray toHost(INDArray arr) {
        return toHost(arr, ints(arr.shape()));
    }

    private static boolean isDense(INDArray a) {
        if (a.rank() == 0 || a.length() <= 1) {
            return true;
        }
        long expected = 1;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    static void checkDense(INDArray a) {
        if (a.ordering() != 'c' || !isDense(a)) {
            throw new IllegalStateException("expected a dense c-order array, got " + a.shapeInfoToString());
        }
    }
}
