package org.losslab.loss.segmentation;

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
import org.losslab.topology.BettiMatching;
import org.losslab.topology.BinaryMask;
import org.losslab.topology.Construction;
import org.losslab.topology.PersistenceInterval;
import org.losslab.topology.ScalarMap;
import org.losslab.topology.TopologyBenchmark;

/**
 * Betti-matching loss (Stucki et al.), per image: L = Σ_{dim 0,1} [Σ_matched 2((b_P − b_G)² + (d_P − d_G)²)
 * + Σ_unmatched (b − d)²], where the matching pairs intervals of the prediction P and the target G that reach the
 * same interval of max(P, G) ({@link BettiMatching}), "unmatched" covers both barcodes, and an essential death is
 * the constant 0.
 *
 * <p>The pairing runs in {@link #prepare} on the host. It does not hand the graph intervals but terms of one form,
 * w·(P[a] − P[b] + c)², with a and b indices into the batch's prob flattened to N·H·W and the sentinel N·H·W that
 * reads a constant 0 (an essential death, or no pixel at all):
 * <ul>
 *   <li>a matched pair gives w = 2, a = its birth pixel, c = −b_G, and w = 2, a = its death pixel, c = −d_G;</li>
 *   <li>an unmatched prediction interval gives w = 1, a = birth pixel, b = death pixel, c = 0;</li>
 *   <li>the unmatched target intervals are constants: one term with w = Σ(b − d)², no pixel and c = 1.</li>
 * </ul>
 * The graph gathers P at those pixels (the gather's gradient scatter-adds, so a pixel that is the birth of one
 * interval and the death of another gets both contributions) and sums the terms of each image. Images have different
 * numbers of terms; each is padded with zero terms to K, the largest count in the batch rounded up to a power of two,
 * so a training run sees few distinct shapes (the {@code nd4j} engine traces one graph per shape).
 *
 * <p>Inputs: {@code prob} (N,H,W) foreground probabilities (differentiable), {@code target} (N,H,W) in {0,1}. Output
 * [N]. The original code's {@code relative} option is not offered: the paper and the code read leave its meaning
 * unexplained (LOSSES.md).
 */
public final class BettiMatchingLoss implements LossFunction {
    /** Prepared gather indices [2·N·K]: the N·K first pixels of the terms, then the N·K second pixels. */
    public static final String PIXELS_INPUT = "bettiMatchingPixels";
    /** Prepared constants c of the terms [N,K]. */
    public static final String OFFSETS_INPUT = "bettiMatchingOffsets";
    /** Prepared weights w of the terms [N,K]; 0 on padding. */
    public static final String WEIGHTS_INPUT = "bettiMatchingWeights";

    private static final int MIN_TERMS = 8;

