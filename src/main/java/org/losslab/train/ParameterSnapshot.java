package org.losslab.train;

import java.util.Map;
import org.losslab.engine.HostArray;

/** A host copy of a model's parameters at a step: what probes (decision boundary, landscapes) work on. */
public record ParameterSnapshot(long step, Map<String, HostArray> parameters) {
    public ParameterSnapshot {
        parameters = Map.copyOf(parameters);
    }
}
