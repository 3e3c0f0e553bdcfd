package org.losslab.engine;

import java.util.Map;

/** Host copies of what a {@link RunRequest} asked for. */
public record RunResult(
        Map<String, HostArray> outputs, Map<String, HostArray> inputGradients, Map<String, HostArray> parameterGradients) {

    public HostArray output(String name) {
        HostArray a = outputs.get(name);
        if (a == null) {
            throw new IllegalArgumentException("output '" + name + "' was not fetched; fetched: " + outputs.keySet());
        }
        return a;
    }
}
