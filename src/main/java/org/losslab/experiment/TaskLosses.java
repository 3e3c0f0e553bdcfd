package org.losslab.experiment;

import java.util.List;
import java.util.Set;
import org.losslab.data.Task;
import org.losslab.loss.Family;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossSpec;

/**
 * Which catalogue losses an experiment of each task may train with: the classification family for classification;
 * for regression, the regression family plus the element-wise errors that also read {@code pred}/{@code target}; for
 * embeddings, the metric-learning and contrastive family.
 */
public final class TaskLosses {
    /**
     * Catalogued with classification (there they compare softmax probabilities with the one-hot label) but written
     * for regression inputs too: on {@code pred}/{@code target} they are the plain squared and absolute errors.
     */
    static final Set<String> ELEMENT_WISE_ERRORS = Set.of("mse", "mae");

    private TaskLosses() {}

    /** True when a loss of this spec can train a model for {@code task}. */
    public static boolean accepts(Task task, LossSpec spec) {
        return switch (task) {
            case CLASSIFICATION -> spec.family() == Family.CLASSIFICATION;
            case REGRESSION -> spec.family() == Family.REGRESSION || ELEMENT_WISE_ERRORS.contains(spec.id());
            case EMBEDDING -> spec.family() == Family.METRIC_LEARNING;
        };
    }

    /** The catalogue's losses for {@code task}, in catalogue order. */
    public static List<LossFunction> of(Task task) {
        return LossCatalog.get().all().stream().filter(l -> accepts(task, l.spec())).toList();
    }

    /** Their ids, for messages. */
    public static List<String> ids(Task task) {
        return of(task).stream().map(l -> l.spec().id()).toList();
    }

    /** The loss a new experiment of {@code task} starts with. */
    public static String defaultLoss(Task task) {
        return switch (task) {
            case REGRESSION -> "mse";
            case EMBEDDING -> "triplet-margin";
            case CLASSIFICATION -> "cross-entropy";
        };
    }
}
