package org.losslab.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Betti matching (N. Stucki et al., "Topologically faithful image segmentation via induced matching of persistence
 * barcodes", ICML 2023), as specified in LOSSES.md §3 {@code betti-matching}.
 *
 * <p>The prediction P and the target G are compared through C = max(P, G): both superlevel filtrations include into
 * that of C ({P ≥ t} ⊆ {C ≥ t}), so each inclusion induces a matching of barcodes (Bauer and Lesnick's induced
 * matching): the map H(P) → H(C) factors as a surjection onto its image followed by an injection into H(C); the
 * surjection matches intervals of P and of the image born at the same step, the injection intervals of the image
 * and of C that die at the same step, the longest with the longest. An interval of P and one of G are matched when
 * both reach the same interval of C. Image barcodes come from {@link ComponentImage}: in dimension 0 directly, in
 * dimension 1 through the background by Alexander duality.
 *
 * <p>Steps are those of the refined filtrations, in which pixels enter one at a time (ties broken by pixel index,
 * see {@code package-info}), as in the reference implementation, which matches cells rather than values. This is what
 * keeps equal features apart in space: on binary masks every hole is born at 1 and dies at 0, and matching by values
 * alone would pair a hole of P with any hole of G; through the refined steps a hole of P reaches the hole of C at
 * the same place. In dimension 0 a step is a birth or death pixel directly. In dimension 1 the background runs
 * backwards, so the image of P and P die at the same step when they share a birth pixel, and the image and C when
 * they share a death pixel.
 *
 * <p>Loss (LOSSES.md): L = Σ_{dim 0,1} [Σ_matched 2((b_P − b_G)² + (d_P − d_G)²) + Σ_unmatched (b − d)²], where an
 * essential death counts as 0 (LOSSES.md §Conventions). On binary maps L is the number of unmatched intervals. The
 * Betti-matching error is the number of unmatched intervals of both maps.
 */
public final class BettiMatching {
    private BettiMatching() {}

    /**
     * A prediction interval and the target interval it is matched to, of the same dimension, with the interval of
     * the comparison image max(P, G) that both reach.
     */
    public record MatchedPair(PersistenceInterval prediction, PersistenceInterval target,
            PersistenceInterval comparison) {

        public int dimension() {
            return prediction.dimension();
        }

        /** 2((b_P − b_G)² + (d_P − d_G)²), essential deaths taken as 0. */
        public double loss() {
            double db = prediction.birth() - target.birth();
            double dd = prediction.deathForLoss() - target.deathForLoss();
            return 2 * (db * db + dd * dd);
        }
    }

    /**
     * The matching of one prediction against one target.
     *
     * @param matched matched pairs, dimension 0 first, each dimension in the order of the prediction's barcode
     * @param unmatchedPrediction prediction intervals without a partner
     * @param unmatchedTarget target intervals without a partner
     * @param height rows of the maps
     * @param width columns of the maps
     */
    public record Result(List<MatchedPair> matched, List<PersistenceInterval> unmatchedPrediction,
            List<PersistenceInterval> unmatchedTarget, int height, int width) {

        public Result {
            matched = List.copyOf(matched);
            unmatchedPrediction = List.copyOf(unmatchedPrediction);
            unmatchedTarget = List.copyOf(unmatchedTarget);
        }

        /** L_BM summed over dimensions 0 and 1. */
        public double loss() {
            return loss(0) + loss(1);
        }

        /** The part of L_BM from one dimension. */
        public double loss(int dimension) {
            double sum = 0;
            for (MatchedPair m : matched) {
                sum += m.dimension() == dimension ? m.loss() : 0;
            }
            for (PersistenceInterval i : unmatchedPrediction) {
                sum += i.dimension() == dimension ? squaredLength(i) : 0;
            }
            for (PersistenceInterval i : unmatchedTarget) {
                sum += i.dimension() == dimension ? squaredLength(i) : 0;
            }
            return sum;
        }

        /** Number of unmatched intervals of both maps, dimensions 0 and 1. */
        public int bettiMatchingError() {
            return unmatchedPrediction.size() + unmatchedTarget.size();
        }

        /** Number of unmatched intervals of both maps in one dimension. */
        public int bettiMatchingError(int dimension) {
            int n = 0;
            for (PersistenceInterval i : unmatchedPrediction) {
                n += i.dimension() == dimension ? 1 : 0;
            }
            for (PersistenceInterval i : unmatchedTarget) {
                n += i.dimension() == dimension ? 1 : 0;
            }
            return n;
        }

        /**
         * ∂L/∂P, shape (height·width) row-major, with the pairing held fixed: the gradient reaches only the birth
         * and death pixels of the prediction's intervals (an essential death is the constant 0).
         */
        public double[] predictionGradient() {
            double[] grad = new double[height * width];
            for (MatchedPair m : matched) {
                PersistenceInterval p = m.prediction();
                PersistenceInterval g = m.target();
                grad[p.birthPixel()] += 4 * (p.birth() - g.birth());
                if (!p.isEssential()) {
                    grad[p.deathPixel()] += 4 * (p.death() - g.deathForLoss());
                }
            }
            for (PersistenceInterval p : unmatchedPrediction) {
                double length = p.birth() - p.deathForLoss();
                grad[p.birthPixel()] += 2 * length;
                if (!p.isEssential()) {
                    grad[p.deathPixel()] -= 2 * length;
                }
            }
            return grad;
        }

        private static double squaredLength(PersistenceInterval i) {
            double length = i.birth() - i.deathForLoss();
            return length * length;
        }
    }

    /** Betti matching under the default T-construction. */
    public static Result match(ScalarMap prediction, ScalarMap target) {
        return match(prediction, target, Construction.T);
    }

    /**
     * Betti matching of two maps of equal shape (the target is usually a 0/1 mask, but any map works).
     *
     * @throws IllegalArgumentException naming both maps if their shapes differ
     */
    public static Result match(ScalarMap prediction, ScalarMap target, Construction construction) {
        prediction.requireSameShape(target);
        ScalarMap comparison = prediction.max(target, "max(" + prediction.name() + ", " + target.name() + ")");
        Filtered p = new Filtered(prediction, construction);
        Filtered g = new Filtered(target, construction);
        Filtered c = new Filtered(comparison, construction);
        List<MatchedPair> matched = new ArrayList<>();
        List<PersistenceInterval> unmatchedP = new ArrayList<>();
        List<PersistenceInterval> unmatchedG = new ArrayList<>();
        for (int dim = 0; dim <= 1; dim++) {
            List<PersistenceInterval> barP = p.barcode.dimension(dim);
            List<PersistenceInterval> barG = g.barcode.dimension(dim);
            List<PersistenceInterval> barC = c.barcode.dimension(dim);
            int[] pToC = induced(dim, p, image(dim, p, c, construction), c);
            int[] gToC = induced(dim, g, image(dim, g, c, construction), c);
            int[] cToG = new int[barC.size()];
            Arrays.fill(cToG, -1);
            for (int j = 0; j < gToC.length; j++) {
                if (gToC[j] >= 0) {
                    cToG[gToC[j]] = j;
                }
            }
            boolean[] targetMatched = new boolean[barG.size()];
            for (int i = 0; i < barP.size(); i++) {
                int j = pToC[i] < 0 ? -1 : cToG[pToC[i]];
                if (j < 0) {
                    unmatchedP.add(barP.get(i));
                } else {
                    matched.add(new MatchedPair(barP.get(i), barG.get(j), barC.get(pToC[i])));
                    targetMatched[j] = true;
                }
            }
            for (int j = 0; j < barG.size(); j++) {
                if (!targetMatched[j]) {
                    unmatchedG.add(barG.get(j));
                }
            }
        }
        return new Result(matched, unmatchedP, unmatchedG, prediction.height(), prediction.width());
    }

    /** A map with its superlevel order and barcode, computed once. */
    private static final class Filtered {
        final ScalarMap map;
        final int[] descending;
        final int[] ascending;
        /** pixel → its step in the superlevel order */
        final int[] position;
        final Barcode barcode;

        Filtered(ScalarMap map, Construction construction) {
            this.map = map;
            this.descending = FiltrationOrder.descending(map.raw());
            this.ascending = FiltrationOrder.reversed(descending);
            this.position = new int[descending.length];
            for (int k = 0; k < descending.length; k++) {
                position[descending[k]] = k;
            }
            this.barcode = new Barcode(CubicalPersistence.components(map, descending, construction),
                    CubicalPersistence.holes(map, ascending, construction));
        }
    }

    /** The barcode of the image of H_dim(source) → H_dim(comparison), for a source below the comparison. */
    static List<PersistenceInterval> image(int dimension, ScalarMap source, ScalarMap comparison,
            Construction construction) {
        return image(dimension, new Filtered(source, construction), new Filtered(comparison, construction),
                construction);
    }

    private static List<PersistenceInterval> image(int dimension, Filtered source, Filtered comparison,
            Construction construction) {
        int h = source.map.height();
        int w = source.map.width();
        double[] s = source.map.raw();
        double[] c = comparison.map.raw();
        List<PersistenceInterval> out = new ArrayList<>();
        if (dimension == 0) {
            // components of {C ≥ t} that hold a pixel of {S ≥ t}
            ComponentImage.Pairs pairs = ComponentImage.run(h, w, c, comparison.descending, s, source.descending,
                    true, construction.foregroundOffsets(), false);
            out.add(PersistenceInterval.essential(0, s[pairs.survivingMarker()], pairs.survivingMarker()));
            for (int k = 0; k < pairs.count(); k++) {
                int born = pairs.dyingMarker()[k];
                int killer = pairs.mergePixel()[k];
                if (s[born] != c[killer]) {
                    out.add(new PersistenceInterval(0, s[born], c[killer], born, killer));
                }
            }
        } else {
            // dual: bounded components of the background {S < u} that hold a pixel of {C < u}
            ComponentImage.Pairs pairs = ComponentImage.run(h, w, s, source.ascending, c, comparison.ascending,
                    false, construction.backgroundOffsets(), true);
            for (int k = 0; k < pairs.count(); k++) {
                int filledAt = pairs.dyingMarker()[k];
                int closedAt = pairs.mergePixel()[k];
                if (s[closedAt] != c[filledAt]) {
                    out.add(new PersistenceInterval(1, s[closedAt], c[filledAt], closedAt, filledAt));
                }
            }
        }
        return out;
    }

    /**
     * The induced matching of a source (P or G) into the comparison C through the image of H(source) → H(C): the
     * index in C's barcode matched to each interval of the source's barcode, or −1.
     */
    private static int[] induced(int dimension, Filtered source, List<PersistenceInterval> image, Filtered comparison) {
        List<PersistenceInterval> from = source.barcode.dimension(dimension);
        List<PersistenceInterval> to = comparison.barcode.dimension(dimension);
        int[] toImage;
        int[] imageToC;
        if (dimension == 0) {
            // same birth step = same birth pixel; same death step = same merging pixel, the longest (oldest birth)
            // first on each side
            toImage = sameKey(from, image, PersistenceInterval::birthPixel, null, null);
            imageToC = sameKey(image, to, PersistenceInterval::deathPixel,
                    i -> source.position[i.birthPixel()], i -> comparison.position[i.birthPixel()]);
        } else {
            // the hole is closed by the same background merge; the longest dies last in the superlevel order
            toImage = sameKey(from, image, PersistenceInterval::birthPixel,
                    i -> -source.position[i.deathPixel()], i -> -comparison.position[i.deathPixel()]);
            imageToC = sameKey(image, to, PersistenceInterval::deathPixel, null, null);
        }
        int[] out = new int[from.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toImage[i] < 0 ? -1 : imageToC[toImage[i]];
        }
        return out;
    }

    /**
     * Pairs intervals of a and b with equal key; inside a group of equal keys, in increasing {@code ageA} /
     * {@code ageB} (null when a key is unique within a list). Returns, for each interval of a, the index in b or −1.
     */
    private static int[] sameKey(List<PersistenceInterval> a, List<PersistenceInterval> b,
            ToIntFunction<PersistenceInterval> key, ToIntFunction<PersistenceInterval> ageA,
            ToIntFunction<PersistenceInterval> ageB) {
        Integer[] ia = sortedIndices(a, key, ageA);
        Integer[] ib = sortedIndices(b, key, ageB);
        int[] out = new int[a.size()];
        Arrays.fill(out, -1);
        int i = 0;
        int j = 0;
        while (i < ia.length && j < ib.length) {
            int ka = key.applyAsInt(a.get(ia[i]));
            int kb = key.applyAsInt(b.get(ib[j]));
            if (ka < kb) {
                i++;
            } else if (ka > kb) {
                j++;
            } else {
                out[ia[i++]] = ib[j++];
            }
        }
        return out;
    }

    private static Integer[] sortedIndices(List<PersistenceInterval> list, ToIntFunction<PersistenceInterval> key,
            ToIntFunction<PersistenceInterval> age) {
        Comparator<PersistenceInterval> order = Comparator.comparingInt(key);
        if (age != null) {
            order = order.thenComparingInt(age);
        }
        Comparator<PersistenceInterval> byInterval = order;
        Integer[] idx = new Integer[list.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> byInterval.compare(list.get(x), list.get(y)));
        return idx;
    }
}
