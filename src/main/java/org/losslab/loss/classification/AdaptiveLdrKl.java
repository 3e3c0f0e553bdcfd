package org.losslab.loss.classification;

import java.util.HashMap;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * ALDR-KL: the LDR-KL loss with a per-instance, adaptive λ_i,
 * ℓ_i = λ_i·log((1/C)Σ_k exp((z_k − z_y + c·1[k≠y])/λ_i)) − (α log C/(2λ0))(λ_i − λ0)².
 *
 * <p>λ_i is a constant of the graph, computed in {@link #prepare} from the predictions by the update
 * λ_i ← λ0 − λ0·KL(softmax(z_i/λ_i)‖uniform)/(α log C), starting from the instance's previous λ_i (kept in the
 * run's state, keyed by {@code instanceIds}) or from λ0 for an instance not seen yet, for evaluation batches and
 * outside training. Since KL ≤ log C, λ_i ≥ λ0(1 − 1/α) > 0 for α > 1, which is why α must exceed 1.
 *
 * <p>A caller may pass {@code instanceLambda} [N] itself (the CLI, tests that hold λ fixed); it then wins.
 */
public final class AdaptiveLdrKl implements LossFunction {
    /** The prepared per-example λ_i [N]. */
    public static final String LAMBDA_INPUT = "instanceLambda";

    public static final LossSpec SPEC = LossSpec.builder("aldr-kl", "Adaptive LDR-KL (ALDR-KL)", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("lambda", 1.0, Range.positive(), "λ0: the base temperature each λ_i is pulled towards")
            .param("c", 2.0, Range.nonNegative(), "margin added to every wrong class")
            .param(ParamSpec.real("alpha", 2.0, Range.atLeast(1.0001),
                    "strength of the pull of λ_i towards λ0 (must exceed 1 so λ_i stays positive)"))
            .status(Status.CODE)
            .cite("Label Distributionally Robust Losses for Multi-class Classification: Consistency, Robustness and "
                    + "Adaptivity (ICML 2023)")
            .tex("\\ell_i = \\lambda_i \\log\\tfrac{1}{C}\\sum_k e^{(z_k - z_y + c\\,[k\\neq y])/\\lambda_i}"
                    + " - \\tfrac{\\alpha\\log C}{2\\lambda_0}(\\lambda_i-\\lambda_0)^2,\\quad"
                    + " \\lambda_i \\leftarrow \\lambda_0 - \\lambda_0\\,\\tfrac{\\mathrm{KL}(\\mathrm{softmax}(z_i/\\lambda_i)\\,\\|\\,u)}{\\alpha\\log C}")
            .intuition("Each example gets its own robustness temperature: a confident (peaked) prediction lowers its "
                    + "λ, making its loss sharper like a hinge; an uncertain one keeps λ near λ0, staying smooth and "
                    + "tolerant of a possibly wrong label.")
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public boolean preparesFromPredictions() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params,
            PrepareContext context) {
        if (hostInputs.containsKey(LAMBDA_INPUT)) {
            return Map.of();
        }
        HostArray logits = hostInputs.get("logits");
        if (logits == null || logits.rank() != 2) {
            throw new IllegalArgumentException("aldr-kl needs logits of shape [N, C]");
        }
        double lambda0 = params.real("lambda");
        double alpha = params.real("alpha");
        int n = logits.dim(0);
        int classes = logits.dim(1);
        HostArray ids = context.training() ? hostInputs.get("instanceIds") : null;
        Map<Integer, Double> memory = (Map<Integer, Double>) context.state()
                .computeIfAbsent("lambdaByInstance", k -> new HashMap<Integer, Double>());
        double[] lambdas = new double[n];
        double[] z = logits.data();
        for (int i = 0; i < n; i++) {
            Integer id = ids == null ? null : (int) ids.data()[i];
            double previous = id == null ? lambda0 : memory.getOrDefault(id, lambda0);
            double kl = klToUniform(z, i * classes, classes, previous);
            lambdas[i] = lambda0 - lambda0 * kl / (alpha * Math.log(classes));
            if (id != null) {
                memory.put(id, lambdas[i]);
            }
        }
        return Map.of(LAMBDA_INPUT, HostArray.wrap(lambdas, n));
    }

    /** KL(softmax(z/λ) ‖ uniform) = Σ q log q + log C, of the row starting at {@code from}. */
    static double klToUniform(double[] z, int from, int classes, double lambda) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, z[from + k] / lambda);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(z[from + k] / lambda - max);
        }
        double kl = Math.log(classes);
        for (int k = 0; k < classes; k++) {
            double logQ = z[from + k] / lambda - max - Math.log(sum);
            kl += Math.exp(logQ) * logQ;
        }
        return Math.max(0, kl);
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        double lambda0 = params.real("lambda");
        double c = params.real("c");
        double alpha = params.real("alpha");
        Tensor z = Targets.logits(in);
        Tensor y = Targets.oneHot(ops, in, z);
        long classes = z.dim(1);
        Tensor lambda = in.get(LAMBDA_INPUT);
        if (lambda.rank() != 1 || lambda.dim(0) != z.dim(0)) {
            throw new IllegalArgumentException(LAMBDA_INPUT + " must have shape [" + z.dim(0) + "]");
        }
        Tensor lambdaColumn = ops.reshape(lambda, z.dim(0), 1);
        // (z_k − z_y + c·1[k≠y]) / λ_i, row by row
        Tensor zy = ops.rowDot(z, y);
        Tensor shifted = ops.add(ops.sub(z, ops.reshape(zy, z.dim(0), 1)), ops.mul(ops.rsub(1.0, y), c));
        Tensor scaled = ops.div(shifted, lambdaColumn);
        Tensor logMeanExp = ops.add(ops.logSumExp(scaled, 1, false), -Math.log(classes));
        Tensor ldr = ops.mul(lambda, logMeanExp);
        Tensor pull = ops.mul(ops.square(ops.add(lambda, -lambda0)), alpha * Math.log(classes) / (2 * lambda0));
        return ops.sub(ldr, pull);
    }
}
