package org.losslab.engine.pytorch;

import ai.djl.Device;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.DeviceInfo;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;

/**
 * The {@code pytorch} engine: one precision, one device, and one DJL manager tree that owns every array this
 * instance creates.
 *
 * <p>Manager tree: {@code root} holds the scalar-constant cache; each {@link ParameterStore} has a sub-manager for
 * its parameters and the optimizer state built from them; each run or training step has a sub-manager that is
 * closed when the step ends, releasing every intermediate array, gradient handle and input of that step.
 */
final class PytorchEngine implements Engine {
    /** System property: {@code cpu} forces the CPU even when a usable GPU is present. */
    static final String DEVICE_PROPERTY = "losslab.pytorch.device";

    /** More distinct cached scalar constants than this and the cache is emptied between runs. */
    private static final int MAX_CACHED_SCALARS = 1024;

    private final Precision precision;
    private final DataType dataType;
    private final Device device;
    private final DeviceInfo deviceInfo;
    private final PtNDManager root;
    private final Map<Long, PtNDArray> scalars = new HashMap<>();
    private PtNDManager scalarManager;
    private ScratchScalars scratch;
    private boolean closed;

    PytorchEngine(Precision precision) {
        PytorchEngineProvider.configureDjl();
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
        this.dataType = precision == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        ai.djl.engine.Engine djl;
        try {
            djl = ai.djl.engine.Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("the pytorch engine could not start: libtorch did not load (it comes from "
                    + "the pytorch-native jar on the class path; nothing is downloaded): " + e.getMessage(), e);
        }
        Selection selection = selectDevice(djl);
        this.device = selection.device;
        this.deviceInfo = new DeviceInfo(PytorchEngineProvider.ID, selection.name, device.isGpu(), selection.why);
        NDManager base = djl.newBaseManager(device);
        this.root = (PtNDManager) base;
        this.root.setName("losslab-pytorch");
        this.scalarManager = (PtNDManager) root.newSubManager();
    }

    private record Selection(Device device, String name, String why) {}

    /** What the machine offers; probed once per JVM, since DJL's probe logs a warning each time it fails. */
    private record GpuProbe(int gpus, boolean cudaBuild, String capability) {}

    private static volatile GpuProbe probe;

    private static GpuProbe probe(ai.djl.engine.Engine djl) {
        GpuProbe p = probe;
        if (p == null) {
            int gpus;
            try {
                gpus = CudaUtils.getGpuCount();
            } catch (RuntimeException | LinkageError e) {
                gpus = 0;
            }
            String capability = "";
            if (gpus > 0) {
                try {
                    capability = ", compute capability " + CudaUtils.getComputeCapability(0);
                } catch (RuntimeException | LinkageError e) {
                    // the capability is only informative
                }
            }
            p = new GpuProbe(gpus, djl.hasCapability(StandardCapabilities.CUDA), capability);
            probe = p;
        }
        return p;
    }

    /**
     * Picks gpu(0) when libtorch was built with CUDA and the driver reports a device; otherwise the CPU, with the
     * reason in words. DJL's GPU probe may log a warning such as "CUDA driver version is insufficient" on a machine
     * with CUDA libraries but no GPU; that is harmless and ends in the CPU branch.
     */
    private static Selection selectDevice(ai.djl.engine.Engine djl) {
        String threads = " (libtorch " + djl.getVersion() + ", " + JniUtils.getNumThreads() + " threads)";
        if ("cpu".equalsIgnoreCase(System.getProperty(DEVICE_PROPERTY, "auto"))) {
            return new Selection(Device.cpu(), "cpu", "CPU requested with -D" + DEVICE_PROPERTY + "=cpu; computing on CPU" + threads);
        }
        GpuProbe p = probe(djl);
        if (p.gpus() > 0 && p.cudaBuild()) {
            return new Selection(Device.gpu(0), "gpu(0)",
                    "computing on CUDA GPU 0 of " + p.gpus() + p.capability() + " (libtorch " + djl.getVersion() + ")");
        }
        if (p.gpus() > 0) {
            return new Selection(Device.cpu(), "cpu", p.gpus() + " CUDA GPU(s) found, but this libtorch build is CPU-only "
                    + "(build with the gpu profile to use them); computing on CPU" + threads);
        }
        return new Selection(Device.cpu(), "cpu", "no CUDA device found; computing on CPU" + threads);
    }

    @Override
    public String id() {
        return PytorchEngineProvider.ID;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public DeviceInfo device() {
        return deviceInfo;
    }

    @Override
    public ParameterStore createParameters(Map<String, HostArray> initial) {
        checkOpen();
        return new PtParameterStore(this, initial);
    }

    @Override
    public CompiledProgram compile(Program program) {
        checkOpen();
        return new PtCompiledProgram(this, java.util.Objects.requireNonNull(program, "program"));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scalars.clear();
            root.close();
        }
    }

    // ---- for the package ------------------------------------------------------------------------------------

    DataType dataType() {
        return dataType;
    }

    Device djlDevice() {
        return device;
    }

