package org.losslab.engine.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.Buffer;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;

/**
 * Parameters as leaf NDArrays that require gradients, in a sub-manager of their own. Optimizer state created from
 * them ({@link Buffer#zerosLike()}) lands in the same manager and is freed with the store.
 *
 * <p>On the CPU all parameters live in one direct buffer of ours, in creation order, each array aliasing its slice
 * (libtorch {@code from_blob}), and one more array aliases the whole buffer. This gives two things: host reads and
 * writes of parameters are plain memory copies, and an element-wise optimizer can update every parameter with one
 * op per step instead of one per parameter (see {@link #packedBuffers()}).
 */
final class PtParameterStore implements ParameterStore {
    private final PytorchEngine engine;
    private final PtNDManager manager;
    private final Map<String, PtNDArray> arrays = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, PtTensor> tensors = new LinkedHashMap<>();
    private final List<String> names;
    /** CPU only: each parameter's memory, a slice of one direct buffer that every parameter array aliases. */
    private final Map<String, ByteBuffer> memory = new LinkedHashMap<>();
    /** CPU only: one array over all parameters at once, as the single entry {@link #ALL}; else null. */
    private final Map<String, Buffer> allBuffers;
    private boolean closed;

    /** Optimizer-state key of the packed update over all parameters. */
    static final String ALL = "\u0000all parameters";

    PtParameterStore(PytorchEngine engine, Map<String, HostArray> initial) {
        this.engine = engine;
        this.manager = (PtNDManager) engine.root().newSubManager();
        long total = 0;
        for (HostArray h : initial.values()) {
            total += h.size();
        }
        int bytes = engine.dataType().getNumOfBytes();
        boolean packed = engine.aliasesHostBuffers() && total > 0 && total * bytes <= Integer.MAX_VALUE;
        ByteBuffer all = packed
                ? ByteBuffer.allocateDirect(Math.toIntExact(total * bytes)).order(ByteOrder.nativeOrder())
                : null;
        int offset = 0;
        for (Map.Entry<String, HostArray> e : initial.entrySet()) {
            HostArray value = e.getValue();
            PtNDArray a;
            if (packed) {
                ByteBuffer slice = all.slice(offset, value.size() * bytes).order(ByteOrder.nativeOrder());
                offset += value.size() * bytes;
                engine.write(value, slice);
                memory.put(e.getKey(), slice);
                a = engine.fromBuffer(manager, slice, value);
            } else {
                a = engine.fromHost(manager, value);
            }
            JniUtils.attachGradient(a, true);
            arrays.put(e.getKey(), a);
            shapes.put(e.getKey(), value.shape());
            buffers.put(e.getKey(), new PtBuffer(engine, a, manager));
            tensors.put(e.getKey(), new PtTensor(a, true));
        }
        this.names = Collections.unmodifiableList(new ArrayList<>(arrays.keySet()));
        if (packed) {
            PtNDArray flat = engine.fromBuffer(manager, all, HostArray.zeros(Math.toIntExact(total)));
            this.allBuffers = Map.of(ALL, new PtBuffer(engine, flat, manager));
        } else {
            this.allBuffers = null;
        }
    }

    PytorchEngine engine() {
        return engine;
    }

    /** The parameters as program inputs: leaves that autograd tracks. */
    Map<String, PtTensor> tensors() {
        checkOpen();
        return tensors;
    }

    /** Parameter buffers by name, in creation order, for the optimizer. */
    Map<String, Buffer> buffers() {
        return buffers;
    }

    /**
     * One buffer over all parameters, under the key {@link #ALL}, or null when the parameters are not packed (on a
     * GPU, or without parameters). Its elements are the parameters' elements in creation order, row-major.
     */
    Map<String, Buffer> packedBuffers() {
        return allBuffers;
    }

    Map<String, PtNDArray> arrays() {
        return arrays;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public int[] shape(String name) {
        return require(shapes, name).clone();
    }

    @Override
    public Buffer buffer(String name) {
        checkOpen();
        return require(buffers, name);
    }

    @Override
    public HostArray get(String name) {
        checkOpen();
        PtNDArray a = require(arrays, name);
        ByteBuffer m = memory.get(name);
        return m == null ? engine.toHost(a) : engine.read(m, shapes.get(name));
    }

    @Override
    public void set(String name, HostArray value) {
        checkOpen();
        PtNDArray a = require(arrays, name);
        int[] expected = shapes.get(name);
        if (!Arrays.equals(expected, value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + Arrays.toString(expected)
                    + ", cannot set a value of shape " + Arrays.toString(value.shape()));
        }
        ByteBuffer m = memory.get(name);
        if (m != null) {
            // The array aliases this memory: writing it is setting the parameter, and keeps the packed view valid.
            engine.write(value, m);
        } else {
            // Swaps the storage under the same leaf (libtorch set_), so autograd identity, the gradient slot and the
            // optimizer's state stay attached.
            a.set(engine.toDirectBuffer(value));
        }
    }

    @Override
    public Map<String, HostArray> toHost() {
        checkOpen();
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, get(name));
        }
        return out;
    }

    @Override
    public boolean allFinite() {
        checkOpen();
        for (String name : names) {
            if (!get(name).allFinite()) {
                return false;
            }
        }
        return true;
    }

    /** Zeroes every accumulated gradient in place: libtorch adds each backward pass to what is there. */
    void zeroGradients() {
        for (PtNDArray a : arrays.values()) {
            JniUtils.zeroGrad(a);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("parameter store has been closed");
        }
        engine.checkOpen();
    }

    private <T> T require(Map<String, T> map, String name) {
        T v = map.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + names);
        }
        return v;
    }
}
