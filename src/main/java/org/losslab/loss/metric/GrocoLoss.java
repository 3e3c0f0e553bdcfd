package org.losslab.loss.metric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
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
 * GroCo (learning by sorting with group ordering constraints): each anchor's similarities to its k hardest negatives
 * and its positives go through a differentiable sorting network, and the loss asks the soft permutation to put the
 * positives above all the negatives.
 *
 * <p>Inputs: {@code view1}, {@code view2} [N,D] (differentiable), two views of N samples. Every sample of every view
 * is an anchor: x = [its k most similar same-view negatives (self excluded), ascending; its positive, the same sample
 * in the other view], so n = k + 1 (P = 1 with two views); k is capped at N − 1. The partners are held fixed
 * (stop-gradient): their normalised embeddings are prepared as constants along with the choice and order of the
 * negatives, so only the anchor receives gradient.
 *
 * <p>Soft sort: an odd–even network of n layers; layer ℓ compares the pairs (j, j+1) with j ≡ ℓ mod 2, mixing
 * a′ = αa + (1−α)b, b′ = (1−α)a + αb with α = atan(s(b − a))/π + ½, and the same mix of the columns of X (from I), so
 * x·X is the soft-sorted x. P_pos(i) = Σ_{j≥k} X[i,j], P_neg = 1 − P_pos, both clipped to [0,1], against the
 * targets T_pos(i) = 1[i ≥ k]; ℓ = ½[BCE(P_pos, T_pos) + BCE(P_neg, T_neg)], each BCE the mean over i.
 *
 * <p>Output [2N]: the anchors of view1, then those of view2; their mean averages over anchors and views.
 */
public final class GrocoLoss implements LossFunction {
    /** Flat indices [2N·n] into the [2N,2N] similarity matrix: row a lists anchor a's sorted partners. */
    public static final String PARTNERS_INPUT = "grocoPartners";
    /**
     * The L2-normalised rows of view1 then view2 [2N,D], as constants: the partners' side of every similarity, so
     * no gradient reaches a sample in its role as somebody else's partner.
     */
    public static final String PARTNER_EMBEDDINGS_INPUT = "grocoPartnerEmbeddings";

    public static final LossSpec SPEC = LossSpec.builder("groco", "GroCo (group ordering by soft sorting)",
                    Family.METRIC_LEARNING)
            .differentiableInput("view1").differentiableInput("view2")
            .param(ParamSpec.integer("k", 10, Range.atLeast(1), "number of hardest negatives per anchor (at most N − 1 are used)"))
            .param("s", 1.0, Range.positive(), "steepness s of the soft swaps: larger is closer to a hard sort")
            .cite("Learning by Sorting: Self-supervised Learning with Group Ordering Constraints")
            .tex("\\ell = \\tfrac12\\left[\\mathrm{BCE}(P_{\\mathrm{pos}}, T_{\\mathrm{pos}})"
                    + " + \\mathrm{BCE}(1 - P_{\\mathrm{pos}}, 1 - T_{\\mathrm{pos}})\\right],\\quad"
                    + " P_{\\mathrm{pos}}(i) = \\sum_{j\\ge k} X_{ij},\\quad x X = \\mathrm{softsort}(x)")
            .intuition("Sort each anchor's similarities with a soft, differentiable sorting network and ask that its "
                    + "positives end up ranked above all of its hardest negatives: only the order of the two groups "
                    + "matters, not exact similarity values.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public boolean preparesFromPredictions() {
        return true;
    }

    private static int[] checkViews(long[] view1, long[] view2) {
        if (view1.length != 2) {
            throw new IllegalArgumentException("groco: input 'view1' must have shape [N, D], got " + Arrays.toString(view1));
        }
        if (!Arrays.equals(view1, view2)) {
            throw new IllegalArgumentException("groco: input 'view2' must have the shape of view1 "
                    + Arrays.toString(view1) + ", got " + Arrays.toString(view2));
        }
        if (view1[0] < 2) {
            throw new IllegalArgumentException("groco: inputs 'view1' and 'view2' need at least 2 rows (an anchor's "
                    + "negatives are the other rows of its view)");
        }
        return new int[] {(int) view1[0], (int) view1[1]};
    }

