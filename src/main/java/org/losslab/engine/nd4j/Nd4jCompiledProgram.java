package org.losslab.engine.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.losslab.engine.Buffer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Program} traced into SameDiff graphs, one per distinct set of input and parameter shapes (and, for
 * gradients, per differentiated output and set of differentiated inputs), each traced once and reused.
 *
 * <p>In a trace, inputs are placeholders, except inputs whose gradient is asked for: those are VARIABLEs (SameDiff
 * only differentiates with respect to variables) whose array is overwritten in place on each run. Parameters are
 * VARIABLEs bound to the {@link Nd4jParameterStore}'s own arrays, so an optimizer's in-place update is seen by
 * every trace and its gradient function without copying; a run with another store rebinds the arrays. The
 * gradient function is built when the trace is, with SameDiff's per-op chatter kept off {@code System.out}.
 */
final class Nd4jCompiledProgram implements CompiledProgram {
    private final Program program;
    private final Precision precision;
    private final DataType dt;
    /** Exact key (shapes, differentiated output, differentiated inputs) → trace. */
    private final Map<String, Trace> traces = new HashMap<>();
    /** Shape key → a trace usable for forward passes (any trace of those shapes will do). */
    private final Map<String, Trace> forward = new HashMap<>();
    /** SameDiff listeners attached to every trace (profiling); empty in normal use. */
    private final List<Listener> listeners = new ArrayList<>();
    private boolean closed;

    Nd4jCompiledProgram(Program program, Precision precision) {
        this.program = program;
        this.precision = precision;
        this.dt = NdArrays.dataType(precision);
    }

    // ---- CompiledProgram -----------------------------------------------------------------------------------

    @Override
    public RunResult run(RunRequest request, ParameterStore params) {
        Nd4jParameterStore store = store(params);
        Map<String, HostArray> inputs = request.inputs();
        String loss = request.differentiate();
        Set<String> wrt = new TreeSet<>(request.inputGradients());
        for (String name : wrt) {
            if (!inputs.containsKey(name)) {
                throw new IllegalArgumentException("gradient asked for input '" + name + "', which is not among the inputs "
                        + inputs.keySet());
            }
        }
        if (loss == null && !wrt.isEmpty()) {
            throw new IllegalArgumentException("input gradients need gradientOf(output)");
        }
        Trace trace = loss == null ? forwardTrace(inputs, store) : gradientTrace(inputs, store, loss, wrt);
        trace.prepare(inputs, store);

        Map<String, HostArray> outputs = new LinkedHashMap<>();
        Map<String, HostArray> inputGrads = new LinkedHashMap<>();
        Map<String, HostArray> paramGrads = new LinkedHashMap<>();
        if (loss == null) {
            Map<String, INDArray> out = trace.forward(request.fetch());
            for (String name : request.fetch()) {
                outputs.put(name, trace.toHost(name, out));
            }
        } else {
            List<String> gradFor = new ArrayList<>(wrt);
            if (request.wantsParameterGradients()) {
                gradFor.addAll(store.names());
            }
            Trace.Result r = trace.gradients(request.fetch(), gradFor);
            for (String name : request.fetch()) {
                outputs.put(name, trace.toHost(name, r.outputs));
            }
            for (String name : wrt) {
                inputGrads.put(name, trace.gradientToHost(name, r.gradients));
            }
            if (request.wantsParameterGradients()) {
                for (String name : store.names()) {
                    paramGrads.put(name, trace.gradientToHost(name, r.gradients));
                }
            }
        }
        return new RunResult(outputs, inputGrads, paramGrads);
    }

