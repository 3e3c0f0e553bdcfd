package org.losslab.engine.pytorch;

import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Precision;
import org.losslab.engine.Tensor;

/**
 * CTC negative log-likelihood (Graves et al. 2006) as the forward algorithm in log space, written only with
 * {@link Ops} so that autograd differentiates it and nothing in it is specific to one engine.
 *
 * <p>For sequence n with target {@code y} of length U, the extended label sequence {@code l'} has length 2U+1:
 * blanks (label 0) at even positions, {@code y} at odd ones. With emissions {@code e_t(s) = logProbs[n, t, l'_s]}:
 * <pre>
 *   α_0(s) = e_0(s) for s ∈ {0, 1}
 *   α_t(s) = logΣexp(α_{t-1}(s), α_{t-1}(s-1), [α_{t-1}(s-2) if l'_s ≠ blank and l'_s ≠ l'_{s-2}]) + e_t(s)
 *   NLL    = -logΣexp(α_{T-1}(2U), α_{T-1}(2U-1))
 * </pre>
 * All sequences run together on [N, 2·Smax+1] arrays. Everything that depends on values — the extended labels,
 * which skip transitions are allowed, which states may start and end a path, when a shorter sequence stops — is
 * computed here in plain Java and enters as constant additive masks (0 or {@link #IMPOSSIBLE}) and 0/1 blends.
 *
 * <p>{@link #IMPOSSIBLE} is a large finite number rather than -∞ so that a log-sum-exp over only impossible terms
 * stays finite (−∞ − (−∞) would be NaN). Its contributions underflow to exactly 0 next to any possible path, so
 * results equal the exact CTC value; an impossible alignment (input too short for its target) gives about 1e30
 * instead of +∞.
 */
final class CtcForward {
    /** Log-probability of an impossible state; finite in float32 too. */
    static final double IMPOSSIBLE = -1e30;

    private CtcForward() {}

    /**
     * @param logProbs [N,T,V] log-probabilities
     * @param targets [N,S] labels in 1..V-1, padded arbitrarily beyond each target length
     * @param inputLengths [N] in 1..T
     * @param targetLengths [N] in 0..S
     * @return [N] negative log-likelihoods, blank = 0, not normalised by length
     */
    static Tensor negativeLogLikelihood(
            Ops ops, Tensor logProbs, HostArray targets, HostArray inputLengths, HostArray targetLengths) {
        long[] shape = logProbs.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("ctcLoss: logProbs must be [N,T,V], got " + Arrays.toString(shape));
        }
        int n = Math.toIntExact(shape[0]);
        int tMax = Math.toIntExact(shape[1]);
        int v = Math.toIntExact(shape[2]);
        if (targets.rank() != 2 || targets.dim(0) != n) {
            throw new IllegalArgumentException("ctcLoss: targets must be [" + n + ",S], got " + Arrays.toString(targets.shape()));
        }
        int sMax = targets.dim(1);
        int[] inLen = lengths("inputLengths", inputLengths, n, 1, tMax);
        int[] tgtLen = lengths("targetLengths", targetLengths, n, 0, sMax);
        int len = 2 * sMax + 1;

        // Extended labels l'[n][s]; positions past a sequence's own 2U+1 read the blank so indices stay valid.
        int[][] ext = new int[n][len];
        for (int b = 0; b < n; b++) {
            for (int u = 0; u < tgtLen[b]; u++) {
                double label = targets.get(b, u);
                if (label != Math.rint(label) || label < 1 || label >= v) {
                    throw new IllegalArgumentException("ctcLoss: target " + label + " of sequence " + b
                            + " is not a label in 1.." + (v - 1) + " (0 is the blank)");
                }
                ext[b][2 * u + 1] = (int) label;
            }
        }

        Tensor emissions = emissions(ops, logProbs, ext, n, tMax, v, len);

        double[] start = new double[n * len];
        double[] skip = new double[n * len];
        double[] end = new double[n * len];
        Arrays.fill(start, IMPOSSIBLE);
        Arrays.fill(skip, IMPOSSIBLE);
        Arrays.fill(end, IMPOSSIBLE);
        for (int b = 0; b < n; b++) {
            int own = 2 * tgtLen[b] + 1;
            start[b * len] = 0;
            if (own > 1) {
                start[b * len + 1] = 0;
            }
            for (int s = 2; s < len; s++) {
                if (ext[b][s] != 0 && ext[b][s] != ext[b][s - 2]) {
                    skip[b * len + s] = 0;
                }
            }
            end[b * len + own - 1] = 0;
            if (own > 1) {
                end[b * len + own - 2] = 0;
            }
        }
        Tensor skipMask = ops.constant(HostArray.wrap(skip, n, len));
        double[] pad = new double[n * 2];
        Arrays.fill(pad, IMPOSSIBLE);
        Tensor padding = ops.constant(HostArray.wrap(pad, n, 2));

