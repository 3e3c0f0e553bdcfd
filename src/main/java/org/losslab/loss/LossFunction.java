package org.losslab.loss;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.param.ParamValues;

/**
 * One loss, written once against {@link Ops} for both engines. Implementations are stateless; hyperparameters come
 * in as validated {@link ParamValues}. Register a new loss in
 * {@code META-INF/services/org.losslab.loss.LossFunction}; the catalogue's completeness test fails otherwise.
 */
public interface LossFunction {

    LossSpec spec();

    /**
     * Per-example loss values, shape [N] (or one value per image / sequence). Pure tensor algebra: no branching on
     * values (structure may depend on shapes and on which inputs are present).
     */
    Tensor perExample(Ops ops, LossInputs inputs, ParamValues params);

    /**
     * The non-differentiable helpers computed in plain Java between the forward pass and the loss (indices, masks,
     * constant weights), returned as extra inputs by name. Most losses need none.
     *
     * @param hostInputs the loss inputs copied to the host (predictions and targets)
     */
    default Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        return Map.of();
    }

    /**
     * {@link #prepare(Map, ParamValues)} with access to the run's seeded random source, step and per-run state;
     * override this one when the helpers are random (drawn per batch) or stateful.
     *
     * @param hostInputs the batch's inputs on the host; when {@link #preparesFromPredictions()} it also holds the
     *     model's outputs ({@code logits} and any extra outputs) and {@code instanceIds} [N] (row indices into the
     *     training set, for training batches)
     */
    default Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params,
            PrepareContext context) {
        return prepare(hostInputs, params);
    }

    /** True when {@link #prepare} needs the predictions (so the forward pass must be split); most losses: false. */
    default boolean preparesFromPredictions() {
        return false;
    }

    /** The default reduction of the per-example values. */
    default Reduction reduction() {
        return Reduction.MEAN;
    }
}
