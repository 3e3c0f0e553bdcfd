package org.losslab.loss;

import java.util.Map;
import java.util.Set;
import org.losslab.engine.Tensor;

/** The tensors a loss reads, by the names of LOSSES.md (e.g. {@code logits} [N,C], {@code labels} [N]). */
public final class LossInputs {
    private final Map<String, Tensor> tensors;

    public LossInputs(Map<String, Tensor> tensors) {
        this.tensors = Map.copyOf(tensors);
    }

    /** The named input; a missing one is a wiring error, reported with the names present. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("loss input '" + name + "' is missing; given: " + tensors.keySet());
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public Set<String> names() {
        return tensors.keySet();
    }
}
