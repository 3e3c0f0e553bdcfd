package org.losslab.loss.metric;

import java.util.Arrays;
import java.util.Map;
import org.losslab.engine.HostArray;
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
 * Adaptive multi-head contrastive learning (AMCL): per anchor i, summed over the C projection heads,
 * ℓ_i = Σ_c [−sim⁺/τ⁺ + sim⁻_{n*}/τ⁻_{n*} + β Ω(τ⁺) − β Ω(τ⁻_{n*})], where n* is the hardest negative, the one
 * with the largest sim⁻/τ⁻, and Ω(τ) = (d′/2) log τ + 1/τ with d′ the head dimension.
 *
 * <p>Inputs, all differentiable:
 * <ul>
 *   <li>{@code view1Heads} [N,C,D′]: the C head embeddings of the anchors (first view);</li>
 *   <li>{@code view2Heads} [N,C,D′]: row i holds anchor i's positive, the other rows its N − 1 negatives;</li>
 *   <li>{@code tauPositive} [N,C]: τ⁺ of each anchor's positive pair per head;</li>
 *   <li>{@code tauNegative} [N,N,C]: τ⁻ of pair (i, j) per head; the diagonal is not read.</li>
 * </ul>
 * The temperatures are the output of the paper's temperature network (τ = 1e-5 + (2 − 1e-5)·σ(−φ(z)ᵀφ(z′)) per pair),
 * which belongs to the model; as inputs their gradient reaches it. Similarities are cosines per head. Output [N].
 * The hardest negative is selected in {@link #prepare} as a constant (the max is a subgradient).
 */
public final class AdaptiveMultiHeadContrastiveLoss implements LossFunction {
    /** One-hot [N,N,C] of the hardest negative j of anchor i at head c. */
    public static final String HARDEST_INPUT = "amclHardestNegative";

    public static final LossSpec SPEC = LossSpec.builder("amcl", "Adaptive multi-head contrastive",
                    Family.METRIC_LEARNING)
            .differentiableInput("view1Heads").differentiableInput("view2Heads")
            .differentiableInput("tauPositive").differentiableInput("tauNegative")
            .param("beta", 0.01, Range.nonNegative(), "weight β of the temperature regulariser Ω")
            .cite("Adaptive Multi-head Contrastive Learning")
            .tex("\\ell_i = \\sum_c \\left[-\\frac{s^{+}}{\\tau^{+}} + \\frac{s^{-}_{n^*}}{\\tau^{-}_{n^*}}"
                    + " + \\beta\\,\\Omega(\\tau^{+}) - \\beta\\,\\Omega(\\tau^{-}_{n^*})\\right],\\quad"
                    + " \\Omega(\\tau) = \\frac{d'}{2}\\log\\tau + \\frac{1}{\\tau}")
            .intuition("As reconstructed: the regulariser Ω comes from a later re-implementation, not the paper's code. "
                    + "Several projection heads each compare an anchor with its positive and its hardest negative, "
                    + "and every pair gets its own temperature, so a pair that is hard to judge can be scored more "
                    + "softly while Ω keeps the temperatures from running off.")
            .status(Status.UNCERTAIN)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public boolean preparesFromPredictions() {
        return true;
    }

    /** Refuses inconsistent shapes, naming the input at fault; returns {N, C, D′}. */
    static int[] checkShapes(long[] view1, long[] view2, long[] tauPositive, long[] tauNegative) {
        if (view1.length != 3) {
            throw new IllegalArgumentException("amcl: input 'view1Heads' must have shape [N, C, D'] (C heads of "
                    + "dimension D'), got " + Arrays.toString(view1));
        }
        if (!Arrays.equals(view1, view2)) {
            throw new IllegalArgumentException("amcl: input 'view2Heads' must have the shape of view1Heads "
                    + Arrays.toString(view1) + ", got " + Arrays.toString(view2));
        }
        long n = view1[0];
        long c = view1[1];
        if (n < 2) {
            throw new IllegalArgumentException("amcl: inputs 'view1Heads' and 'view2Heads' need at least 2 rows: "
                    + "the other rows of view2Heads are each anchor's negatives");
        }
        if (!Arrays.equals(tauPositive, new long[] {n, c})) {
            throw new IllegalArgumentException("amcl: input 'tauPositive' must have shape [" + n + ", " + c + "], got "
                    + Arrays.toString(tauPositive));
        }
        if (!Arrays.equals(tauNegative, new long[] {n, n, c})) {
            throw new IllegalArgumentException("amcl: input 'tauNegative' must have shape [" + n + ", " + n + ", " + c
                    + "], got " + Arrays.toString(tauNegative));
        }
        return new int[] {(int) n, (int) c, (int) view1[2]};
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray view1 = hostInputs.get("view1Heads");
        HostArray view2 = hostInputs.get("view2Heads");
        HostArray tauPositive = hostInputs.get("tauPositive");
        HostArray tauNegative = hostInputs.get("tauNegative");
        if (view1 == null || view2 == null || tauPositive == null || tauNegative == null) {
            return Map.of();
        }
        int[] ncd = checkShapes(CosineSimilarities.shape(view1), CosineSimilarities.shape(view2),
                CosineSimilarities.shape(tauPositive), CosineSimilarities.shape(tauNegative));
        int n = ncd[0];
        int c = ncd[1];
        int d = ncd[2];
        requirePositive("tauPositive", tauPositive.data());
        double[] tau = tauNegative.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int h = 0; h < c; h++) {
                    if (i != j && !(tau[(i * n + j) * c + h] > 0)) {
                        throw new IllegalArgumentException("amcl: input 'tauNegative' must be positive, got "
                                + tau[(i * n + j) * c + h] + " at [" + i + ", " + j + ", " + h + "]");
                    }
                }
            }
        }
        double[][] anchors = CosineSimilarities.unitRows(view1.reshape(n * c, d));
        double[][] partners = CosineSimilarities.unitRows(view2.reshape(n * c, d));
        double[] hardest = new double[n * n * c];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < c; h++) {
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double score = CosineSimilarities.dot(anchors[i * c + h], partners[j * c + h])
                            / tau[(i * n + j) * c + h];
                    if (score > bestScore) {
                        bestScore = score;
                        best = j;
                    }
                }
                hardest[(i * n + best) * c + h] = 1;
            }
        }
        return Map.of(HARDEST_INPUT, HostArray.wrap(hardest, n, n, c));
    }

    private static void requirePositive(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                throw new IllegalArgumentException("amcl: input '" + name + "' must be positive, got " + values[i]
                        + " at flat index " + i);
            }
        }
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor view1 = in.get("view1Heads");
        Tensor view2 = in.get("view2Heads");
        Tensor tauPositive = in.get("tauPositive");
        Tensor tauNegative = in.get("tauNegative");
        int[] ncd = checkShapes(view1.shape(), view2.shape(), tauPositive.shape(), tauNegative.shape());
        double halfDimension = ncd[2] / 2.0;
        double beta = params.real("beta");
        Tensor anchors = CosineSimilarities.normalize(ops, view1);
        Tensor partners = CosineSimilarities.normalize(ops, view2);
        Tensor positiveSim = ops.sum(ops.mul(anchors, partners), false, -1); // [N,C]
        // sim[c,i,j] = ⟨anchor i, partner j⟩ at head c, as [N,N,C]
        Tensor byHead = ops.matmul(ops.permute(anchors, 1, 0, 2), ops.permute(partners, 1, 2, 0)); // [C,N,N]
        Tensor similarities = ops.permute(byHead, 1, 2, 0);
        Tensor hardest = in.get(HARDEST_INPUT);
        Tensor hardSim = ops.sum(ops.mul(hardest, similarities), false, 1); // [N,C]
        Tensor hardTau = ops.sum(ops.mul(hardest, tauNegative), false, 1); // [N,C]
        Tensor perHead = ops.add(ops.sub(ops.div(hardSim, hardTau), ops.div(positiveSim, tauPositive)),
                ops.mul(ops.sub(omega(ops, tauPositive, halfDimension), omega(ops, hardTau, halfDimension)), beta));
        return ops.sum(perHead, false, 1);
    }

    /** Ω(τ) = (d′/2) log τ + 1/τ. */
    private static Tensor omega(Ops ops, Tensor tau, double halfDimension) {
        return ops.add(ops.mul(ops.log(tau), halfDimension), ops.pow(tau, -1.0));
    }
}
