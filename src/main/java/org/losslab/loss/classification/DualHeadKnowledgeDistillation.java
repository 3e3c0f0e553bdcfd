package org.losslab.loss.classification;

import java.util.Arrays;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Dual-head knowledge distillation: cross-entropy on the first head and a per-logit binary KL towards the teacher
 * on a second, auxiliary head over the same features, so the distillation signal no longer fights the
 * cross-entropy inside one set of logits.
 *
 * <p>Per example i: ℓ_i = w_ce·CE(h1_i, y_i) + w_kd·T²·Σ_k[½log(½/d_ik) + ½log(½/(1−d_ik))] with
 * d = clamp(σ((h2 − z_t)/T), 1e-8, 1 − 1e-8). LOSSES.md writes BinaryKL as (T²/N)Σ_{i,k}, which is the batch mean of
 * these per-example sums, so the mean reduction of ℓ_i gives the paper's L.
 *
 * <p>Inputs: {@code logits} h1 [N,C], optional {@code auxLogits} h2 [N,C] (without it the second head is h1, the
 * LOSSES.md worked example), {@code teacherLogits} z_t [N,C] (constant), {@code labels} y [N].
 */
public final class DualHeadKnowledgeDistillation implements LossFunction {
    /** ε of the reference code's clamp of d to [ε, 1 − ε]: bounds each logit's term when head and teacher disagree. */
    private static final double CLAMP = 1e-8;

    public static final LossSpec SPEC = LossSpec.builder("dual-head-kd", "Dual-head knowledge distillation",
                    Family.CLASSIFICATION)
            .differentiableInput("logits").optionalDifferentiableInput("auxLogits").input("teacherLogits")
            .input("labels")
            .param("temperature", 2.0, Range.positive(), "softening temperature T of the binary KL on the auxiliary head")
            .param("ceWeight", 1.0, Range.nonNegative(), "weight of the cross-entropy on the first head")
            .param("kdWeight", 1.0, Range.nonNegative(), "weight of the binary KL between the auxiliary head and the teacher")
            .cite("Dual-Head Knowledge Distillation: Enhancing Logits Utilization with an Auxiliary Head. "
                    + "As reconstructed: the first head's terms are uncertain (the paper also adds probability-level "
                    + "KD there; the code seen has cross-entropy only), and the weights' configuration was not seen.")
            .tex("\\ell = w_{ce}\\,\\mathrm{CE}(h_1, y) + w_{kd}\\,T^2 \\sum_k \\tfrac12\\log\\tfrac{1/2}{d_k} "
                    + "+ \\tfrac12\\log\\tfrac{1/2}{1-d_k},\\quad d = \\sigma\\!\\left(\\tfrac{h_2 - z_t}{T}\\right)")
            .intuition("The student learns the labels with one head and imitates the teacher's logits with a second "
                    + "head on the same features, so the two signals stop pulling one set of logits apart.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    /** @return ℓ_i [N] */
    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double temperature = params.real("temperature");
        Tensor head1 = Targets.logits(in);
        Tensor head2 = in.has("auxLogits") ? sameShape("auxLogits", in.get("auxLogits"), head1) : head1;
        Tensor teacher = sameShape("teacherLogits", in.get("teacherLogits"), head1);
        Tensor y = Targets.oneHot(ops, in, head1);
        Tensor ce = ops.sub(ops.logSumExp(head1, -1, false), ops.rowDot(head1, y));

        Tensor x = ops.div(ops.sub(head2, teacher), temperature);
        // log d and log(1 − d) of d = clamp(σ(x), ε, 1 − ε), in log space: log σ(x) = −softplus(−x) and
        // log(1 − σ(x)) = −softplus(x), floored at log ε. The clamp itself cannot be used in float32, where
        // 1 − 1e-8 rounds to 1 and log(1 − d) becomes −∞ as soon as |x| > 17 (teacher logits of ±40 do that).
        // The floors differ from the clamp by less than ε = 1e-8 and, like it, stop the gradient where they hold.
        Tensor logD = floorAtLogEpsilon(ops, ops.neg(ops.softplus(ops.neg(x))));
        Tensor log1mD = floorAtLogEpsilon(ops, ops.neg(ops.softplus(x)));
        // ½log(½/d) + ½log(½/(1−d)) = −log 2 − ½(log d + log(1−d)): zero at d = ½, i.e. at h2 = z_t.
        Tensor perLogit = ops.add(ops.mul(ops.add(logD, log1mD), -0.5), -Math.log(2));
        Tensor binaryKl = ops.mul(ops.sum(perLogit, false, -1), temperature * temperature);
        return ops.add(ops.mul(ce, params.real("ceWeight")), ops.mul(binaryKl, params.real("kdWeight")));
    }

    private static Tensor floorAtLogEpsilon(Ops ops, Tensor logValue) {
        double floor = Math.log(CLAMP);
        return ops.add(ops.relu(ops.add(logValue, -floor)), floor);
    }

    private static Tensor sameShape(String name, Tensor t, Tensor logits) {
        if (!Arrays.equals(t.shape(), logits.shape())) {
            throw new IllegalArgumentException(name + " must have the shape of logits " + Arrays.toString(logits.shape())
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t;
    }
}
