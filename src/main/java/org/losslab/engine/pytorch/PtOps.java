package org.losslab.engine.pytorch;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Precision;
import org.losslab.engine.Tensor;

/**
 * {@link Ops} over libtorch tensors for one run or training step, computed eagerly; autograd records the graph
 * while grad mode is on.
 *
 * <p>Memory: DJL attaches every result to the manager of the op's first operand. When that operand is a parameter
 * or a cached constant, the result would outlive the step, so {@link #result} moves every result into this step's
 * manager; closing the manager at the end of the step then frees them all.
 *
 * <p>Native overrides of composite defaults, each checked against the composite in the engine's tests:
 * {@link #logSoftmax} and {@link #softmax} (one fused op and one backward node instead of about eight).
 * The other composites ({@code minimum}, {@code maximum}, {@code clamp}, {@code gelu}, {@code logSumExp}, …) stay
 * as defined in {@link Ops}: libtorch's own versions treat ties, boundaries or the GELU formula differently.
 */
final class PtOps implements Ops {
    private final PytorchEngine engine;
    private final PtNDManager step;
    private final DataType dataType;

    PtOps(PytorchEngine engine, PtNDManager step) {
        this.engine = engine;
        this.step = step;
        this.dataType = engine.dataType();
    }

    @Override
    public Precision precision() {
        return engine.precision();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static PtTensor t(Tensor x) {
        if (x instanceof PtTensor p) {
            return p;
        }
        throw new IllegalArgumentException("not a tensor of the pytorch engine: " + x);
    }

    /** Wraps an op's result, first moving it into this step's manager (see the class comment). */
    private PtTensor result(PtNDArray r, boolean tracked) {
        if (r.getManager() != step) {
            r.attach(step);
        }
        return new PtTensor(r, tracked);
    }

    private PtNDArray s(double value) {
        return engine.scalar(value);
    }

    private static int axis(int axis, int rank) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** An array of the host values of {@code x}, for ops that need labels, indices or lengths in Java. */
    HostArray host(Tensor x) {
        return engine.toHost(t(x).array);
    }

    // ---- creation -------------------------------------------------------------------------------------------

    @Override
    public Tensor constant(HostArray value) {
        return new PtTensor(engine.fromHost(step, value), false);
    }

    @Override
    public Tensor scalar(double value) {
        // The cached array stays in the engine's scalar manager: it must not be closed with this step.
        return new PtTensor(s(value), false);
    }

    @Override
    public Tensor zerosLike(Tensor x) {
        return result(JniUtils.zerosLike(t(x).array, dataType, engine.djlDevice(), SparseFormat.DENSE), false);
    }

    @Override
    public Tensor onesLike(Tensor x) {
        return result(JniUtils.onesLike(t(x).array, dataType, engine.djlDevice(), SparseFormat.DENSE), false);
    }

    // ---- element-wise binary --------------------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        PtTensor x = t(a);
        PtTensor y = t(b);
        return result(JniUtils.add(x.array, y.array), x.tracked || y.tracked);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        PtTensor x = t(a);
        PtTensor y = t(b);
        return result(JniUtils.sub(x.array, y.array), x.tracked || y.tracked);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        PtTensor x = t(a);
        PtTensor y = t(b);
        return result(JniUtils.mul(x.array, y.array), x.tracked || y.tracked);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        PtTensor x = t(a);
        PtTensor y = t(b);
        return result(JniUtils.div(x.array, y.array), x.tracked || y.tracked);
    }

    @Override
    public Tensor add(Tensor x, double c) {
        PtTensor p = t(x);
        return result(JniUtils.add(p.array, s(c)), p.tracked);
    }

    @Override
    public Tensor mul(Tensor x, double c) {
        PtTensor p = t(x);
        return result(JniUtils.mul(p.array, s(c)), p.tracked);
    }

