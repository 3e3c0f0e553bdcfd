package org.losslab.experiment;

import java.util.List;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;

/**
 * Checks that every input a loss requires will be there when it trains: {@code teacherLogits} comes from a
 * {@code teacher} section, and the output-layer inputs of multi-sample dropout from an MLP with head samples.
 * Inputs other losses fill in themselves (their {@code prepare}) are not this class's business.
 */
public final class LossWiring {
    /** What the MLP offers when its {@code headSamples} option is on. */
    private static final List<String> HEAD_SAMPLE_OUTPUTS = List.of("features", "headWeight", "headBias");

    private LossWiring() {}

    /**
     * @param loss the loss to train with
     * @param model the network it trains
     * @param hasTeacher whether the experiment has a {@code teacher} section
     * @param prefix prepended to the model's field names in errors: empty for the experiment itself, e.g.
     *     {@code "compare[1]."} for an arm or {@code "teacher."} for the teacher
     * @throws ExperimentException naming the field to change
     */
    public static void check(WeightedLoss loss, Model model, boolean hasTeacher, String prefix)
            throws ExperimentException {
        for (WeightedLoss.Term term : loss.terms()) {
            String id = term.loss().spec().id();
            List<String> required = term.loss().spec().requiredInputs();
            if (required.contains("teacherLogits") && !hasTeacher) {
                throw new ExperimentException("teacher", "loss '" + id + "' distils a teacher's logits (input "
                        + "teacherLogits): add a \"teacher\" section with a \"model\" to train first, or a \"run\" "
                        + "folder holding a trained one");
            }
            for (String name : HEAD_SAMPLE_OUTPUTS) {
                if (required.contains(name) && !model.outputNames().contains(name)) {
                    throw new ExperimentException(prefix + "model.params.headSamples", "loss '" + id + "' trains "
                            + "the output layer on several dropout samples of its input, which " + model.describe()
                            + " does not offer: use the MLP and set its headSamples to 1 or more (8 in the paper)");
                }
            }
        }
    }
}
