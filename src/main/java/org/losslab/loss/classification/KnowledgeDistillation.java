package org.losslab.loss.classification;

import java.util.Arrays;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Knowledge distillation (Hinton, Vinyals &amp; Dean): ℓ = T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) per example, where
 * the teacher's softened distribution is the target. The T² keeps the gradient, T·(p_s − p_t), on the scale of
 * cross-entropy's as T changes. No labels: it is usually added to cross-entropy as a weighted sum.
 *
 * <p>Inputs: {@code logits} z_s [N,C], the student's (differentiable); {@code teacherLogits} z_t [N,C] (no
 * gradient). Output [N].
 */
public final class KnowledgeDistillation implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("kd", "Knowledge distillation", Family.CLASSIFICATION)
            .differentiableInput("logits").input("teacherLogits")
            .param("temperature", 4.0, Range.positive(),
                    "softening temperature T: higher values expose more of the teacher's ranking of wrong classes")
            .cite("Baseline: Hinton, Vinyals & Dean, Distilling the Knowledge in a Neural Network, 2015")
            .tex("\\ell = T^2\\,\\mathrm{KL}\\left(\\mathrm{softmax}(z^t/T)\\,\\|\\,\\mathrm{softmax}(z^s/T)\\right)")
            .intuition("The student copies the teacher's whole softened distribution, including which wrong "
                    + "classes it finds plausible, not just its top answer; the temperature T makes those small "
                    + "probabilities visible.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double temperature = params.real("temperature");
        Tensor student = Targets.logits(in);
        Tensor teacher = in.get("teacherLogits");
        if (!Arrays.equals(teacher.shape(), student.shape())) {
            throw new IllegalArgumentException("teacherLogits must have the shape of logits "
                    + Arrays.toString(student.shape()) + ", got " + Arrays.toString(teacher.shape()));
        }
        // The teacher is a fixed target even if its logits were computed in the same graph.
        teacher = ops.stopGradient(teacher);
        Tensor teacherLogP = ops.logSoftmax(ops.div(teacher, temperature), -1);
        Tensor studentLogP = ops.logSoftmax(ops.div(student, temperature), -1);
        Tensor kl = ops.rowDot(ops.exp(teacherLogP), ops.sub(teacherLogP, studentLogP));
        return ops.mul(kl, temperature * temperature);
    }
}
