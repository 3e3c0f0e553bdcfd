package org.losslab.model;

import java.util.Map;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * A model that can evaluate several copies of itself, each with its own parameters, in one pass: the parameter
 * sets are stacked along a new leading axis and every layer becomes one batched operation. A comparison of k losses
 * on the same network then costs about as many engine operations as a single run, which is what dominates the time
 * of small models.
 *
 * <p>Stacked parameters keep the names of {@link #parameterShapes()} with the copy axis in front: a weight
 * {@code [in,out]} becomes {@code [copies,in,out]}.
 */
public interface StackedModel extends Model {

    /**
     * True when {@code other} has the same parameter shapes and the same forward pass (activation, dropout rate),
     * so that its parameters can be stacked with this model's and evaluated by {@link #forwardStacked}.
     */
    boolean stacksWith(Model other);

    /**
     * The forward pass of {@code copies} parameter sets on the same inputs.
     *
     * @param x [N, ...inputShape], shared by every copy, or already repeated per copy as [copies, N, ...inputShape]
     *     (cheaper: the repetition then happens outside the graph)
     * @param params the tensors of {@link #parameterShapes()}, each with a leading axis of size {@code copies}
     * @param noise the tensors of {@link #sampleNoise} for one copy ([N, width] dropout masks), shared by every copy;
     *     empty in evaluation
     * @return logits [copies, N, outputs]; copy i equals {@link #forward} with the i-th parameter set
     */
    Tensor forwardStacked(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise, int copies);
}