    @Override
    public Tensor rsub(double c, Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.sub(s(c), p.array), p.tracked);
    }

    @Override
    public Tensor pow(Tensor x, double p) {
        PtTensor b = t(x);
        // torch.pow with a rank-0 exponent: gradient p·x^(p-1), and 0 where p == 0.
        return result(JniUtils.pow(b.array, s(p)), b.tracked);
    }

    // ---- element-wise unary ---------------------------------------------------------------------------------

    @Override
    public Tensor neg(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.neg(p.array), p.tracked);
    }

    @Override
    public Tensor exp(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.exp(p.array), p.tracked);
    }

    @Override
    public Tensor log(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.log(p.array), p.tracked);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.sqrt(p.array), p.tracked);
    }

    @Override
    public Tensor square(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.square(p.array), p.tracked);
    }

    @Override
    public Tensor abs(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.abs(p.array), p.tracked);
    }

    @Override
    public Tensor relu(Tensor x) {
        PtTensor p = t(x);
        // libtorch's relu backward passes the gradient only where the output is > 0: 0 at the kink, as specified.
        return result(JniUtils.relu(p.array), p.tracked);
    }

    @Override
    public Tensor tanh(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.tanh(p.array), p.tracked);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.sigmoid(p.array), p.tracked);
    }

    /**
     * libtorch's softplus: log1p(exp(x)), and x itself above 20, where the exact value differs by less than
     * 2.1e-9 (relative error below 1.1e-10) and the gradient by less than 2.1e-9.
     */
    @Override
    public Tensor softplus(Tensor x) {
        PtTensor p = t(x);
        return result(JniUtils.softPlus(p.array), p.tracked);
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return result(JniUtils.detachGradient(t(x).array), false);
    }

    // ---- comparisons ----------------------------------------------------------------------------------------

    @Override
    public Tensor greaterThan(Tensor a, Tensor b) {
        return mask(JniUtils.gt(t(a).array, t(b).array));
    }

    @Override
    public Tensor greaterThan(Tensor x, double c) {
        return mask(JniUtils.gt(t(x).array, s(c)));
    }

    private Tensor mask(PtNDArray bool) {
        try {
            return result(JniUtils.to(bool, dataType, engine.djlDevice()), false);
        } finally {
            bool.close();
        }
    }

    // ---- reductions -----------------------------------------------------------------------------------------

    @Override
    public Tensor sum(Tensor x, boolean keepDims, int... axes) {
        PtTensor p = t(x);
        int rank = p.rank();
        if (axes.length == 0) {
            return result(keepDims ? JniUtils.sum(p.array, allAxes(rank), true) : JniUtils.sum(p.array), p.tracked);
        }
        return result(JniUtils.sum(p.array, normalised(axes, rank), keepDims), p.tracked);
    }

    @Override
    public Tensor mean(Tensor x, boolean keepDims, int... axes) {
        PtTensor p = t(x);
        int rank = p.rank();
        if (axes.length == 0 && !keepDims) {
            return result(JniUtils.mean(p.array), p.tracked);
        }
        if (axes.length == 1) {
            return result(JniUtils.mean(p.array, axis(axes[0], rank), keepDims), p.tracked);
        }
        long[] a = axes.length == 0 ? allAxes(rank) : normalised(axes, rank);
        long count = 1;
        long[] shape = p.shape();
        for (long ax : a) {
            count *= shape[(int) ax];
        }
        return mul(result(JniUtils.sum(p.array, a, keepDims), p.tracked), 1.0 / count);
    }

    @Override
    public Tensor max(Tensor x, boolean keepDims, int... axes) {
        PtTensor p = t(x);
        int rank = p.rank();
        if (rank == 0) {
            return p;
        }
        if (axes.length == 1) {
            return result(JniUtils.max(p.array, axis(axes[0], rank), keepDims), p.tracked);
        }
        if (axes.length == 0) {
            // max over the flattened array: the gradient goes to one arg-max, as with a single axis.
            Tensor flat = reshape(p, -1);
            Tensor m = result(JniUtils.max(t(flat).array, 0, false), p.tracked);
            if (!keepDims) {
                return m;
            }
            long[] ones = new long[rank];
            Arrays.fill(ones, 1);
            return reshape(m, ones);
        }
        long[] a = normalised(axes, rank);
        Tensor m = p;
        for (long ax : a) {
            m = result(JniUtils.max(t(m).array, ax, true), p.tracked);
        }
        return keepDims ? m : reshape(m, reducedShape(p.shape(), a));
    }

    private static long[] allAxes(int rank) {
        long[] a = new long[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    private static long[] normalised(int[] axes, int rank) {
        long[] a = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            a[i] = axis(axes[i], rank);
        }
        return a;
    }

    private static long[] reducedShape(long[] shape, long[] axes) {
        boolean[] drop = new boolean[shape.length];
        for (long a : axes) {
            drop[(int) a] = true;
        }
        long[] out = new long[shape.length - (int) Arrays.stream(axes).distinct().count()];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    // ---- shape ----------------------------------------------------------------------------------------------

    @Override
    public Tensor reshape(Tensor x, long... shape) {
        PtTensor p = t(x);
        return result(JniUtils.reshape(p.array, shape.clone()), p.tracked);
    }

    @Override
    public Tensor permute(Tensor x, int... order) {
        PtTensor p = t(x);
        long[] o = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            o[i] = order[i];
        }
        return result(JniUtils.permute(p.array, o), p.tracked);
    }

    @Override
    public Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        PtNDArray[] arrays = new PtNDArray[parts.length];
        boolean tracked = false;
        for (int i = 0; i < parts.length; i++) {
            PtTensor p = t(parts[i]);
            arrays[i] = p.array;
            tracked |= p.tracked;
        }
        return result(JniUtils.cat(arrays, axis(axis, t(parts[0]).rank())), tracked);
    }

    @Override
    public Tensor slice(Tensor x, int axis, long from, long to) {
        PtTensor p = t(x);
        int a = axis(axis, p.rank());
        long size = p.shape()[a];
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException(
                    "slice [" + from + ", " + to + ") outside axis " + axis + " of size " + size);
        }
        return result(JniUtils.slice(p.array, a, from, to, 1), p.tracked);
    }

    // ---- linear algebra -------------------------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        PtTensor x = t(a);
        PtTensor y = t(b);
        return result(JniUtils.matmul(x.array, y.array), x.tracked || y.tracked);
    }

    // ---- indexing -------------------------------------------------------------------------------------------

    @Override
    public Tensor oneHot(Tensor labels, int classes) {
        PtTensor l = t(labels);
        // Cast here, in this step's manager, so DJL's own cast inside oneHot is a no-op and leaves nothing behind
        // in the labels' manager.
        PtNDArray idx = result(JniUtils.to(l.array, DataType.INT64, engine.djlDevice()), false).array;
        return result(JniUtils.oneHot(idx, classes, dataType), false);
    }

    /**
     * torch.gather with the rank-1 indices broadcast to the output shape; its backward is a scatter-add, so a
     * repeated index receives the sum of its rows' gradients.
     */
    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        PtTensor p = t(x);
        PtTensor i = t(indices);
        if (i.rank() != 1) {
            throw new IllegalArgumentException("gather indices must be rank 1, got shape " + Arrays.toString(i.shape()));
        }
        int rank = p.rank();
        int a = axis(axis, rank);
        long k = i.shape()[0];
        long[] outShape = p.shape();
        outShape[a] = k;
        long[] view = new long[rank];
        Arrays.fill(view, 1);
        view[a] = k;
        PtNDArray idx = result(JniUtils.to(i.array, DataType.INT64, engine.djlDevice()), false).array;
        PtNDArray idxView = result(JniUtils.reshape(idx, view), false).array;
        PtNDArray expanded = result(JniUtils.broadcast(idxView, new Shape(outShape)), false).array;
        return result(JniUtils.gather(p.array, expanded, a), p.tracked);
    }

    // ---- convolution ----------------------------------------------------------------------------------------

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        PtTensor in = t(x);
        PtTensor w = t(weight);
        PtTensor b = bias == null ? null : t(bias);
        boolean tracked = in.tracked || w.tracked || (b != null && b.tracked);
        return result(JniUtils.convolution(in.array, w.array, b == null ? null : b.array,
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1), tracked);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernel, int stride) {
        PtTensor p = t(x);
        return result(JniUtils.maxPool(p.array, new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(0, 0), false), p.tracked);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernel, int stride) {
        PtTensor p = t(x);
        return result(JniUtils.avgPool(p.array, new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(0, 0), false, true), p.tracked);
    }

    // ---- sequence -------------------------------------------------------------------------------------------

    /**
     * DJL 0.33 exposes no CTC op (libtorch's {@code ctc_loss} is not bound in its JNI layer), so this is the
     * forward algorithm written with the ops above; autograd differentiates it. See {@link CtcForward}.
     */
    @Override
    public Tensor ctcLoss(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths) {
        return CtcForward.negativeLogLikelihood(this, logProbs, host(targets), host(inputLengths), host(targetLengths));
    }

    // ---- native overrides of composites ---------------------------------------------------------------------

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        PtTensor p = t(x);
        return result(JniUtils.logSoftmax(p.array, axis(axis, p.rank()), dataType), p.tracked);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        PtTensor p = t(x);
        return result(JniUtils.softmax(p.array, axis(axis, p.rank()), dataType), p.tracked);
    }
}
