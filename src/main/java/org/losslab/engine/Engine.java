package org.losslab.engine;

import java.util.Map;

/**
 * One tensor engine instance with a fixed precision. Create one per thread that computes (the training thread,
 * a probe's executor); instances are not shared between threads.
 */
public interface Engine extends AutoCloseable {
    /** {@code nd4j} or {@code pytorch}. */
    String id();

    Precision precision();

    DeviceInfo device();

    /** Copies {@code initial} (in iteration order) into engine-side parameters. */
    ParameterStore createParameters(Map<String, HostArray> initial);

    CompiledProgram compile(Program program);

    @Override
    void close();
}