    /** The number of negatives used: k, capped at N − 1. */
    private static int negatives(int k, int n) {
        return Math.min(k, n - 1);
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray view1 = hostInputs.get("view1");
        HostArray view2 = hostInputs.get("view2");
        if (view1 == null || view2 == null) {
            return Map.of();
        }
        int[] nd = checkViews(CosineSimilarities.shape(view1), CosineSimilarities.shape(view2));
        int n = nd[0];
        int k = negatives(params.integer("k"), n);
        double[][] first = CosineSimilarities.unitRows(view1);
        double[][] second = CosineSimilarities.unitRows(view2);
        double[][] all = new double[2 * n][];
        System.arraycopy(first, 0, all, 0, n);
        System.arraycopy(second, 0, all, n, n);
        int anchors = 2 * n;
        double[] partners = new double[anchors * (k + 1)];
        for (int a = 0; a < anchors; a++) {
            int view = a / n;
            int sample = a % n;
            double[] anchor = all[a];
            // the k most similar same-view negatives, then listed in ascending order of similarity
            Integer[] candidates = IntStream.range(0, n).filter(j -> j != sample).map(j -> view * n + j).boxed()
                    .toArray(Integer[]::new);
            Arrays.sort(candidates, Comparator.comparingDouble(j -> -CosineSimilarities.dot(anchor, all[j])));
            Integer[] hardest = Arrays.copyOf(candidates, k);
            Arrays.sort(hardest, Comparator.comparingDouble(j -> CosineSimilarities.dot(anchor, all[j])));
            for (int j = 0; j < k; j++) {
                partners[a * (k + 1) + j] = (double) a * anchors + hardest[j];
            }
            partners[a * (k + 1) + k] = (double) a * anchors + (1 - view) * n + sample;
        }
        int d = nd[1];
        double[] unitRows = new double[anchors * d];
        for (int a = 0; a < anchors; a++) {
            System.arraycopy(all[a], 0, unitRows, a * d, d);
        }
        return Map.of(PARTNERS_INPUT, HostArray.wrap(partners, partners.length),
                PARTNER_EMBEDDINGS_INPUT, HostArray.wrap(unitRows, anchors, d));
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor view1 = in.get("view1");
        Tensor view2 = in.get("view2");
        int[] nd = checkViews(view1.shape(), view2.shape());
        int n = nd[0];
        int k = negatives(params.integer("k"), n);
        int size = k + 1;
        int anchors = 2 * n;
        Tensor unit = CosineSimilarities.normalize(ops, ops.concat(0, view1, view2)); // [2N,D]
        Tensor similarities = ops.matmul(unit, ops.transpose(in.get(PARTNER_EMBEDDINGS_INPUT))); // [2N,2N]
        Tensor x = ops.reshape(ops.gather(ops.reshape(similarities, (long) anchors * anchors),
                in.get(PARTNERS_INPUT), 0), anchors, size);
        Tensor permutation = softSortMatrix(ops, x, params.real("s")); // [2N,n,n]
        Tensor positive = ops.clamp(ops.sum(ops.slice(permutation, 2, k, size), false, 2), 0, 1); // [2N,n]
        Tensor negative = ops.clamp(ops.rsub(1.0, positive), 0, 1);
        // targets: 0 for the first k rows, 1 after, so each BCE term is a single log
        Tensor positiveBce = ops.add(
                ops.sum(ops.neg(ops.log(ops.rsub(1.0, ops.slice(positive, 1, 0, k)))), false, 1),
                ops.sum(ops.neg(ops.log(ops.slice(positive, 1, k, size))), false, 1));
        Tensor negativeBce = ops.add(
                ops.sum(ops.neg(ops.log(ops.slice(negative, 1, 0, k))), false, 1),
                ops.sum(ops.neg(ops.log(ops.rsub(1.0, ops.slice(negative, 1, k, size)))), false, 1));
        return ops.mul(ops.add(positiveBce, negativeBce), 0.5 / size);
    }

    /**
     * The soft permutation X [A,n,n] of the odd–even network on rows x [A,n] (n ≥ 2), with steepness s: each layer
     * is x ← x·M, X ← X·M with M [A,n,n] the layer's pairwise mixes.
     */
    static Tensor softSortMatrix(Ops ops, Tensor x, double s) {
        int anchors = (int) x.dim(0);
        int n = (int) x.dim(1);
        Tensor permutation = null;
        for (int layer = 0; layer < n; layer++) {
            int[] starts = IntStream.iterate(layer % 2, j -> j + 1 < n, j -> j + 2).toArray();
            if (starts.length == 0) {
                continue;
            }
            int m = starts.length;
            double[] difference = new double[n * m]; // column p: e_{j+1} − e_j
            double[] byAlpha = new double[m * n * n]; // row p: (α-part − (1−α)-part) of M, flattened
            double[] fixed = new double[n * n]; // M at α = 0, plus the identity on unpaired positions
            boolean[] paired = new boolean[n];
            for (int p = 0; p < m; p++) {
                int j = starts[p];
                paired[j] = true;
                paired[j + 1] = true;
                difference[j * m + p] = -1;
                difference[(j + 1) * m + p] = 1;
                byAlpha[p * n * n + j * n + j] = 1;
                byAlpha[p * n * n + (j + 1) * n + j + 1] = 1;
                byAlpha[p * n * n + (j + 1) * n + j] = -1;
                byAlpha[p * n * n + j * n + j + 1] = -1;
                fixed[(j + 1) * n + j] = 1;
                fixed[j * n + j + 1] = 1;
            }
            for (int j = 0; j < n; j++) {
                if (!paired[j]) {
                    fixed[j * n + j] = 1;
                }
            }
            Tensor gap = ops.matmul(x, ops.constant(HostArray.wrap(difference, n, m))); // [A,m]: b − a
            Tensor alpha = ops.add(ops.mul(ops.atan(ops.mul(gap, s)), 1 / Math.PI), 0.5);
            Tensor mixing = ops.reshape(ops.add(ops.matmul(alpha, ops.constant(HostArray.wrap(byAlpha, m, n * n))),
                    ops.constant(HostArray.wrap(fixed, 1, n * n))), anchors, n, n);
            x = ops.reshape(ops.matmul(ops.reshape(x, anchors, 1, n), mixing), anchors, n);
            permutation = permutation == null ? mixing : ops.matmul(permutation, mixing);
        }
        return permutation;
    }
}