    @Override
    public Map<String, HostArray> trainStep(
            Map<String, HostArray> inputs, ParameterStore params, String loss, Optimizer optimizer, Set<String> fetch) {
        Nd4jParameterStore store = store(params);
        Trace trace = gradientTrace(inputs, store, loss, Set.of());
        trace.prepare(inputs, store);
        Trace.Result r = trace.gradients(fetch, store.names());

        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : fetch) {
            out.put(name, trace.toHost(name, r.outputs)); // before the update, as the contract says
        }
        Map<String, Buffer> paramBuffers = new LinkedHashMap<>();
        Map<String, Buffer> gradBuffers = new LinkedHashMap<>();
        for (String name : store.names()) {
            paramBuffers.put(name, store.buffer(name));
            gradBuffers.put(name, new Nd4jBuffer(trace.ownedGradient(name, r.gradients)));
        }
        optimizer.step(paramBuffers, gradBuffers);
        return out;
    }

    @Override
    public void close() {
        closed = true;
        traces.clear();
        forward.clear();
    }

    /** Attaches a SameDiff listener to every trace, present and future: per-op timing in benchmarks. */
    void addListener(Listener listener) {
        listeners.add(listener);
        traces.values().forEach(t -> t.sd.addListeners(listener)); // every forward trace is also in traces
    }

    /** Number of graphs traced so far (for tests: shapes seen twice must not trace twice). */
    int traceCount() {
        Set<Trace> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(traces.values()); // a gradient trace may also serve forward passes under a second key
        return all.size();
    }

    // ---- trace lookup --------------------------------------------------------------------------------------

    private Nd4jParameterStore store(ParameterStore params) {
        if (closed) {
            throw new IllegalStateException("compiled program is closed");
        }
        if (params instanceof Nd4jParameterStore s) {
            return s;
        }
        throw new IllegalArgumentException("parameters belong to another engine: " + params.getClass().getName());
    }

    private static String shapeKey(Map<String, HostArray> inputs, Nd4jParameterStore store) {
        StringBuilder sb = new StringBuilder("in");
        for (Map.Entry<String, HostArray> e : new TreeMap<>(inputs).entrySet()) {
            sb.append('|').append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
        }
        sb.append("#params");
        for (String name : store.names()) {
            sb.append('|').append(name).append(Arrays.toString(store.shape(name)));
        }
        return sb.toString();
    }

    private Trace forwardTrace(Map<String, HostArray> inputs, Nd4jParameterStore store) {
        String key = shapeKey(inputs, store);
        Trace t = forward.get(key);
        if (t == null) {
            t = new Trace(inputs, store, null, Set.of());
            forward.put(key, t);
            traces.put(key + "#loss=", t);
        }
        return t;
    }

    private Trace gradientTrace(Map<String, HostArray> inputs, Nd4jParameterStore store, String loss, Set<String> wrt) {
        String shapes = shapeKey(inputs, store);
        String key = shapes + "#loss=" + loss + "#wrt=" + wrt;
        Trace t = traces.get(key);
        if (t == null) {
            t = new Trace(inputs, store, loss, wrt);
            traces.put(key, t);
            forward.putIfAbsent(shapes, t);
        }
        return t;
    }

    // ---- one traced graph ----------------------------------------------------------------------------------

    private final class Trace {
        final SameDiff sd = SameDiff.create();
        /** Program input name → SameDiff variable name. */
        final Map<String, String> inputVars = new LinkedHashMap<>();
        /** Inputs traced as VARIABLEs (their gradient is wanted). */
        final Set<String> variableInputs;
        /** Input name → array filled in place on every run (placeholder values or variable arrays). */
        final Map<String, INDArray> inputArrays = new HashMap<>();
        /** Placeholder variable name → array, handed to SameDiff as is on every run. */
        final Map<String, INDArray> placeholders = new HashMap<>();
        /** Parameter name → SameDiff variable name. */
        final Map<String, String> paramVars = new LinkedHashMap<>();
        /** Output name → SameDiff variable name, and its traced shape. */
        final Map<String, String> outputVars = new LinkedHashMap<>();
        final Map<String, int[]> outputShapes = new HashMap<>();
        /** Differentiated output, or null for a forward-only trace. */
        final String loss;
        /** False when the loss depends on no variable at all: every gradient is zero. */
        boolean hasGradientFunction;
        /** Arrays of constants and of SameDiff's own variables, by identity; filled on first need. */
        Set<INDArray> fixedArrays;

        Trace(Map<String, HostArray> inputs, Nd4jParameterStore store, String loss, Set<String> wrt) {
            // The default holders keep a device-local copy per array and, when a variable is re-associated with
            // another array of the same shape, memcpy the new values INTO the old array: rebinding to another store
            // would overwrite the first store's parameters. Plain maps hold our arrays by reference.
            sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
            if (!listeners.isEmpty()) {
                sd.setListeners(listeners);
            }
            this.loss = loss;
            this.variableInputs = Set.copyOf(wrt);
            Nd4jOps ops = new Nd4jOps(sd, precision);
            Map<String, Tensor> inputTensors = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
                String name = e.getKey();
                String varName = "in" + i++ + "_" + sanitize(name);
                long[] shape = NdArrays.longs(e.getValue().shape());
                SDVariable v;
                INDArray arr = Nd4j.create(dt, shape, 'c');
                if (wrt.contains(name)) {
                    v = sd.var(varName, arr);
                } else {
                    v = sd.placeHolder(varName, dt, shape);
                    placeholders.put(varName, arr);
                }
                inputArrays.put(name, arr);
                inputVars.put(name, varName);
                inputTensors.put(name, new Nd4jTensor(v, shape));
            }
            Map<String, Tensor> paramTensors = new LinkedHashMap<>();
            int p = 0;
            for (String name : store.names()) {
                String varName = "p" + p++ + "_" + sanitize(name);
                INDArray arr = store.array(name);
                paramVars.put(name, varName);
                paramTensors.put(name, new Nd4jTensor(sd.var(varName, arr), arr.shape()));
            }

            Map<String, Tensor> outputs = program.build(ops, Map.copyOf(inputTensors), Map.copyOf(paramTensors));
            if (outputs == null || outputs.isEmpty()) {
                throw new IllegalArgumentException("program returned no outputs");
            }
            int o = 0;
            for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
                Nd4jTensor t = Nd4jOps.t(e.getValue());
                SDVariable v = t.var;
                String varName = v.name();
                if (v.getVariableType() != VariableType.ARRAY) {
                    // An input, parameter or constant returned as is: give it an op so it is an output like others.
                    varName = "out" + o++ + "_" + sanitize(e.getKey());
                    sd.identity(varName, v);
                }
                outputVars.put(e.getKey(), varName);
                outputShapes.put(e.getKey(), NdArrays.ints(t.shapeRef()));
            }

            if (loss != null) {
                buildGradientFunction(loss);
            }
        }

        private void buildGradientFunction(String loss) {
            String lossVar = outputVars.get(loss);
            if (lossVar == null) {
                throw new IllegalArgumentException("cannot differentiate '" + loss + "': no such output; outputs: "
                        + outputVars.keySet());
            }
            int[] shape = outputShapes.get(loss);
            if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != 1) {
                throw new IllegalArgumentException("output '" + loss + "' must be a scalar to be differentiated, has shape "
                        + Arrays.toString(shape));
            }
            boolean anyVariable = !paramVars.isEmpty() || !variableInputs.isEmpty();
            if (!anyVariable) {
                return; // nothing to differentiate with respect to
            }
            sd.setLossVariables(lossVar);
            try {
                Nd4jRuntime.withQuietStdout(sd::createGradFunction);
                hasGradientFunction = true;
            } catch (IllegalStateException e) {
                // SameDiff refuses when the loss depends on no variable; every gradient is then zero.
                if (e.getMessage() == null || !e.getMessage().contains("does not contain any trainable")) {
                    throw e;
                }
            }
        }

        /** Copies this run's input values in and binds the store's parameter arrays. */
        void prepare(Map<String, HostArray> inputs, Nd4jParameterStore store) {
            if (!inputs.keySet().equals(inputVars.keySet())) {
                throw new IllegalStateException("inputs changed within a trace: " + inputs.keySet());
            }
            for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
                NdArrays.fill(inputArrays.get(e.getKey()), e.getValue());
            }
            for (Map.Entry<String, String> e : paramVars.entrySet()) {
                INDArray arr = store.array(e.getKey());
                SDVariable v = sd.getVariable(e.getValue());
                if (v.getArr() != arr) {
                    // Another store (or a store's array was replaced): rebinding also updates the gradient function.
                    sd.associateArrayWithVariable(arr, v);
                }
            }
        }

        private List<String> outputVarNames(Collection<String> fetch) {
            List<String> names = new ArrayList<>();
            for (String name : fetch) {
                String v = outputVars.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no output '" + name + "'; outputs: " + outputVars.keySet());
                }
                names.add(v);
            }
            return names;
        }

        Map<String, INDArray> forward(Collection<String> fetch) {
            List<String> names = outputVarNames(fetch);
            if (names.isEmpty()) {
                return Map.of();
            }
            return sd.output(placeholders, names);
        }

        record Result(Map<String, INDArray> outputs, Map<String, INDArray> gradients) {}

        /** Outputs {@code fetch} and the loss's gradients for the named parameters and differentiated inputs. */
        Result gradients(Collection<String> fetch, Collection<String> gradFor) {
            Set<String> wanted = new LinkedHashSet<>(fetch);
            wanted.add(loss);
            List<String> outNames = outputVarNames(wanted);
            if (!hasGradientFunction) {
                return new Result(sd.output(placeholders, outNames), Map.of());
            }
            List<String> gradVars = new ArrayList<>();
            for (String name : gradFor) {
                String v = paramVars.containsKey(name) ? paramVars.get(name) : inputVars.get(name);
                gradVars.add(v);
            }
            OutAndGrad og = sd.calculateGradientsAndOutputs(placeholders, outNames, gradVars);
            Map<String, INDArray> grads = og.getGradients() == null ? Map.of() : og.getGradients();
            return new Result(og.getOutputs(), grads);
        }

        HostArray toHost(String output, Map<String, INDArray> values) {
            INDArray arr = values.get(outputVars.get(output));
            return NdArrays.toHost(arr, outputShapes.get(output));
        }

        private String variableOf(String name) {
            return paramVars.containsKey(name) ? paramVars.get(name) : inputVars.get(name);
        }

        private INDArray variableArray(String name) {
            return sd.getVariable(variableOf(name)).getArr();
        }

        HostArray gradientToHost(String name, Map<String, INDArray> grads) {
            INDArray g = grads.get(variableOf(name));
            INDArray like = variableArray(name);
            int[] shape = NdArrays.ints(like.shape());
            return g == null ? HostArray.zeros(shape) : NdArrays.toHost(g, shape);
        }

        /**
         * A gradient array the optimizer may modify in place (L2 decay adds to it): a fresh dense array, never one
         * that SameDiff passed through from a variable or constant of the graph.
         */
        INDArray ownedGradient(String name, Map<String, INDArray> grads) {
            INDArray g = grads.get(variableOf(name));
            INDArray like = variableArray(name);
            if (g == null) {
                return Nd4j.zeros(like.dataType(), like.shape());
            }
            boolean reshapeNeeded = !Arrays.equals(g.shape(), like.shape());
            if (g.isView() || g.ordering() != 'c' || reshapeNeeded || isGraphArray(g)) {
                g = g.dup('c');
                if (reshapeNeeded) {
                    g = g.reshape(like.shape());
                }
            }
            return g;
        }

        private boolean isGraphArray(INDArray g) {
            for (INDArray a : inputArrays.values()) {
                if (a == g) {
                    return true;
                }
            }
            for (String v : paramVars.values()) {
                if (sd.getArrForVarName(v) == g) {
                    return true;
                }
            }
            if (fixedArrays == null) {
                // constants, and variables SameDiff adds itself (the gradient function's seed "one-var"): fixed
                fixedArrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (SameDiff s : new SameDiff[] {sd, sd.getFunction("grad")}) {
                    if (s == null) {
                        continue;
                    }
                    for (SDVariable v : s.variables()) {
                        VariableType type = v.getVariableType();
                        if ((type == VariableType.VARIABLE || type == VariableType.CONSTANT) && v.getArr() != null
                                && !paramVars.containsValue(v.name())) {
                            fixedArrays.add(v.getArr());
                        }
                    }
                }
            }
            return fixedArrays.contains(g);
        }
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