    PtNDManager root() {
        return root;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the pytorch engine has been closed");
        }
    }

    /** Arrays alive in this engine's manager tree (parameters, optimizer state, cached constants, open steps). */
    int liveArrayCount() {
        return root.getManagedArrays().size();
    }

    /** A new manager for one run or training step; closing it frees everything the step created. */
    PtNDManager newStepManager() {
        checkOpen();
        return (PtNDManager) root.newSubManager();
    }

    /**
     * A rank-0 constant in the engine's precision, shared by all runs of this engine. Cached because scalar
     * operands ({@code x * 0.5}, {@code 1 - x}) recur in every step and creating one costs a native allocation.
     * Cached arrays are never modified: autograd may hold them for the backward pass.
     */
    PtNDArray scalar(double value) {
        long key = Double.doubleToLongBits(value);
        PtNDArray s = scalars.get(key);
        if (s == null) {
            s = fromHost(scalarManager, HostArray.scalar(value));
            scalars.put(key, s);
        }
        return s;
    }

    /** Mutable scalars for in-place optimizer updates; see {@link ScratchScalars} for when they are safe. */
    ScratchScalars scratch() {
        if (scratch == null) {
            scratch = new ScratchScalars(root, dataType);
        }
        return scratch;
    }

    /**
     * Called between runs, when no autograd graph can refer to a cached scalar: bounds the cache when a program
     * uses ever-new constants (a learning-rate-dependent term, say).
     */
    void trimScalarCache() {
        if (scalars.size() > MAX_CACHED_SCALARS) {
            scalars.clear();
            scalarManager.close();
            scalarManager = (PtNDManager) root.newSubManager();
        }
    }

    /** A new array in {@code manager} holding {@code host}, converted to the engine's precision. */
    PtNDArray fromHost(PtNDManager manager, HostArray host) {
        return fromBuffer(manager, toDirectBuffer(host), host);
    }

    /**
     * A new array in {@code manager} over {@code buffer}, which holds values of the shape of {@code like}. On the
     * CPU the array aliases the buffer (libtorch {@code from_blob}) and the PtNDArray keeps a reference to it; on a
     * GPU the values are copied.
     */
    PtNDArray fromBuffer(PtNDManager manager, ByteBuffer buffer, HostArray like) {
        return JniUtils.createNdFromByteBuffer(manager, buffer, shapeOf(like), dataType, SparseFormat.DENSE, device);
    }

    /** {@code host}'s values in the engine's precision, in a new native-order direct buffer. */
    ByteBuffer toDirectBuffer(HostArray host) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(host.size() * dataType.getNumOfBytes()).order(ByteOrder.nativeOrder());
        write(host, buffer);
        return buffer;
    }

    /** Writes {@code host}'s values, converted to the engine's precision, into {@code buffer} (which must fit). */
    void write(HostArray host, ByteBuffer buffer) {
        double[] data = host.data();
        if (dataType == DataType.FLOAT64) {
            buffer.asDoubleBuffer().put(data);
        } else {
            FloatBuffer f = buffer.asFloatBuffer();
            for (int i = 0; i < data.length; i++) {
                f.put(i, (float) data[i]);
            }
        }
    }

    /** Values of the given shape read from {@code buffer}, which holds them in the engine's precision. */
    HostArray read(ByteBuffer buffer, int[] shape) {
        double[] out;
        if (dataType == DataType.FLOAT64) {
            DoubleBuffer d = buffer.asDoubleBuffer();
            out = new double[d.remaining()];
            d.get(out);
        } else {
            FloatBuffer f = buffer.asFloatBuffer();
            out = new double[f.remaining()];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.get(i);
            }
        }
        return HostArray.wrap(out, shape);
    }

    /** True when arrays made from a direct buffer alias it (on the CPU), so writing the buffer updates the array. */
    boolean aliasesHostBuffers() {
        return !device.isGpu();
    }

    /** A host copy of {@code array} (which must be in the engine's precision). */
    HostArray toHost(PtNDArray array) {
        if (array.getDevice().isGpu()) {
            // DJL copies to the CPU inside a new sub-manager of the array's own manager, which for a parameter
            // would never close. Copy instead from an alias moved into a CPU manager that closes right here.
            try (PtNDManager cpu = root.newSubManager(Device.cpu())) {
                PtNDArray alias = JniUtils.detachGradient(array);
                alias.attach(cpu);
                return toHost(JniUtils.to(alias, array.getDataType(), Device.cpu()));
            }
        }
        int[] shape = intShape(array.getShape());
        // tryDirect: a view of the tensor's memory, read at once, before the array can be closed. A non-contiguous
        // array is first made contiguous by DJL, in the array's own manager.
        ByteBuffer bytes = JniUtils.getByteBuffer(array, true).order(ByteOrder.nativeOrder());
        DataType type = array.getDataType();
        double[] out;
        if (type == DataType.FLOAT64) {
            DoubleBuffer d = bytes.asDoubleBuffer();
            out = new double[d.remaining()];
            d.get(out);
        } else if (type == DataType.FLOAT32) {
            FloatBuffer f = bytes.asFloatBuffer();
            out = new double[f.remaining()];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.get(i);
            }
        } else {
            throw new IllegalStateException("unexpected array type " + type);
        }
        return HostArray.wrap(out, shape);
    }

    static Shape shapeOf(HostArray host) {
        int[] s = host.shape();
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = s[i];
        }
        return new Shape(l);
    }

    static int[] intShape(Shape shape) {
        long[] s = shape.getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }
}
