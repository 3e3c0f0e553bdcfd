package org.losslab.engine.nd4j;

import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Precision;
import org.losslab.engine.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Ops} that record SameDiff ops into one graph while a {@link org.losslab.engine.Program} is traced. Shapes
 * are computed here, in Java, for every op (they are concrete), so the graph never needs SameDiff's shape inference.
 *
 * <p>Where SameDiff M2.1 differentiates an op wrongly, this class uses something else:
 * <ul>
 *   <li>{@code gather}: {@link GatherOp} (axis 0, scatter-add gradient); other axes are permuted to the front.</li>
 *   <li>pairwise min/max are never used: the seam's {@code minimum}/{@code maximum} are relu compositions.</li>
 *   <li>log-softmax is the seam's composition from primitives (the native op throws on non-last axes).</li>
 *   <li>CTC: {@link CtcLossOp} around the native kernel.</li>
 * </ul>
 */
final class Nd4jOps implements Ops {
    private final SameDiff sd;
    private final DataType dt;
    private final Precision precision;

    Nd4jOps(SameDiff sd, Precision precision) {
        this.sd = sd;
        this.precision = precision;
        this.dt = NdArrays.dataType(precision);
    }

    @Override
    public Precision precision() {
        return precision;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static Nd4jTensor t(Tensor x) {
        if (x instanceof Nd4jTensor n) {
            return n;
        }
        throw new IllegalArgumentException("tensor from another engine: " + x);
    }

    private static SDVariable v(Tensor x) {
        return t(x).var;
    }

    private static Nd4jTensor wrap(SDVariable var, long[] shape) {
        return new Nd4jTensor(var, shape);
    }

    private static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** NumPy broadcasting of two shapes. */
    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private Nd4jTensor constantOf(double value, long[] shape) {
        return wrap(sd.constant(Nd4j.valueArrayOf(shape, value, dt)), shape);
    }

    // ---- creation ------------------------------------------------------------------------------------------

    @Override
    public Tensor constant(HostArray value) {
        return wrap(sd.constant(NdArrays.create(value, dt)), NdArrays.longs(value.shape()));
    }

    @Override
    public Tensor zerosLike(Tensor x) {
        return constantOf(0.0, t(x).shapeRef());
    }

    @Override
    public Tensor onesLike(Tensor x) {
        return constantOf(1.0, t(x).shapeRef());
    }

    // ---- element-wise binary -------------------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return wrap(v(a).add(v(b)), broadcast(t(a).shapeRef(), t(b).shapeRef()));
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return wrap(v(a).sub(v(b)), broadcast(t(a).shapeRef(), t(b).shapeRef()));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return wrap(v(a).mul(v(b)), broadcast(t(a).shapeRef(), t(b).shapeRef()));
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        long[] shape = broadcast(t(a).shapeRef(), t(b).shapeRef());
        if (length(t(b).shapeRef()) < length(shape)) {
            // SameDiff's divide back-propagates a wrong gradient into a broadcast divisor computed in the graph
            // (e.g. a matrix over its own sum); a × (1/b) uses the multiply's broadcast gradient, which is right.
            return wrap(v(a).mul(v(b).rdiv(1.0)), shape);
        }
        return wrap(v(a).div(v(b)), shape);
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public Tensor add(Tensor x, double c) {
        return wrap(v(x).add(c), t(x).shapeRef());
    }

    @Override
    public Tensor mul(Tensor x, double c) {
        return wrap(v(x).mul(c), t(x).shapeRef());
    }

    @Override
    public Tensor rsub(double c, Tensor x) {
        return wrap(v(x).rsub(c), t(x).shapeRef());
    }

    @Override
    public Tensor pow(Tensor x, double p) {
        if (p == 2.0) {
            return square(x);
        }
        return wrap(sd.math().pow(v(x), p), t(x).shapeRef());
    }

    // ---- element-wise unary --------------------------------------------------------------------------------

    @Override
    public Tensor neg(Tensor x) {
        return wrap(v(x).neg(), t(x).shapeRef());
    }

    @Override
    public Tensor exp(Tensor x) {
        return wrap(sd.math().exp(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor log(Tensor x) {
        return wrap(sd.math().log(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return wrap(sd.math().sqrt(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor square(Tensor x) {
        return wrap(sd.math().square(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor abs(Tensor x) {
        return wrap(sd.math().abs(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor relu(Tensor x) {
        return wrap(sd.nn().relu(v(x), 0.0), t(x).shapeRef());
    }

    @Override
    public Tensor tanh(Tensor x) {
        return wrap(sd.math().tanh(v(x)), t(x).shapeRef());
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return wrap(sd.nn().sigmoid(v(x)), t(x).shapeRef());
    }

    /**
     * {@code m + log(exp(x - m) + exp(-m))} with {@code m = stopGradient(relu(x))}: both exponentials are at most 1,
     * so nothing overflows (the native op computes {@code log(1 + exp(x))} and overflows past ~88 in float), and
     * because {@code m} is a constant to autodiff the gradient is exactly {@code sigmoid(x)}, also at 0 (the common
     * {@code relu(x) + log1p(exp(-|x|))} has gradient 0 there, as relu and abs both take 0 at the kink).
     */
    @Override
    public Tensor softplus(Tensor x) {
        Tensor m = stopGradient(relu(x));
        return add(m, log(add(exp(sub(x, m)), exp(neg(m)))));
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return wrap(new StopGradient(sd, v(x)).outputVariable(), t(x).shapeRef());
    }

    /**
     * The native op on the last axis (one op and one backprop op instead of the composition's eight and eight: op
     * count is what a small model's step costs); the seam's composition on any other axis, where M2.1's native op
     * throws. Checked against finite differences and the composition in the contract test and in {@code
     * LogSoftmaxTest}.
     */
    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        int r = t(x).rank();
        if (r >= 1 && axis(axis, r) == r - 1) {
            return wrap(sd.nn().logSoftmax(v(x)), t(x).shapeRef());
        }
        return Ops.super.logSoftmax(x, axis);
    }

    // ---- comparisons ---------------------------------------------------------------------------------------

    @Override
    public Tensor greaterThan(Tensor a, Tensor b) {
        return wrap(sd.gt(v(a), v(b)).castTo(dt), broadcast(t(a).shapeRef(), t(b).shapeRef()));
    }

    @Override
    public Tensor greaterThan(Tensor x, double c) {
        return wrap(sd.gt(v(x), c).castTo(dt), t(x).shapeRef());
    }

    // ---- reductions ----------------------------------------------------------------------------------------

    private interface Reduce {
        SDVariable apply(SDVariable x, boolean keepDims, int... dims);
    }

    private Tensor reduce(Tensor x, boolean keepDims, int[] axes, Reduce op) {
        long[] s = t(x).shapeRef();
        int r = s.length;
        if (r == 0) {
            return x; // reducing a scalar is the identity
        }
        boolean[] reduced = new boolean[r];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        } else {
            for (int a : axes) {
                reduced[axis(a, r)] = true;
            }
        }
        int[] dims = new int[0];
        long[] out = new long[0];
        boolean onlySingletons = true;
        for (int i = 0; i < r; i++) {
            if (reduced[i]) {
                dims = Arrays.copyOf(dims, dims.length + 1);
                dims[dims.length - 1] = i;
                onlySingletons &= s[i] == 1;
                if (keepDims) {
                    out = append(out, 1);
                }
            } else {
                out = append(out, s[i]);
            }
        }
        if (onlySingletons && out.length > 0) {
            // M2.1's reductions throw a NullPointerException inside SameDiff when every reduced axis has length 1
            // (e.g. a mean over the target axis of a [N, 1] regression prediction). Summing, averaging or taking the
            // maximum of one element is that element: a reshape gives the same values and gradient.
            return reshape(x, out);
        }
        return wrap(op.apply(v(x), keepDims, dims), out);
    }

    private static long[] append(long[] a, long v) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    @Override
    public Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, sd::sum);
    }

    @Override
    public Tensor mean(Tensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, sd::mean);
    }

    @Override
    public Tensor max(Tensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, sd::max);
    }

    // ---- shape ---------------------------------------------------------------------------------------------

    @Override
    public Tensor reshape(Tensor x, long... shape) {
        long[] in = t(x).shapeRef();
        long n = 1;
        for (long d : in) {
            n *= d;
        }
        long[] out = shape.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("at most one -1 in reshape " + Arrays.toString(shape));
                }
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
            }
            out[free] = n / known;
            known = n;
        }
        if (known != n) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
        }
        if (Arrays.equals(in, out)) {
            return x;
        }
        return wrap(sd.reshape(v(x), out), out);
    }

    @Override
    public Tensor permute(Tensor x, int... order) {
        long[] in = t(x).shapeRef();
        if (order.length != in.length) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(order) + " for rank " + in.length);
        }
        int[] o = new int[order.length];
        long[] out = new long[order.length];
        boolean identity = true;
        for (int i = 0; i < order.length; i++) {
            o[i] = axis(order[i], in.length);
            out[i] = in[o[i]];
            identity &= o[i] == i;
        }
        if (identity) {
            return x;
        }
        return wrap(sd.permute(v(x), o), out);
    }

    @Override
    public Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        long[] out = t(parts[0]).shape();
        int a = axis(axis, out.length);
        SDVariable[] vars = new SDVariable[parts.length];
        vars[0] = v(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            long[] s = t(parts[i]).shapeRef();
            for (int d = 0; d < out.length; d++) {
                if (d != a && s[d] != out[d]) {
                    throw new IllegalArgumentException("concat along " + axis + " of " + Arrays.toString(out) + " and "
                            + Arrays.toString(s));
                }
            }
            out[a] += s[a];
            vars[i] = v(parts[i]);
        }
        if (parts.length == 1) {
            return parts[0];
        }
        return wrap(sd.concat(a, vars), out);
    }

    @Override
    public Tensor slice(Tensor x, int axis, long from, long to) {
        long[] in = t(x).shapeRef();
        int a = axis(axis, in.length);
        if (from < 0 || to > in[a] || from > to) {
            throw new IllegalArgumentException("slice [" + from + "," + to + ") of axis " + axis + " with size " + in[a]);
        }
        int[] begin = new int[in.length];
        int[] size = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            size[i] = Math.toIntExact(in[i]);
        }
        begin[a] = Math.toIntExact(from);
        size[a] = Math.toIntExact(to - from);
        long[] out = in.clone();
        out[a] = to - from;
        return wrap(sd.slice(v(x), begin, size), out);
    }

    // ---- linear algebra ------------------------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        long[] sa = t(a).shapeRef();
        long[] sb = t(b).shapeRef();
        boolean ok = sa.length == sb.length && (sa.length == 2 || sa.length == 3) && sa[sa.length - 1] == sb[sb.length - 2]
                && (sa.length == 2 || sa[0] == sb[0]);
        if (!ok) {
            throw new IllegalArgumentException("matmul of " + Arrays.toString(sa) + " and " + Arrays.toString(sb));
        }
        long[] out = sa.clone();
        out[out.length - 1] = sb[sb.length - 1];
        return wrap(sd.mmul(v(a), v(b)), out);
    }

