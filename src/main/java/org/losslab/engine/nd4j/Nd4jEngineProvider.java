package org.losslab.engine.nd4j;

import org.losslab.engine.Engine;
import org.losslab.engine.EngineProvider;
import org.losslab.engine.Precision;

/** Registers the {@code nd4j} engine with {@link java.util.ServiceLoader}. */
public final class Nd4jEngineProvider implements EngineProvider {
    @Override
    public String id() {
        return Nd4jEngine.ID;
    }

    @Override
    public String description() {
        return "ND4J 1.0.0-M2.1 SameDiff, CPU: programs traced into graphs once per input shape";
    }

    @Override
    public Engine create(Precision precision) {
        return new Nd4jEngine(precision);
    }
}
