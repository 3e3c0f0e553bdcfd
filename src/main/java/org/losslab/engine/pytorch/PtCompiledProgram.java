package org.losslab.engine.pytorch;

import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.losslab.engine.Buffer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;

/**
 * Runs a {@link Program} eagerly: every call builds it again on fresh inputs, with autograd recording when a
 * gradient is wanted.
 *
 * <p>Each call owns a step manager that is closed when the call returns, freeing inputs, intermediates and the
 * gradient handles DJL creates anew on every {@code getGradient}. Gradients accumulate in libtorch across backward
 * passes, so every call that runs one zeroes the parameters' gradients before returning.
 *
 * <p>Grad mode is set explicitly per call, not through DJL's {@code GradientCollector}: that class allows a single
 * collecting instance per JVM, while LossLab runs one engine per thread (training, probes) and libtorch's grad mode
 * is per thread anyway.
 */
final class PtCompiledProgram implements CompiledProgram {
    /**
     * The seam's optimizers whose update treats every element alike: the same coefficients for every parameter, no
     * use of names, shapes or norms. On the CPU they update all parameters at once through the packed buffer of
     * {@link PtParameterStore} (about 13 native ops per step instead of 13 per parameter); the arithmetic per
     * element is the same. Any other optimizer gets one buffer per parameter, by name.
     */
    static final Set<String> ELEMENTWISE = Set.of("org.losslab.engine.Optimizer$Adam", "org.losslab.engine.Optimizer$Sgd");

    private final PytorchEngine engine;
    private final Program program;

    private final Map<String, InputSlot> slots = new java.util.HashMap<>();
    private PtNDManager slotManager;

    PtCompiledProgram(PytorchEngine engine, Program program) {
        this.engine = engine;
        this.program = program;
    }

