package org.losslab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.WeightedLoss;

/**
 * One catalogue loss evaluated on given tensors, in double precision: the reduced value, the per-example values
 * and, on request, the gradient of the reduced value with respect to each differentiable input. What
 * {@code losslab loss} prints, and what the loss tests compare across engines.
 */
public final class LossEvaluation {

    /** The result; {@code gradients} is empty unless asked for. */
    public record Result(String id, double loss, HostArray perExample, Map<String, HostArray> gradients) {}

    private LossEvaluation() {}

    /**
     * @param inputs the loss's inputs by LOSSES.md name; every name the loss requires must be present
     * @throws IllegalArgumentException naming a missing input or a wrong shape
     */
    public static Result evaluate(String engineId, WeightedLoss loss, Map<String, HostArray> inputs, boolean gradient) {
        LossFunction first = loss.terms().get(0).loss();
        for (WeightedLoss.Term t : loss.terms()) {
            for (String name : t.loss().spec().requiredInputs()) {
                if (!inputs.containsKey(name)) {
                    throw new IllegalArgumentException("loss '" + t.loss().spec().id() + "' needs input '" + name
                            + "'; given: " + inputs.keySet());
                }
            }
        }
        for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
            if (!e.getValue().allFinite()) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' contains NaN or infinite values");
            }
        }
        Map<String, HostArray> all = new LinkedHashMap<>(inputs);
        // Helpers given by the caller win over prepared ones: that is how the CLI and the tests hold a loss's
        // constants (e.g. ALDR-KL's λ_i, EnsLoss's draws) fixed.
        loss.prepare(inputs).forEach(all::putIfAbsent);
        List<String> wrt = new ArrayList<>();
        if (gradient) {
            for (String name : first.spec().differentiableInputs()) {
                if (inputs.containsKey(name)) {
                    wrt.add(name);
                }
            }
        }
        try (Engine engine = Engines.create(engineId, Precision.FLOAT64);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, params) -> {
                    Tensor perExample = loss.perExample(ops, new LossInputs(in));
                    Tensor reduced = first.reduction().apply(ops, perExample);
                    return Map.of("loss", reduced, "perExample", perExample);
                })) {
            RunRequest request = RunRequest.of(all).fetch("loss", "perExample");
            if (gradient) {
                request.gradientOf("loss").inputGradients(wrt.toArray(String[]::new));
            }
            RunResult r = program.run(request, none);
            Map<String, HostArray> grads = new LinkedHashMap<>();
            for (String name : wrt) {
                grads.put(name, r.inputGradients().get(name));
            }
            return new Result(loss.label(), r.output("loss").item(), r.output("perExample"), grads);
        }
    }
}
