package org.losslab.model;

import java.util.List;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;

/** A kind of model the user can pick (MLP, CNN, …): documented hyperparameters and a builder. */
public interface ModelType {
    String id();

    String name();

    /** One sentence for a student. */
    String description();

    List<ParamSpec> params();

    /**
     * True for a model that predicts a map per pixel ([N, outputs, H, W]) rather than one vector per example: it
     * serves segmentation, not classification, regression or embeddings.
     */
    default boolean dense() {
        return false;
    }

    /** Why this model cannot take inputs of {@code inputShape}, or null when it can. */
    String incompatibility(int[] inputShape);

    /**
     * @param inputShape one example's shape, e.g. [2] or [1,28,28]
     * @param outputs logits per example
     */
    Model build(ParamValues params, int[] inputShape, int outputs);
}
