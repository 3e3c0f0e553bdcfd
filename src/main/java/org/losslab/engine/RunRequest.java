package org.losslab.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one {@link CompiledProgram#run} call computes: inputs, which outputs to copy back, and optionally the
 * gradient of one scalar output with respect to the parameters and to named inputs.
 */
public final class RunRequest {
    private final Map<String, HostArray> inputs;
    private final Set<String> fetch = new LinkedHashSet<>();
    private String differentiate;
    private final Set<String> inputGradients = new LinkedHashSet<>();
    private boolean parameterGradients;

    private RunRequest(Map<String, HostArray> inputs) {
        this.inputs = new LinkedHashMap<>(inputs);
    }

    public static RunRequest of(Map<String, HostArray> inputs) {
        return new RunRequest(inputs);
    }

    /** Outputs to copy back to the host. */
    public RunRequest fetch(String... outputs) {
        fetch.addAll(Set.of(outputs));
        return this;
    }

    /** Differentiates the scalar output {@code output}; it is fetched too. */
    public RunRequest gradientOf(String output) {
        this.differentiate = Objects.requireNonNull(output);
        fetch.add(output);
        return this;
    }

    /** Also returns d(output)/d(input) for these inputs. */
    public RunRequest inputGradients(String... names) {
        inputGradients.addAll(Set.of(names));
        return this;
    }

    /** Also returns d(output)/d(parameter) for every parameter. */
    public RunRequest parameterGradients() {
        parameterGradients = true;
        return this;
    }

    public Map<String, HostArray> inputs() {
        return inputs;
    }

    public Set<String> fetch() {
        return fetch;
    }

    /** The output to differentiate, or null for a forward pass only. */
    public String differentiate() {
        return differentiate;
    }

    public Set<String> inputGradients() {
        return inputGradients;
    }

    public boolean wantsParameterGradients() {
        return parameterGradients;
    }
}
