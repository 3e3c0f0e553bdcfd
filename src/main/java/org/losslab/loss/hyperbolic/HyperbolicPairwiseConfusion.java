package org.losslab.loss.hyperbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Hyperbolic pairwise confusion (Hyp-OC, LOSSES.md {@code hyp-pc}): pulls the real (bona fide) samples together in
 * the Poincaré ball. The B_real rows labelled {@code realClass} are taken in order and split into halves u and v,
 * and L_PC = (1/B_real) Σ_i (2/√c) atan(√c‖(−u_i) ⊕_c v_i‖). With an odd B_real the last real row has no partner.
 *
 * <p>Inputs: {@code points} [N,D] in the ball (differentiable; in Hyp-OC the features are clipped to ‖x‖ ≤ 2 and
 * mapped into the ball, as the {@code poincare-mlp} model does) and {@code labels} [N]. It belongs to the
 * classification family so that Hyp-OC's total, {@code hyp-ce + hyp-pc}, is one weighted loss on one model.
 * Output [N]: each real row of a pair carries N/(2B_real) times the pair's distance and every other row 0, so the
 * batch mean is L_PC. {@code distance = artanh} uses the true Poincaré distance (2/√c) artanh(√c‖·‖) instead of
 * the code's atan.
 *
 * <p>Which rows pair up depends only on the labels and is prepared as constants (one-hot selections; stand-in pairs
 * that select nothing fill up to two, with weight 0).
 */
public final class HyperbolicPairwiseConfusion implements LossFunction {
    /** One-hot rows [P,N] selecting u_p among the points. */
    public static final String FIRST_INPUT = "hypPcFirst";
    /** One-hot rows [P,N] selecting v_p among the points. */
    public static final String SECOND_INPUT = "hypPcSecond";
    /** [N,P]: N/(2B_real) where row r belongs to pair p, else 0 (all 0 for a stand-in pair). */
    public static final String WEIGHTS_INPUT = "hypPcWeights";

    public static final LossSpec SPEC = LossSpec.builder("hyp-pc", "Hyperbolic pairwise confusion", Family.CLASSIFICATION)
            .differentiableInput("points").input("labels")
            .param("c", PoincareBall.DEFAULT_CURVATURE, Range.positive(),
                    "curvature of the Poincaré ball (radius 1/√c); use the model's c")
            .param(ParamSpec.choice("distance", "atan", List.of("atan", "artanh"),
                    "atan as in the Hyp-OC code, or artanh, the true Poincaré distance"))
            .param(ParamSpec.integer("realClass", 0, Range.atLeast(0), "label of the real samples that are pulled together"))
            .cite("Hyp-OC: Hyperbolic One Class Classification for Face Anti-Spoofing")
            .tex("L_{PC} = \\frac{1}{B_{\\mathrm{real}}}\\sum_i \\frac{2}{\\sqrt{c}}\\,"
                    + "\\arctan\\!\\left(\\sqrt{c}\\,\\|(-u_i)\\oplus_c v_i\\|\\right)")
            .intuition("Pairs of real samples are pulled towards each other in hyperbolic space, so the real class "
                    + "forms one tight cluster and anything unlike it, such as an unseen attack, falls outside.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray labels = hostInputs.get("labels");
        HostArray points = hostInputs.get("points");
        if (labels == null) {
            return Map.of();
        }
        if (labels.rank() != 1 || (points != null && points.rank() >= 1 && labels.dim(0) != points.dim(0))) {
            throw new IllegalArgumentException("hyp-pc: input 'labels' must have shape ["
                    + (points == null ? "N" : points.dim(0)) + "], got " + Arrays.toString(labels.shape()));
        }
        HyperbolicCrossEntropy.requireInsideBall("points", points, params.real("c"));
        int n = labels.dim(0);
        int realClass = params.integer("realClass");
        List<Integer> real = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (labels.data()[i] == realClass) {
                real.add(i);
            }
        }
        int pairs = real.size() / 2;
        // at least two columns, the extra ones selecting nothing: with a single pair the Möbius addition divides a
        // [1,D] tensor by a [1,1] one, whose gradient the nd4j engine gets wrong (a [2,D] by [2,1] division is right)
        int columns = Math.max(pairs, 2);
        double[] first = new double[columns * n];
        double[] second = new double[columns * n];
        double[] weights = new double[n * columns];
        for (int p = 0; p < pairs; p++) {
            int u = real.get(p);
            int v = real.get(p + pairs);
            first[p * n + u] = 1;
            second[p * n + v] = 1;
            double share = n / (2.0 * real.size());
            weights[u * columns + p] = share;
            weights[v * columns + p] = share;
        }
        return Map.of(FIRST_INPUT, HostArray.wrap(first, columns, n), SECOND_INPUT, HostArray.wrap(second, columns, n),
                WEIGHTS_INPUT, HostArray.wrap(weights, n, columns));
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor points = in.get("points");
        Tensor labels = in.get("labels");
        if (points.rank() != 2) {
            throw new IllegalArgumentException("hyp-pc: input 'points' must have shape [N, D], got "
                    + Arrays.toString(points.shape()));
        }
        if (labels.rank() != 1 || labels.dim(0) != points.dim(0)) {
            throw new IllegalArgumentException("hyp-pc: input 'labels' must have shape [" + points.dim(0) + "], got "
                    + Arrays.toString(labels.shape()));
        }
        double c = params.real("c");
        PoincareBall ball = new PoincareBall(ops, c);
        Tensor u = ops.matmul(in.get(FIRST_INPUT), points);
        Tensor v = ops.matmul(in.get(SECOND_INPUT), points);
        Tensor scaledNorm = ops.mul(ball.norm(ball.mobiusAdd(ops.neg(u), v)), Math.sqrt(c)); // [P,1]
        Tensor angle = params.string("distance").equals("artanh") ? ball.artanh(scaledNorm) : ops.atan(scaledNorm);
        Tensor distance = ops.mul(angle, 2 / Math.sqrt(c));
        return ops.reshape(ops.matmul(in.get(WEIGHTS_INPUT), distance), points.dim(0));
    }
}
