package org.losslab.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an experiment asks a model to do: predict a class per example, real-valued targets, or an embedding. Experiment files name it
 * in their {@code task} field; a loss, a model's output layer and the metrics follow from it.
 */
public enum Task {
    /** Integer labels in {@code [0, classes)}; the model outputs one logit per class. */
    CLASSIFICATION("classification"),
    /** Real-valued targets {@code [N, T]}; the model outputs the T predicted values. */
    REGRESSION("regression"),
    /**
     * Metric learning: class-labelled examples (the data sets of {@link #CLASSIFICATION}), a model that outputs an
     * embedding of chosen dimension, trained with a metric-learning or contrastive loss and judged on classes it
     * never saw.
     */
    EMBEDDING("embedding");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The task of the data sets this task learns from: class-labelled data for an embedding, else itself. */
    public Task dataTask() {
        return this == EMBEDDING ? CLASSIFICATION : this;
    }

    /** The name used in experiment files, e.g. {@code regression}. */
    public String id() {
        return id;
    }

    /** Every task's id, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Task::id).toList();
    }

    /**
     * The task named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public static Task byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Task t : values()) {
            if (t.id.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; available: " + ids());
    }
}