        Tensor alpha = ops.add(emissionsAt(ops, emissions, 0, n, len), ops.constant(HostArray.wrap(start, n, len)));
        for (int t = 1; t < tMax; t++) {
            Tensor padded = ops.concat(1, padding, alpha); // [N, len+2]: α shifted right by 0, 1 and 2
            Tensor stay = ops.unsqueeze(alpha, 2);
            Tensor advance = ops.unsqueeze(ops.slice(padded, 1, 1, len + 1), 2);
            Tensor jump = ops.unsqueeze(ops.add(ops.slice(padded, 1, 0, len), skipMask), 2);
            Tensor next = ops.add(
                    ops.logSumExp(ops.concat(2, stay, advance, jump), 2, false), emissionsAt(ops, emissions, t, n, len));
            alpha = freezeFinished(ops, alpha, next, inLen, t, n);
        }
        Tensor last = ops.logSumExp(ops.add(alpha, ops.constant(HostArray.wrap(end, n, len))), 1, false);
        return ops.neg(last);
    }

    /**
     * E[t, n, s] = logProbs[n, t, l'[n][s]], time-major so that each step takes one slice. One gather over the
     * flattened input while every flat index is exact in the engine's precision (indices travel as floating-point
     * constants; float32 holds whole numbers exactly up to 2^24), otherwise one gather per sequence.
     */
    private static Tensor emissions(Ops ops, Tensor logProbs, int[][] ext, int n, int tMax, int v, int len) {
        long flatSize = (long) n * tMax * v;
        if (ops.precision() == Precision.FLOAT64 || flatSize <= (1L << 24)) {
            double[] index = new double[tMax * n * len];
            for (int t = 0; t < tMax; t++) {
                for (int b = 0; b < n; b++) {
                    for (int s = 0; s < len; s++) {
                        index[(t * n + b) * len + s] = ((double) b * tMax + t) * v + ext[b][s];
                    }
                }
            }
            Tensor flat = ops.reshape(logProbs, flatSize);
            return ops.reshape(ops.gather(flat, ops.constant(HostArray.wrap(index, index.length)), 0), tMax, n, len);
        }
        Tensor[] rows = new Tensor[n];
        for (int b = 0; b < n; b++) {
            double[] labels = new double[len];
            for (int s = 0; s < len; s++) {
                labels[s] = ext[b][s];
            }
            rows[b] = ops.gather(ops.slice(logProbs, 0, b, b + 1), ops.constant(HostArray.wrap(labels, len)), 2);
        }
        return ops.permute(ops.concat(0, rows), 1, 0, 2);
    }

    private static Tensor emissionsAt(Ops ops, Tensor emissions, int t, int n, int len) {
        return ops.reshape(ops.slice(emissions, 0, t, t + 1), n, len);
    }

    /** Sequences whose input has ended keep their α: {@code keep·α + (1-keep)·next}, exact for 0/1 weights. */
    private static Tensor freezeFinished(Ops ops, Tensor alpha, Tensor next, int[] inLen, int t, int n) {
        boolean anyFinished = false;
        double[] go = new double[n];
        double[] keep = new double[n];
        for (int b = 0; b < n; b++) {
            boolean running = t < inLen[b];
            go[b] = running ? 1 : 0;
            keep[b] = running ? 0 : 1;
            anyFinished |= !running;
        }
        if (!anyFinished) {
            return next;
        }
        return ops.add(ops.mul(next, ops.constant(HostArray.wrap(go, n, 1))),
                ops.mul(alpha, ops.constant(HostArray.wrap(keep, n, 1))));
    }

    private static int[] lengths(String what, HostArray lengths, int n, int min, int max) {
        if (lengths.size() != n) {
            throw new IllegalArgumentException("ctcLoss: " + what + " must have " + n + " values, got " + lengths.size());
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double d = lengths.data()[i];
            if (d != Math.rint(d) || d < min || d > max) {
                throw new IllegalArgumentException(
                        "ctcLoss: " + what + "[" + i + "] = " + d + " is not a whole number in " + min + ".." + max);
            }
            out[i] = (int) d;
        }
        return out;
    }
}