    @Override
    public RunResult run(RunRequest request, ParameterStore params) {
        PtParameterStore store = store(params);
        String target = request.differentiate();
        for (String name : request.inputGradients()) {
            if (!request.inputs().containsKey(name)) {
                throw new IllegalArgumentException(
                        "input gradient asked for '" + name + "', which is not an input; inputs: " + request.inputs().keySet());
            }
        }
        boolean backward = target != null && (request.wantsParameterGradients() || !request.inputGradients().isEmpty());
        engine.trimScalarCache();
        boolean gradMode = JniUtils.isGradMode();
        try (PtNDManager step = engine.newStepManager()) {
            JniUtils.setGradMode(backward);
            Map<String, PtTensor> inputs = inputs(step, request.inputs(), request.inputGradients());
            Map<String, Tensor> outputs = build(step, inputs, store);
            Map<String, HostArray> fetched = fetch(outputs, request.fetch());
            Map<String, HostArray> inputGrads = Map.of();
            Map<String, HostArray> paramGrads = Map.of();
            if (backward) {
                PtTensor loss = scalarOutput(outputs, target);
                JniUtils.setGradMode(false);
                try {
                    backward(loss);
                    inputGrads = new LinkedHashMap<>();
                    for (String name : request.inputGradients()) {
                        inputGrads.put(name, gradientToHost(step, inputs.get(name).array));
                    }
                    if (request.wantsParameterGradients()) {
                        paramGrads = new LinkedHashMap<>();
                        for (Map.Entry<String, PtNDArray> e : store.arrays().entrySet()) {
                            paramGrads.put(e.getKey(), gradientToHost(step, e.getValue()));
                        }
                    }
                } finally {
                    store.zeroGradients();
                }
            }
            return new RunResult(fetched, inputGrads, paramGrads);
        } catch (EngineException e) {
            throw new IllegalArgumentException("program failed on the pytorch engine: " + e.getMessage(), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public Map<String, HostArray> trainStep(
            Map<String, HostArray> inputs, ParameterStore params, String loss, Optimizer optimizer, Set<String> fetch) {
        PtParameterStore store = store(params);
        engine.trimScalarCache();
        boolean gradMode = JniUtils.isGradMode();
        try (PtNDManager step = engine.newStepManager()) {
            JniUtils.setGradMode(true);
            Map<String, Tensor> outputs = build(step, inputs(step, inputs, Set.of()), store);
            PtTensor lossTensor = scalarOutput(outputs, loss);
            Map<String, HostArray> fetched = fetch(outputs, fetch);
            // In-place updates of leaves that require grad are only allowed with grad mode off.
            JniUtils.setGradMode(false);
            try {
                backward(lossTensor);
                Map<String, Buffer> packed = store.packedBuffers();
                if (packed != null && ELEMENTWISE.contains(optimizer.getClass().getName())) {
                    optimizer.step(packed, Map.of(PtParameterStore.ALL, new PtBuffer(engine, packedGradient(step, store), step)));
                } else {
                    Map<String, Buffer> grads = new LinkedHashMap<>();
                    for (Map.Entry<String, PtNDArray> e : store.arrays().entrySet()) {
                        grads.put(e.getKey(), new PtBuffer(engine, gradient(step, e.getValue()), step));
                    }
                    optimizer.step(store.buffers(), grads);
                }
            } finally {
                store.zeroGradients();
            }
            return fetched;
        } catch (EngineException e) {
            throw new IllegalArgumentException("training step failed on the pytorch engine: " + e.getMessage(), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public void close() {
        // Every call frees what it created; only the reusable input arrays outlive calls.
        slots.clear();
        if (slotManager != null) {
            slotManager.close();
            slotManager = null;
        }
    }

    // ---- steps ------------------------------------------------------------------------------------------------

    private PtParameterStore store(ParameterStore params) {
        if (params instanceof PtParameterStore p && p.engine() == engine) {
            return p;
        }
        throw new IllegalArgumentException("parameters must come from the same pytorch engine instance's createParameters");
    }

    private Map<String, PtTensor> inputs(PtNDManager step, Map<String, HostArray> host, Set<String> withGradient) {
        Map<String, PtTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostArray> e : host.entrySet()) {
            HostArray value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' is null");
            }
            if (withGradient.contains(e.getKey())) {
                // Its own array, so that the gradient slot starts empty and dies with the step.
                PtNDArray a = engine.fromHost(step, value);
                JniUtils.attachGradient(a, true);
                out.put(e.getKey(), new PtTensor(a, true));
            } else if (engine.aliasesHostBuffers()) {
                out.put(e.getKey(), new PtTensor(slot(e.getKey(), value), false));
            } else {
                out.put(e.getKey(), new PtTensor(engine.fromHost(step, value), false));
            }
        }
        return out;
    }

    /**
     * The reusable CPU array for input {@code name}, refilled with {@code value}. The array aliases a direct buffer
     * of ours, so refilling it is a memory copy with no allocation and no native call. Safe because an input is
     * only read during the call that filled it: autograd's saved copies are gone once that call's backward pass
     * has run or its step manager has closed. A new shape replaces the slot.
     */
    private PtNDArray slot(String name, HostArray value) {
        InputSlot s = slots.get(name);
        if (s == null || !Arrays.equals(s.shape, value.shape())) {
            if (s != null) {
                s.array.close();
            }
            if (slotManager == null) {
                slotManager = (PtNDManager) engine.root().newSubManager();
            }
            java.nio.ByteBuffer buffer = engine.toDirectBuffer(value);
            s = new InputSlot(value.shape(), buffer, engine.fromBuffer(slotManager, buffer, value));
            slots.put(name, s);
            return s.array;
        }
        engine.write(value, s.buffer);
        return s.array;
    }

    private record InputSlot(int[] shape, java.nio.ByteBuffer buffer, PtNDArray array) {}

    private Map<String, Tensor> build(PtNDManager step, Map<String, PtTensor> inputs, PtParameterStore store) {
        Map<String, Tensor> outputs = program.build(
                new PtOps(engine, step), Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(store.tensors()));
        if (outputs == null) {
            throw new IllegalStateException("program returned no outputs");
        }
        return outputs;
    }

    private static PtTensor scalarOutput(Map<String, Tensor> outputs, String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no output '" + name + "' to differentiate; outputs: " + outputs.keySet());
        }
        if (!(t instanceof PtTensor p)) {
            throw new IllegalArgumentException("output '" + name + "' is not a tensor of the pytorch engine");
        }
        if (p.rank() != 0) {
            throw new IllegalArgumentException("output '" + name + "' must be a scalar (rank 0) to be differentiated, got shape "
                    + Arrays.toString(p.shape()));
        }
        return p;
    }

    private Map<String, HostArray> fetch(Map<String, Tensor> outputs, Set<String> names) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : names) {
            Tensor t = outputs.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no output '" + name + "' to fetch; outputs: " + outputs.keySet());
            }
            if (!(t instanceof PtTensor p)) {
                throw new IllegalArgumentException("output '" + name + "' is not a tensor of the pytorch engine");
            }
            out.put(name, engine.toHost(p.array));
        }
        return out;
    }

    /** Backpropagates from a scalar, unless nothing that requires a gradient reaches it (all gradients are 0). */
    private void backward(PtTensor loss) {
        if (loss.tracked) {
            JniUtils.backward(loss.array, engine.scalar(1.0), false, false);
        }
    }

    /**
     * The accumulated gradient of {@code leaf}, as a handle in the step manager (DJL attaches the new handle to the
     * leaf's own, long-lived manager), or zeros when no backward pass reached it.
     */
    private PtNDArray gradient(PtNDManager step, PtNDArray leaf) {
        PtNDArray g = JniUtils.getGradient(leaf);
        if (g == null) {
            return (PtNDArray) step.zeros(leaf.getShape(), engine.dataType());
        }
        g.attach(step);
        return g;
    }

    /** All gradients in one array, laid out like {@link PtParameterStore#packedBuffers()}: each flattened, in order. */
    private PtNDArray packedGradient(PtNDManager step, PtParameterStore store) {
        PtNDArray[] flat = new PtNDArray[store.arrays().size()];
        int i = 0;
        for (PtNDArray leaf : store.arrays().values()) {
            flat[i++] = JniUtils.reshape(gradient(step, leaf), new long[] {-1});
        }
        return JniUtils.cat(flat, 0);
    }

    private HostArray gradientToHost(PtNDManager step, PtNDArray leaf) {
        return engine.toHost(gradient(step, leaf));
    }
}
