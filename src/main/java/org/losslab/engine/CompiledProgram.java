package org.losslab.engine;

import java.util.Map;
import java.util.Set;

/**
 * A {@link Program} made ready to run on one engine. Not thread-safe: one thread uses it.
 */
public interface CompiledProgram extends AutoCloseable {

    /** Runs the program once with {@code params} (may be an empty store) and returns what was asked for. */
    RunResult run(RunRequest request, ParameterStore params);

    /**
     * One training step, all on the engine: forward pass, gradient of the scalar output {@code loss} with respect
     * to every parameter, and {@code optimizer}'s update of {@code params} in place.
     *
     * @return host copies of {@code fetch} (computed before the update)
     */
    Map<String, HostArray> trainStep(
            Map<String, HostArray> inputs, ParameterStore params, String loss, Optimizer optimizer, Set<String> fetch);

    @Override
    void close();
}