    // ---- indexing ------------------------------------------------------------------------------------------

    private SDVariable asInt(Tensor x) {
        return v(x).castTo(DataType.INT);
    }

    @Override
    public Tensor oneHot(Tensor labels, int classes) {
        long[] s = t(labels).shapeRef();
        return wrap(sd.oneHot(asInt(labels), classes, -1, 1.0, 0.0, dt), append(s, classes));
    }

    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        long[] s = t(x).shapeRef();
        long[] is = t(indices).shapeRef();
        if (is.length != 1) {
            throw new IllegalArgumentException("gather indices must be rank 1, got " + Arrays.toString(is));
        }
        int a = axis(axis, s.length);
        if (a == 0) {
            long[] out = s.clone();
            out[0] = is[0];
            return wrap(new GatherOp(sd, v(x), asInt(indices)).outputVariable(), out);
        }
        // GatherOp works on axis 0: move the axis to the front and back again (permute's gradient is exact).
        int[] toFront = new int[s.length];
        toFront[0] = a;
        for (int i = 0, k = 1; i < s.length; i++) {
            if (i != a) {
                toFront[k++] = i;
            }
        }
        int[] back = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            back[toFront[i]] = i;
        }
        return permute(gather(permute(x, toFront), indices, 0), back);
    }

    // ---- convolution ---------------------------------------------------------------------------------------

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        long[] xs = t(x).shapeRef();
        long[] ws = t(weight).shapeRef();
        if (xs.length != 4 || ws.length != 4 || xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d of x " + Arrays.toString(xs) + " and weight " + Arrays.toString(ws)
                    + " (expected [N,C,H,W] and [O,C,kH,kW])");
        }
        if (bias != null && (t(bias).rank() != 1 || t(bias).dim(0) != ws[0])) {
            throw new IllegalArgumentException("conv2d bias must be [" + ws[0] + "], got " + Arrays.toString(t(bias).shape()));
        }
        long oh = (xs[2] + 2L * padding - ws[2]) / stride + 1;
        long ow = (xs[3] + 2L * padding - ws[3]) / stride + 1;
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(ws[2]).kW(ws[3]).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID) // explicit padding pH/pW, as PyTorch
                .dataFormat(Conv2DConfig.NCHW)
                // M2.1's conv2d accepts PyTorch's [O,C,kH,kW] (OIYX) but its conv2d_bp ignores the format and
                // insists on [kH,kW,C,O]; so permute (exact gradient) and use the default YXIO.
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        SDVariable w = sd.permute(v(weight), 2, 3, 1, 0);
        SDVariable out = bias == null
                ? sd.cnn().conv2d(v(x), w, config)
                : sd.cnn().conv2d(v(x), w, v(bias), config);
        return wrap(out, new long[] {xs[0], ws[0], oh, ow});
    }

    private Pooling2DConfig pooling(int kernel, int stride, Pooling2D.Pooling2DType type) {
        return Pooling2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(0).pW(0).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).type(type)
                .build();
    }

    private long[] pooledShape(Tensor x, int kernel, int stride) {
        long[] s = t(x).shapeRef();
        if (s.length != 4) {
            throw new IllegalArgumentException("pooling needs [N,C,H,W], got " + Arrays.toString(s));
        }
        return new long[] {s[0], s[1], (s[2] - kernel) / stride + 1, (s[3] - kernel) / stride + 1};
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernel, int stride) {
        return wrap(sd.cnn().maxPooling2d(v(x), pooling(kernel, stride, Pooling2D.Pooling2DType.MAX)),
                pooledShape(x, kernel, stride));
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernel, int stride) {
        return wrap(sd.cnn().avgPooling2d(v(x), pooling(kernel, stride, Pooling2D.Pooling2DType.AVG)),
                pooledShape(x, kernel, stride));
    }

    // ---- sequence ------------------------------------------------------------------------------------------

    @Override
    public Tensor ctcLoss(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths) {
        long[] ls = t(logProbs).shapeRef();
        long[] ts = t(targets).shapeRef();
        if (ls.length != 3 || ts.length != 2 || ts[0] != ls[0] || t(inputLengths).rank() != 1
                || t(targetLengths).rank() != 1) {
            throw new IllegalArgumentException("ctcLoss needs logProbs [N,T,V], targets [N,S], lengths [N]; got "
                    + Arrays.toString(ls) + ", " + Arrays.toString(ts));
        }
        SDVariable out = new CtcLossOp(sd, asInt(targets), v(logProbs), asInt(targetLengths), asInt(inputLengths), ls[1])
                .outputVariable();
        return wrap(out, new long[] {ls[0]});
    }
}
