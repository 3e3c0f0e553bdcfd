package org.losslab.engine;

import java.util.Map;

/**
 * A computation written once against {@link Ops}: a model's forward pass, a loss, or both.
 *
 * <p>The {@code nd4j} engine traces it into a SameDiff graph once per distinct set of input shapes; the
 * {@code pytorch} engine runs it eagerly on every call. It must therefore be a pure function of its arguments
 * with no branching on tensor values.
 */
@FunctionalInterface
public interface Program {
    /**
     * @param inputs the run's inputs by name (data, labels, masks, constants computed in plain Java)
     * @param params the trainable parameters by name
     * @return named outputs; a loss to differentiate must be a scalar (rank 0)
     */
    Map<String, Tensor> build(Ops ops, Map<String, Tensor> inputs, Map<String, Tensor> params);
}
