package org.losslab.loss.metric;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * ICNN loss (SuSana Distancia): L = −log(score) of a nearest-neighbour class-separability score, following the
 * source's procedure step by step (LOSSES.md {@code icnn}):
 * <ol>
 *   <li>if k+2 ≥ n, k ← n−2;</li>
 *   <li>d_ij = sqrt(‖x_i−x_j‖² + 1e-6); per row the ipc nearest other points, of which the first min(k, ipc) are
 *       kept;</li>
 *   <li>r_ij = d_ij/(m_i + 1e-7), m_i the distance to the nearest different-class point among the ipc neighbours
 *       (r = 0 when there is none), each row divided by max(1, max over kept r_ij);</li>
 *   <li>λ_same = 1 − Σ_i s_i/(#rows with a same-class kept neighbour + 1e-7), s_i the row's sum of r over kept
 *       same-class neighbours divided by (their count + 1e-7);</li>
 *   <li>the kept different-class distances divided by their global maximum (+1e-7), averaged per row the same way:
 *       λ_diff = Σ row means/(#rows with such a neighbour + 1e-7), or 1 when no row has one;</li>
 *   <li>γ = mean_i(#kept same-class neighbours/k), or 1 if the original k+2 ≥ n;</li>
 *   <li>L = −log(((λ_same + λ_diff)/2 + γ)/2).</li>
 * </ol>
 *
 * <p>Graph boundary: the neighbour lists and every selection (nearest different-class neighbour, farthest kept
 * neighbour of each row, global farthest different-class pair) are made in {@link #prepare} from the host copy of
 * the embeddings and enter as 0/1 constants; the gradient flows through the selected distances. Ties in the
 * neighbour order are broken by index.
 *
 * <p>Inputs: {@code embeddings} [n,D] (differentiable, n ≥ 3), {@code labels} [n]. Output: the batch's single value,
 * [1].
 */
public final class IcnnLoss implements LossFunction {
    /** Kept same-class neighbours, [n,n] 0/1. */
    static final String SAME_NEIGHBOURS = "icnnSameNeighbours";
    /** Kept different-class neighbours, [n,n] 0/1. */
    static final String OTHER_NEIGHBOURS = "icnnOtherNeighbours";
    /** Per row the nearest different-class point among the ipc neighbours (all 0 when none), [n,n]. */
    static final String NEAREST_OTHER = "icnnNearestOther";
    /** Per row the farthest kept neighbour, [n,n]. */
    static final String FARTHEST_KEPT = "icnnFarthestKept";
    /** The single farthest kept different-class pair of the batch (all 0 when none), [n,n]. */
    static final String FARTHEST_OTHER = "icnnFarthestOther";

    /** Inside the square root of the distance, as in the source. */
    static final double DISTANCE_EPSILON = 1e-6;
    /** The source's guard in its divisions. */
    private static final double GUARD = 1e-7;

    public static final LossSpec SPEC = LossSpec.builder("icnn", "ICNN separability", Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels")
            .param(ParamSpec.integer("k", 4, Range.atLeast(1),
                    "neighbours kept per point (lowered to n−2 for small batches); also sets γ"))
            .param(ParamSpec.integer("ipc", 0, Range.atLeast(0),
                    "neighbour count searched per point (shot + query in the source); 0 means k+1"))
            .cite("SuSana Distancia is all you need: Enforcing class separability in metric learning via two novel "
                    + "distance-based loss functions for few-shot image classification")
            .tex("L = -\\log\\frac{\\tfrac{1}{2}(\\lambda_{\\mathrm{same}} + \\lambda_{\\mathrm{diff}}) + \\gamma}{2}")
            .intuition("Looks at each point's nearest neighbours: it rewards neighbours of the same class that are "
                    + "close compared with the nearest other class, other-class neighbours that are far, and many "
                    + "same-class neighbours, so classes form tight, well separated clusters.")
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

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor x = EmbeddingShapes.rows(in, "embeddings", 3);
        int n = (int) x.dim(0);
        EmbeddingShapes.labels(in, n);
        for (String name : new String[] {SAME_NEIGHBOURS, OTHER_NEIGHBOURS, NEAREST_OTHER, FARTHEST_KEPT,
                FARTHEST_OTHER}) {
            if (!in.has(name)) {
                throw new IllegalArgumentException("icnn needs its neighbour selections from prepare (missing '"
                        + name + "'); given: " + in.names());
            }
        }
        Tensor same = in.get(SAME_NEIGHBOURS);
        Tensor other = in.get(OTHER_NEIGHBOURS);
        Tensor distance = PairwiseDistances.euclidean(ops, x, x, DISTANCE_EPSILON);

        // step 3: scale by the nearest other-class distance m_i; rows without one get r = 0 (m_i = ∞)
        Tensor nearestOther = in.get(NEAREST_OTHER);
        Tensor hasOther = ops.sum(nearestOther, true, 1);
        Tensor toNearestOther = ops.sum(ops.mul(nearestOther, distance), true, 1);
        Tensor scale = ops.div(hasOther, ops.add(ops.add(toNearestOther, GUARD), ops.rsub(1.0, hasOther)));
        Tensor ratio = ops.mul(distance, scale);
        Tensor rowMax = ops.sum(ops.mul(in.get(FARTHEST_KEPT), ratio), true, 1);
        Tensor normalised = ops.div(ratio, ops.add(ops.relu(ops.add(rowMax, -1.0)), 1.0));

        // step 4
        Tensor sameCount = ops.sum(same, false, 1);
        Tensor sameMeans = ops.div(ops.sum(ops.mul(same, normalised), false, 1), ops.add(sameCount, GUARD));
        Tensor sameRows = ops.sum(ops.greaterThan(sameCount, 0.5), false);
        Tensor lambdaSame = ops.rsub(1.0, ops.div(ops.sum(sameMeans, false), ops.add(sameRows, GUARD)));

        // step 5
        Tensor farthestOther = in.get(FARTHEST_OTHER);
        // The division by the global maximum is applied to the scalar sum rather than to every matrix entry (the
        // same value): SameDiff returns a wrong gradient for a one-element divisor broadcast over a matrix.
        Tensor globalMax = ops.sum(ops.mul(farthestOther, distance), false);
        Tensor otherCount = ops.sum(other, false, 1);
        Tensor otherMeans = ops.div(ops.sum(ops.mul(other, distance), false, 1), ops.add(otherCount, GUARD));
        Tensor otherMeansScaled = ops.div(ops.sum(otherMeans, false), ops.add(globalMax, GUARD));
        Tensor otherRows = ops.sum(ops.greaterThan(otherCount, 0.5), false);
        Tensor noOtherAtAll = ops.rsub(1.0, ops.sum(farthestOther, false));
        Tensor lambdaDiff = ops.add(ops.div(otherMeansScaled, ops.add(otherRows, GUARD)), noOtherAtAll);

        // steps 6 and 7
        int requestedK = params.integer("k");
        Tensor gamma = requestedK + 2 >= n
                ? ops.scalar(1.0)
                : ops.div(ops.sum(same, false), (double) n * requestedK);
        Tensor lambda = ops.mul(ops.add(lambdaSame, lambdaDiff), 0.5);
        Tensor score = ops.mul(ops.add(lambda, gamma), 0.5);
        return ops.reshape(ops.neg(ops.log(score)), 1);
    }

    /** Steps 1–2 and the selections of steps 3 and 5, from the host copy of the embeddings. */
    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray x = hostInputs.get("embeddings");
        HostArray labels = hostInputs.get("labels");
        if (x == null || labels == null) {
            throw new IllegalArgumentException("icnn needs inputs 'embeddings' and 'labels' on the host to find "
                    + "neighbours; given: " + hostInputs.keySet());
        }
        if (x.rank() != 2 || x.dim(0) < 3) {
            throw new IllegalArgumentException("input 'embeddings' must have shape [n, D] with n ≥ 3, got "
                    + Arrays.toString(x.shape()));
        }
        int n = x.dim(0);
        if (labels.rank() != 1 || labels.dim(0) != n) {
            throw new IllegalArgumentException("input 'labels' must have shape [" + n + "] (one per embedding), got "
                    + Arrays.toString(labels.shape()));
        }
        int k = params.integer("k");
        if (k + 2 >= n) {
            k = n - 2;
        }
        int ipc = params.integer("ipc") == 0 ? k + 1 : params.integer("ipc");
        if (ipc > n - 1) {
            throw new IllegalArgumentException("icnn parameter 'ipc' = " + ipc + " asks for more neighbours than the "
                    + "batch has (" + (n - 1) + " other points)");
        }
        int kept = Math.min(k, ipc);
        int d = x.dim(1);
        double[] v = x.data();
        double[] y = labels.data();
        double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double squared = 0;
                for (int c = 0; c < d; c++) {
                    double diff = v[i * d + c] - v[j * d + c];
                    squared += diff * diff;
                }
                distance[i][j] = Math.sqrt(squared + DISTANCE_EPSILON);
            }
        }
        double[] same = new double[n * n];
        double[] other = new double[n * n];
        double[] nearestOther = new double[n * n];
        double[] farthestKept = new double[n * n];
        double[] farthestOther = new double[n * n];
        int farthestOtherAt = -1;
        for (int i = 0; i < n; i++) {
            int row = i;
            int[] order = IntStream.range(0, n).filter(j -> j != row).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> distance[row][j]).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).limit(ipc).toArray();
            boolean otherFound = false;
            for (int rank = 0; rank < order.length; rank++) {
                int j = order[rank];
                boolean sameClass = y[j] == y[i];
                if (!sameClass && !otherFound) {
                    nearestOther[i * n + j] = 1;
                    otherFound = true;
                }
                if (rank < kept) {
                    (sameClass ? same : other)[i * n + j] = 1;
                    if (!sameClass && (farthestOtherAt < 0
                            || distance[i][j] > distance[farthestOtherAt / n][farthestOtherAt % n])) {
                        farthestOtherAt = i * n + j;
                    }
                }
            }
            farthestKept[i * n + order[kept - 1]] = 1;
        }
        if (farthestOtherAt >= 0) {
            farthestOther[farthestOtherAt] = 1;
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put(SAME_NEIGHBOURS, HostArray.wrap(same, n, n));
        out.put(OTHER_NEIGHBOURS, HostArray.wrap(other, n, n));
        out.put(NEAREST_OTHER, HostArray.wrap(nearestOther, n, n));
        out.put(FARTHEST_KEPT, HostArray.wrap(farthestKept, n, n));
        out.put(FARTHEST_OTHER, HostArray.wrap(farthestOther, n, n));
        return out;
    }
}
