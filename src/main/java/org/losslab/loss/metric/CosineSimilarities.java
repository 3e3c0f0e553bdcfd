package org.losslab.loss.metric;

import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * Cosine similarities (LOSSES.md conventions: the dot product of L2-normalised embeddings) and the label-pair masks
 * the losses of this package share, on the engine and in plain Java for {@code prepare}.
 */
final class CosineSimilarities {
    /** Norms are floored here, as torch's {@code F.normalize} does, so a zero vector gives 0 instead of NaN. */
    static final double MIN_NORM = 1e-12;

    private CosineSimilarities() {}

    /** x / max(‖x‖, 1e-12) over the last axis: [..., D] → [..., D]. */
    static Tensor normalize(Ops ops, Tensor x) {
        double floor = MIN_NORM * MIN_NORM;
        Tensor squared = ops.sum(ops.square(x), true, -1);
        return ops.div(x, ops.sqrt(ops.add(ops.relu(ops.add(squared, -floor)), floor)));
    }

    /** All pairwise cosines of the rows of {@code embeddings} [N,D] → [N,N]. */
    static Tensor matrix(Ops ops, Tensor embeddings) {
        Tensor unit = normalize(ops, embeddings);
        return ops.matmul(unit, ops.transpose(unit));
    }

    /** 1 where labels i and j agree (the diagonal included), else 0: labels [N] → [N,N]; no gradient. */
    static Tensor sameLabel(Ops ops, Tensor labels) {
        Tensor difference = ops.sub(ops.unsqueeze(labels, 1), ops.unsqueeze(labels, 0));
        return ops.rsub(1.0, ops.greaterThan(ops.abs(difference), 0.5));
    }

    /** 1 − I, the ordered pairs i ≠ j: [n,n] constant. */
    static Tensor offDiagonal(Ops ops, int n) {
        double[] mask = new double[n * n];
        Arrays.fill(mask, 1.0);
        for (int i = 0; i < n; i++) {
            mask[i * n + i] = 0;
        }
        return ops.constant(HostArray.wrap(mask, n, n));
    }

    /** max(x, 1) for a count without gradient: a mean over an empty set then divides 0 by 1. */
    static Tensor atLeastOne(Ops ops, Tensor count) {
        return ops.add(ops.relu(ops.add(count, -1.0)), 1.0);
    }

    /** Refuses anything but embeddings [N,D] with labels [N], naming the input at fault. */
    static void checkEmbeddingsAndLabels(String lossId, long[] embeddings, long[] labels) {
        if (embeddings.length != 2) {
            throw new IllegalArgumentException(lossId + ": input 'embeddings' must have shape [N, D], got "
                    + Arrays.toString(embeddings));
        }
        if (labels.length != 1 || labels[0] != embeddings[0]) {
            throw new IllegalArgumentException(lossId + ": input 'labels' must have shape [" + embeddings[0]
                    + "] (one label per embedding), got " + Arrays.toString(labels));
        }
    }

    /** The rows of {@code x} [N,D] scaled to unit length in plain Java, with the same floor. */
    static double[][] unitRows(HostArray x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int j = 0; j < d; j++) {
                double v = x.data()[i * d + j];
                squared += v * v;
            }
            double norm = Math.sqrt(Math.max(squared, MIN_NORM * MIN_NORM));
            for (int j = 0; j < d; j++) {
                out[i][j] = x.data()[i * d + j] / norm;
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A host array's shape as longs, like a tensor's. */
    static long[] shape(HostArray a) {
        return Arrays.stream(a.shape()).asLongStream().toArray();
    }
}