    public static final LossSpec SPEC = LossSpec.builder("betti-matching", "Betti matching", Family.SEGMENTATION)
            .differentiableInput("prob").input("target")
            .param(ParamSpec.choice("construction", "T", List.of("T", "V"),
                    "cubical complex: T = pixels as squares (8-connected foreground), V = pixels as vertices "
                            + "(4-connected foreground, the original code's default)"))
            .cite("Topologically faithful image segmentation via induced matching of persistence barcodes")
            .tex("L_{BM} = \\sum_{k=0}^{1}\\left[\\sum_{(p,g)\\in M_k} 2\\left((b_p-b_g)^2+(d_p-d_g)^2\\right)"
                    + " + \\sum_{q\\in U_k}(b_q-d_q)^2\\right]")
            .intuition("Every component and hole of the prediction is paired with the one of the ground truth at "
                    + "the same place (through the persistence of max(P, G)); paired features are pulled to "
                    + "the same strength, unpaired ones are pushed to vanish, so the prediction gets the right "
                    + "number of pieces and holes in the right places.")
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
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray prob = hostInputs.get("prob");
        HostArray target = hostInputs.get("target");
        if (prob == null || target == null) {
            throw new IllegalArgumentException("betti-matching needs inputs 'prob' and 'target' to pair the "
                    + "barcodes; given: " + hostInputs.keySet());
        }
        requireImages(prob, target);
        Construction construction = Construction.parse("construction", params.string("construction"));
        int n = prob.dim(0);
        int h = prob.dim(1);
        int w = prob.dim(2);
        int pixels = h * w;
        if ((long) n * pixels >= 1L << 24) {
            throw new IllegalArgumentException("betti-matching: prob " + Arrays.toString(prob.shape()) + " has "
                    + (long) n * pixels + " pixels; pixel indices must stay below 2^24 to be exact in float32, "
                    + "so split the batch");
        }
        List<List<Term>> perImage = new ArrayList<>(n);
        int most = 1;
        for (int i = 0; i < n; i++) {
            ScalarMap p = ScalarMap.of("prob[" + i + "]", h, w, Arrays.copyOfRange(prob.data(), i * pixels,
                    (i + 1) * pixels));
            ScalarMap g = ScalarMap.of("target[" + i + "]", h, w, Arrays.copyOfRange(target.data(), i * pixels,
                    (i + 1) * pixels));
            requireBinary(g, i);
            List<Term> terms = terms(BettiMatching.match(p, g, construction));
            perImage.add(terms);
            most = Math.max(most, terms.size());
        }
        int k = paddedCount(most);
        int sentinel = n * pixels;
        double[] indices = new double[2 * n * k];
        double[] offsets = new double[n * k];
        double[] weights = new double[n * k];
        Arrays.fill(indices, sentinel);
        for (int i = 0; i < n; i++) {
            List<Term> terms = perImage.get(i);
            for (int j = 0; j < terms.size(); j++) {
                Term t = terms.get(j);
                int at = i * k + j;
                indices[at] = t.first() < 0 ? sentinel : i * pixels + t.first();
                indices[n * k + at] = t.second() < 0 ? sentinel : i * pixels + t.second();
                offsets[at] = t.offset();
                weights[at] = t.weight();
            }
        }
        return Map.of(PIXELS_INPUT, HostArray.wrap(indices, 2 * n * k),
                OFFSETS_INPUT, HostArray.wrap(offsets, n, k),
                WEIGHTS_INPUT, HostArray.wrap(weights, n, k));
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor prob = in.get("prob");
        long[] shape = prob.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("betti-matching: prob must have shape [N,H,W], got "
                    + Arrays.toString(shape));
        }
        if (!Arrays.equals(in.get("target").shape(), shape)) {
            throw new IllegalArgumentException("betti-matching: target must have the shape of prob "
                    + Arrays.toString(shape) + ", got " + Arrays.toString(in.get("target").shape()));
        }
        if (!in.has(PIXELS_INPUT) || !in.has(OFFSETS_INPUT) || !in.has(WEIGHTS_INPUT)) {
            throw new IllegalArgumentException("betti-matching needs its prepared pairing (" + PIXELS_INPUT + ", "
                    + OFFSETS_INPUT + ", " + WEIGHTS_INPUT + "); run prepare on prob and target first");
        }
        long n = shape[0];
        Tensor offsets = in.get(OFFSETS_INPUT);
        Tensor weights = in.get(WEIGHTS_INPUT);
        Tensor pixels = in.get(PIXELS_INPUT);
        long k = offsets.dim(-1);
        if (offsets.rank() != 2 || offsets.dim(0) != n || !Arrays.equals(weights.shape(), offsets.shape())
                || pixels.rank() != 1 || pixels.dim(0) != 2 * n * k) {
            throw new IllegalArgumentException("betti-matching: the prepared pairing does not fit prob "
                    + Arrays.toString(shape) + ": " + OFFSETS_INPUT + " " + Arrays.toString(offsets.shape()) + ", "
                    + WEIGHTS_INPUT + " " + Arrays.toString(weights.shape()) + ", " + PIXELS_INPUT + " "
                    + Arrays.toString(pixels.shape()) + "; prepare it from this batch");
        }
        Tensor flat = ops.reshape(prob, n * shape[1] * shape[2]);
        Tensor withZero = ops.concat(0, flat, ops.constant(HostArray.zeros(1)));
        Tensor gathered = ops.reshape(ops.gather(withZero, pixels, 0), 2, n, k);
        Tensor first = ops.reshape(ops.slice(gathered, 0, 0, 1), n, k);
        Tensor second = ops.reshape(ops.slice(gathered, 0, 1, 2), n, k);
        Tensor difference = ops.add(ops.sub(first, second), offsets);
        return ops.sum(ops.mul(weights, ops.square(difference)), false, 1);
    }

    /**
     * One term w·(P[first] − P[second] + offset)² of an image's loss; a pixel index of −1 reads a constant 0.
     *
     * @param first row-major pixel index in the image, or −1
     * @param second row-major pixel index in the image, or −1
     */
    record Term(int first, int second, double offset, double weight) {}

    /** The terms of one image's loss, from its Betti matching; their sum at the prediction is the matching's loss. */
    static List<Term> terms(BettiMatching.Result matching) {
        List<Term> out = new ArrayList<>();
        for (BettiMatching.MatchedPair pair : matching.matched()) {
            PersistenceInterval p = pair.prediction();
            PersistenceInterval g = pair.target();
            out.add(new Term(p.birthPixel(), -1, -g.birth(), 2));
            if (!p.isEssential() || g.deathForLoss() != 0) {
                out.add(new Term(p.deathPixel(), -1, -g.deathForLoss(), 2));
            }
        }
        for (PersistenceInterval p : matching.unmatchedPrediction()) {
            out.add(new Term(p.birthPixel(), p.deathPixel(), 0, 1));
        }
        double targetOnly = 0;
        for (PersistenceInterval g : matching.unmatchedTarget()) {
            double length = g.birth() - g.deathForLoss();
            targetOnly += length * length;
        }
        if (targetOnly != 0) {
            out.add(new Term(-1, -1, 1, targetOnly));
        }
        return out;
    }

    private static int paddedCount(int terms) {
        int k = MIN_TERMS;
        while (k < terms) {
            k *= 2;
        }
        return k;
    }

    private static void requireImages(HostArray prob, HostArray target) {
        if (prob.rank() != 3) {
            throw new IllegalArgumentException("betti-matching: prob must have shape [N,H,W], got "
                    + Arrays.toString(prob.shape()));
        }
        if (!Arrays.equals(prob.shape(), target.shape())) {
            throw new IllegalArgumentException("betti-matching: target must have the shape of prob "
                    + Arrays.toString(prob.shape()) + ", got " + Arrays.toString(target.shape()));
        }
    }

    private static void requireBinary(ScalarMap target, int image) {
        for (int i = 0; i < target.size(); i++) {
            double v = target.value(i);
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("betti-matching: target must be a 0/1 mask, found " + v
                        + " in image " + image + " at row " + i / target.width() + ", column " + i % target.width());
            }
        }
    }

    // ---- cost -------------------------------------------------------------------------------------------------

    private static volatile double millisPer64x64 = Double.NaN;

    /**
     * The measured host time of {@link #prepare} for one 64×64 image, in milliseconds: the best of five timed
     * pairings of a noisy smooth map against a mask (after three warm-up runs), measured once per JVM. The pairing
     * is a radix sort and union-find passes, so its time grows about linearly with the pixel count.
     */
    public static double measuredPrepareMillisPer64x64() {
        double cached = millisPer64x64;
        if (!Double.isNaN(cached)) {
            return cached;
        }
        ScalarMap p = TopologyBenchmark.smoothMap(64, 64, 7);
        ScalarMap g = BinaryMask.threshold(TopologyBenchmark.smoothMap(64, 64, 8, 0.0), 0.5).toMap();
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 8; run++) {
            long t0 = System.nanoTime();
            terms(BettiMatching.match(p, g, Construction.T));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (run >= 3) {
                best = Math.min(best, ms);
            }
        }
        millisPer64x64 = best;
        return best;
    }

    /**
     * The estimated host time of {@link #prepare} for a batch of {@code images} images of height × width, in
     * milliseconds: {@link #measuredPrepareMillisPer64x64()} scaled by the pixel count (for a cost guard before
     * training or evaluating on large images).
     */
    public static double estimatedPrepareMillis(int images, int height, int width) {
        if (images < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("betti-matching cost needs images ≥ 0 and a positive size, got "
                    + images + " images of " + height + "×" + width);
        }
        return measuredPrepareMillisPer64x64() * images * ((double) height * width / (64.0 * 64.0));
    }
}
