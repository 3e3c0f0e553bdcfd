package org.losslab.engine;

/**
 * Service-provider entry for an engine implementation, found with {@link java.util.ServiceLoader} so that this
 * package never names an implementation package.
 */
public interface EngineProvider {
    /** The id users pick: {@code nd4j} or {@code pytorch}. */
    String id();

    /** One line for pickers and {@code losslab list engines}. */
    String description();

    Engine create(Precision precision);
}
