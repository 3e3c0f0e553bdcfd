package org.losslab.engine.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.Buffer;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Parameters as dense c-order INDArrays, one per name. {@link #set} writes into the existing array rather than
 * replacing it, so every SameDiff graph bound to the array (and its gradient function) sees the new values.
 */
final class Nd4jParameterStore implements ParameterStore {
    private final Map<String, Nd4jBuffer> buffers = new LinkedHashMap<>();
    private boolean closed;

    Nd4jParameterStore(Map<String, HostArray> initial, DataType dt) {
        initial.forEach((name, value) -> buffers.put(name, new Nd4jBuffer(NdArrays.create(value, dt))));
    }

    private Nd4jBuffer entry(String name) {
        if (closed) {
            throw new IllegalStateException("parameter store is closed");
        }
        Nd4jBuffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + buffers.keySet());
        }
        return b;
    }

    /** The engine array of a parameter, for binding into graphs. */
    INDArray array(String name) {
        return entry(name).array;
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(buffers.keySet());
    }

    @Override
    public int[] shape(String name) {
        return NdArrays.ints(entry(name).array.shape());
    }

    @Override
    public Buffer buffer(String name) {
        return entry(name);
    }

    @Override
    public HostArray get(String name) {
        return entry(name).toHost();
    }

    @Override
    public void set(String name, HostArray value) {
        INDArray arr = entry(name).array;
        if (!Arrays.equals(NdArrays.ints(arr.shape()), value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + Arrays.toString(arr.shape())
                    + ", got " + Arrays.toString(value.shape()));
        }
        NdArrays.fill(arr, value);
    }

    @Override
    public Map<String, HostArray> toHost() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : buffers.keySet()) {
            out.put(name, get(name));
        }
        return out;
    }

    @Override
    public boolean allFinite() {
        for (Nd4jBuffer b : buffers.values()) {
            if (b.array.length() > 0 && (BooleanIndexing.or(b.array, Conditions.isNan())
                    || BooleanIndexing.or(b.array, Conditions.isInfinite()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
