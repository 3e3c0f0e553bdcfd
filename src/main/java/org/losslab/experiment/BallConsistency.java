package org.losslab.experiment;

import java.util.List;
import java.util.Locale;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.model.PoincareMlp;

/**
 * Catches, when an experiment is resolved, the two ways a loss on Poincaré-ball points (hyp-ce) and its model can
 * disagree: the model does not produce the ball points and MLR parameters at all, or it embeds them in a ball of
 * another curvature — where the loss would compute other logits than the model's, or NaN for points beyond its rim.
 */
final class BallConsistency {
    /** The model outputs a ball loss reads besides the labels. */
    private static final List<String> BALL_OUTPUTS = List.of("points", "mlrA", "mlrP");

    private BallConsistency() {}

    /**
     * @param lossField where the loss sits in the file, e.g. {@code loss} or {@code compare[1].loss}
     * @throws ExperimentException naming the loss field at fault
     */
    static void check(WeightedLoss loss, Model model, String lossField) throws ExperimentException {
        List<WeightedLoss.Term> terms = loss.terms();
        for (int i = 0; i < terms.size(); i++) {
            WeightedLoss.Term term = terms.get(i);
            String at = terms.size() == 1 && term.weight() == 1.0 ? lossField : lossField + ".terms[" + i + "]";
            String id = term.loss().spec().id();
            for (String input : term.loss().spec().inputs()) {
                if (BALL_OUTPUTS.contains(input) && !model.outputNames().contains(input)) {
                    throw new ExperimentException(at + ".id", "loss '" + id + "' reads '" + input + "' (points in "
                            + "the Poincaré ball and the MLR parameters), which " + model.describe() + " does not "
                            + "produce; use the poincare-mlp model");
                }
            }
            if (model instanceof PoincareMlp ball && term.loss().spec().inputs().contains("points")
                    && term.params().asMap().containsKey("c")) {
                double c = term.params().real("c");
                if (c != ball.curvature()) {
                    throw new ExperimentException(at + ".params.c", String.format(Locale.ROOT,
                            "loss '%s' uses curvature c = %s but the model embeds its points with c = %s; give both "
                                    + "the same c", id, c, ball.curvature()));
                }
            }
        }
    }
}
