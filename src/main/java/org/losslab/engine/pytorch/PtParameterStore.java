package org.losslab.engine.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
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
 */
final class PtParameterStore implements ParameterStore {
    private final PytorchEngine engine;
    private final PtNDManager manager;
    private final Map<String, PtNDArray> arrays = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, PtTensor> tensors = new LinkedHashMap<>();
    private final List<String> names;
    private boolean closed;

    PtParameterStore(PytorchEngine engine, Map<String, HostArray> initial) {
        this.engine = engine;
        this.manager = (PtNDManager) engine.root().newSubManager();
        for (Map.Entry<String, HostArray> e : initial.entrySet()) {
            PtNDArray a = engine.fromHost(manager, e.getValue());
            JniUtils.attachGradient(a, true);
            arrays.put(e.getKey(), a);
            shapes.put(e.getKey(), e.getValue().shape());
            buffers.put(e.getKey(), new PtBuffer(engine, a, manager));
            tensors.put(e.getKey(), new PtTensor(a, true));
        }
        this.names = Collections.unmodifiableList(new ArrayList<>(arrays.keySet()));
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
        return engine.toHost(require(arrays, name));
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
        // Swaps the storage under the same leaf (libtorch set_), so autograd identity, the gradient slot and the
        // optimizer's state stay attached; on the CPU the array keeps a reference to the new direct buffer.
        a.set(engine.toDirectBuffer(value));
    }

    @Override
    public Map<String, HostArray> toHost() {
        checkOpen();
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, PtNDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), engine.toHost(e.getValue()));
        }
        return out;
    }

    @Override
    public boolean allFinite() {
        checkOpen();
        for (PtNDArray a : arrays.values()) {
            if (!engine.toHost(a).allFinite()) {
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
