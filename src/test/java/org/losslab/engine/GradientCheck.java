package org.losslab.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Central finite differences, in double precision, of a scalar program output with respect to its inputs: the
 * independent check every op, loss and model gradient is held to.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /**
     * Numerical gradient of {@code output} w.r.t. input {@code wrt}, by central differences of step {@code h}.
     * {@code program} must be compiled on a FLOAT64 engine.
     */
    public static HostArray numerical(
            CompiledProgram program, ParameterStore params, Map<String, HostArray> inputs, String output, String wrt, double h) {
        HostArray x = inputs.get(wrt);
        double[] base = x.data();
        double[] grad = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            grad[i] = (eval(program, params, inputs, output, wrt, x, i, +h) - eval(program, params, inputs, output, wrt, x, i, -h))
                    / (2 * h);
        }
        return HostArray.wrap(grad, x.shape());
    }

    /** Numerical gradient of {@code output} w.r.t. parameter {@code name}. */
    public static HostArray numericalForParameter(
            CompiledProgram program, ParameterStore params, Map<String, HostArray> inputs, String output, String name, double h) {
        HostArray original = params.get(name);
        double[] grad = new double[original.size()];
        try {
            for (int i = 0; i < original.size(); i++) {
                double[] plus = original.data().clone();
                plus[i] += h;
                params.set(name, HostArray.wrap(plus, original.shape()));
                double fPlus = program.run(RunRequest.of(inputs).fetch(output), params).output(output).item();
                double[] minus = original.data().clone();
                minus[i] -= h;
                params.set(name, HostArray.wrap(minus, original.shape()));
                double fMinus = program.run(RunRequest.of(inputs).fetch(output), params).output(output).item();
                grad[i] = (fPlus - fMinus) / (2 * h);
            }
        } finally {
            params.set(name, original);
        }
        return HostArray.wrap(grad, original.shape());
    }

    /**
     * Numerical gradient of {@code output} w.r.t. the entries {@code indices} of parameter {@code name} only: for
     * large tensors a spread-out sample keeps the check fast while still touching every layer.
     */
    public static double[] numericalForParameterEntries(CompiledProgram program, ParameterStore params,
            Map<String, HostArray> inputs, String output, String name, int[] indices, double h) {
        HostArray original = params.get(name);
        double[] grad = new double[indices.length];
        try {
            for (int j = 0; j < indices.length; j++) {
                int i = indices[j];
                double[] plus = original.data().clone();
                plus[i] += h;
                params.set(name, HostArray.wrap(plus, original.shape()));
                double fPlus = program.run(RunRequest.of(inputs).fetch(output), params).output(output).item();
                double[] minus = original.data().clone();
                minus[i] -= h;
                params.set(name, HostArray.wrap(minus, original.shape()));
                double fMinus = program.run(RunRequest.of(inputs).fetch(output), params).output(output).item();
                grad[j] = (fPlus - fMinus) / (2 * h);
            }
        } finally {
            params.set(name, original);
        }
        return grad;
    }

    /** Up to {@code max} indices spread evenly over {@code size} entries (all of them when size ≤ max). */
    public static int[] spreadIndices(int size, int max) {
        int n = Math.min(size, max);
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            idx[j] = (int) ((long) j * size / n);
        }
        return idx;
    }

    private static double eval(
            CompiledProgram program, ParameterStore params, Map<String, HostArray> inputs, String output, String wrt,
            HostArray x, int index, double delta) {
        double[] moved = x.data().clone();
        moved[index] += delta;
        Map<String, HostArray> in = new HashMap<>(inputs);
        in.put(wrt, HostArray.wrap(moved, x.shape()));
        return program.run(RunRequest.of(in).fetch(output), params).output(output).item();
    }

    /** Largest |a-b| / max(1, |b|) over all elements; shapes must match. */
    public static double maxRelativeError(HostArray a, HostArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes differ: " + java.util.Arrays.toString(a.shape()) + " vs "
                    + java.util.Arrays.toString(b.shape()));
        }
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            double err = Math.abs(a.data()[i] - b.data()[i]) / Math.max(1.0, Math.abs(b.data()[i]));
            if (Double.isNaN(err)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, err);
        }
        return worst;
    }

    /** An ordered map, for readable test set-up. */
    public static Map<String, HostArray> inputs(Object... nameValuePairs) {
        Map<String, HostArray> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put((String) nameValuePairs[i], (HostArray) nameValuePairs[i + 1]);
        }
        return m;
    }
}
