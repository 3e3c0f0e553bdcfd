package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Betti matching: the worked example of LOSSES.md, image barcodes against brute force, and the loss's laws. */
class BettiMatchingTest {

    @Test
    void workedExampleOfLossesMd() {
        ScalarMap p = ScalarMap.of("P", new double[][] {{.9, .2, .7}, {.1, .1, .1}, {.1, .1, .1}});
        ScalarMap g = ScalarMap.of("G", new double[][] {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}});
        BettiMatching.Result r = BettiMatching.match(p, g);
        // matched (0.9, −∞) ↔ (1, −∞), unmatched (0.7, 0.2), L = 2·0.1² + 0.5² = 0.27
        assertThat(r.matched()).hasSize(1);
        BettiMatching.MatchedPair pair = r.matched().get(0);
        assertThat(pair.prediction().birth()).isEqualTo(0.9);
        assertThat(pair.prediction().isEssential()).isTrue();
        assertThat(pair.target().birth()).isEqualTo(1.0);
        assertThat(pair.target().isEssential()).isTrue();
        assertThat(r.unmatchedPrediction()).hasSize(1);
        PersistenceInterval extra = r.unmatchedPrediction().get(0);
        assertThat(new double[] {extra.birth(), extra.death()}).containsExactly(0.7, 0.2);
        assertThat(extra.birthPixel()).isEqualTo(2);
        assertThat(extra.deathPixel()).isEqualTo(1);
        assertThat(r.unmatchedTarget()).isEmpty();
        assertThat(r.loss()).isCloseTo(0.270000, within(1e-12));
        assertThat(r.bettiMatchingError()).isEqualTo(1);
        // the V-construction happens to agree here (LOSSES.md)
        assertThat(BettiMatching.match(p, g, Construction.V).loss()).isCloseTo(0.27, within(1e-12));
    }

    @Test
    void onBinaryMasksTheLossCountsUnmatchedFeatures() {
        // prediction: a closed ring and a stray dot; target: the same ring with a gap
        BinaryMask pred = BettiNumbersTest.mask(
                "......",
                ".###..",
                ".#.#.#",
                ".###..",
                "......");
        BinaryMask target = BettiNumbersTest.mask(
                "......",
                ".###..",
                ".#....",
                ".###..",
                "......");
        BettiMatching.Result r = BettiMatching.match(pred.toMap(), target.toMap());
        assertThat(r.bettiMatchingError(0)).isEqualTo(1);
        assertThat(r.bettiMatchingError(1)).isEqualTo(1);
        assertThat(r.unmatchedTarget()).isEmpty();
        assertThat(r.loss()).isEqualTo(2.0);
        assertThat(r.loss(1)).isEqualTo(1.0);
    }

    @Test
    void spatiallyDisjointFeaturesDoNotMatchEvenWhenTheBarcodesAgree() {
        // a hole on the left in the prediction, on the right in the target: same barcodes, no match
        BinaryMask left = BettiNumbersTest.mask(
                ".........",
                ".###.....",
                ".#.#.....",
                ".###.....",
                ".........");
        BinaryMask right = BettiNumbersTest.mask(
                ".........",
                ".....###.",
                ".....#.#.",
                ".....###.",
                ".........");
        BettiMatching.Result r = BettiMatching.match(left.toMap(), right.toMap());
        // the essential components always match; each hole stays unmatched
        assertThat(r.matched()).hasSize(1);
        assertThat(r.bettiMatchingError(1)).isEqualTo(2);
        assertThat(r.loss()).isEqualTo(2.0);
    }

    @Test
    void aMapMatchesItselfCompletely() {
        Random random = new Random(7);
        for (int rep = 0; rep < 20; rep++) {
            ScalarMap m = randomMap(random, 9, 11, rep % 2 == 0 ? 0 : 4, "m");
            BettiMatching.Result r = BettiMatching.match(m, m);
            Barcode b = CubicalPersistence.compute(m);
            assertThat(r.matched()).hasSize(b.dim0().size() + b.dim1().size());
            assertThat(r.matched()).allMatch(pair -> pair.prediction().equals(pair.target()));
            assertThat(r.loss()).isZero();
        }
    }

    @Test
    void theMatchingIsSymmetric() {
        Random random = new Random(11);
        for (int rep = 0; rep < 30; rep++) {
            ScalarMap p = randomMap(random, 10, 10, rep % 3 == 0 ? 3 : 0, "p");
            ScalarMap g = randomMap(random, 10, 10, 2, "g");
            BettiMatching.Result pg = BettiMatching.match(p, g);
            BettiMatching.Result gp = BettiMatching.match(g, p);
            assertThat(gp.loss()).isCloseTo(pg.loss(), within(1e-12));
            assertThat(gp.unmatchedPrediction()).containsExactlyInAnyOrderElementsOf(pg.unmatchedTarget());
            assertThat(gp.matched().size()).isEqualTo(pg.matched().size());
            // every interval is matched or unmatched, exactly once
            Barcode bp = CubicalPersistence.compute(p);
            assertThat(pg.matched().size() + pg.unmatchedPrediction().size())
                    .isEqualTo(bp.dim0().size() + bp.dim1().size());
        }
    }

    /**
     * An induced matching only moves an interval up: the matched interval of C is born no later and dies no later
     * than the intervals of P and G that reach it, and it overlaps both (Bauer and Lesnick).
     */
    @Test
    void matchedIntervalsOfTheComparisonContainTheirSourcesEndpointsAsTheTheoryDemands() {
        Random random = new Random(3);
        int pairs = 0;
        for (Construction construction : Construction.values()) {
            for (int rep = 0; rep < 40; rep++) {
                ScalarMap p = randomMap(random, 12, 12, rep % 2 == 0 ? 0 : 5, "p");
                ScalarMap g = randomMap(random, 12, 12, rep % 3 == 0 ? 0 : 2, "g");
                for (BettiMatching.MatchedPair m : BettiMatching.match(p, g, construction).matched()) {
                    PersistenceInterval c = m.comparison();
                    for (PersistenceInterval source : List.of(m.prediction(), m.target())) {
                        assertThat(c.dimension()).isEqualTo(source.dimension());
                        assertThat(c.birth()).isGreaterThanOrEqualTo(source.birth());
                        assertThat(c.isEssential()).isEqualTo(source.isEssential());
                        if (!c.isEssential()) {
                            assertThat(c.death()).isGreaterThanOrEqualTo(source.death());
                            assertThat(source.birth()).isGreaterThan(c.death());
                        }
                    }
                    pairs++;
                }
            }
        }
        assertThat(pairs).isGreaterThan(500);
    }

    /**
     * The image barcodes, the heart of the induced matching, against brute-force ranks: for s ≥ t the image
     * intervals alive across [t, s] number rank(H(P ≥ s) → H(C ≥ t)).
     */
    @Test
    void imageBarcodesHaveTheRanksOfTheInclusions() {
        Random random = new Random(2023);
        for (Construction construction : Construction.values()) {
            for (int rep = 0; rep < 40; rep++) {
                int h = 4 + random.nextInt(6);
                int w = 4 + random.nextInt(6);
                ScalarMap p = randomMap(random, h, w, rep % 2 == 0 ? 0 : 4, "p");
                ScalarMap g = randomMap(random, h, w, rep % 4 < 2 ? 2 : 0, "g");
                ScalarMap c = p.max(g, "c");
                List<PersistenceInterval> image0 = BettiMatching.image(0, p, c, construction);
                List<PersistenceInterval> image1 = BettiMatching.image(1, p, c, construction);
                TreeSet<Double> levels = new TreeSet<>();
                for (int i = 0; i < p.size(); i++) {
                    levels.add(p.value(i));
                    levels.add(c.value(i));
                }
                levels.add(levels.first() - 1);
                for (double s : levels) {
                    for (double t : levels.headSet(s, true)) {
                        assertThat(aliveAcross(image0, s, t)).as("%s image H0 %s → %s", construction, s, t)
                                .isEqualTo(imageRank0(p, c, s, t, construction));
                        assertThat(aliveAcross(image1, s, t)).as("%s image H1 %s → %s", construction, s, t)
                                .isEqualTo(imageRank1(p, c, s, t, construction));
                    }
                }
            }
        }
    }

    @Test
    void theGradientIsTheDerivativeOfTheLossWithThePairingFixed() {
        Random random = new Random(5);
        ScalarMap p = randomMap(random, 8, 8, 0, "p");
        ScalarMap g = randomMap(random, 8, 8, 2, "g");
        BettiMatching.Result r = BettiMatching.match(p, g);
        double[] grad = r.predictionGradient();
        double eps = 1e-7;
        int checked = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] up = p.values();
            double[] down = p.values();
            up[i] += eps;
            down[i] -= eps;
            double numeric = (BettiMatching.match(ScalarMap.of("p+", 8, 8, up), g).loss()
                    - BettiMatching.match(ScalarMap.of("p-", 8, 8, down), g).loss()) / (2 * eps);
            assertThat(grad[i]).as("pixel %d", i).isCloseTo(numeric, within(1e-5));
            checked += grad[i] != 0 ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(4);
    }

    @Test
    void mapsOfDifferentSizesAreRefusedNamingBoth() {
        assertThatThrownBy(() -> BettiMatching.match(ScalarMap.of("pred.png", 3, 4, new double[12]),
                ScalarMap.of("target.png", 3, 3, new double[9])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pred.png' is 3×4").hasMessageContaining("'target.png' is 3×3");
    }

    static ScalarMap randomMap(Random random, int h, int w, int levels, String name) {
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = levels == 0 ? random.nextDouble() : random.nextInt(levels) / (double) (levels - 1);
        }
        return ScalarMap.of(name, h, w, v);
    }

    private static int aliveAcross(List<PersistenceInterval> bars, double s, double t) {
        int n = 0;
        for (PersistenceInterval i : bars) {
            n += i.isAliveAt(s) && i.isAliveAt(t) ? 1 : 0;
        }
        return n;
    }

    /** Components of {C ≥ t} that hold a pixel of {P ≥ s}. */
    private static int imageRank0(ScalarMap p, ScalarMap c, double s, double t, Construction construction) {
        int[] label = BruteForceTopology.label(BruteForceTopology.atLeast(c, t), c.height(), c.width(),
                BruteForceTopology.foreground(construction));
        boolean[] hit = new boolean[BruteForceTopology.count(label)];
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.value(i) >= s && !hit[label[i]]) {
                hit[label[i]] = true;
                n++;
            }
        }
        return n;
    }

    /** By Alexander duality: bounded components of the background {P < s} that hold a pixel of {C < t}. */
    private static int imageRank1(ScalarMap p, ScalarMap c, double s, double t, Construction construction) {
        int h = p.height();
        int w = p.width();
        boolean[] below = new boolean[p.size()];
        for (int i = 0; i < below.length; i++) {
            below[i] = p.value(i) < s;
        }
        int[] label = BruteForceTopology.label(below, h, w, BruteForceTopology.background(construction));
        int k = BruteForceTopology.count(label);
        boolean[] open = new boolean[k];
        boolean[] hit = new boolean[k];
        for (int i = 0; i < p.size(); i++) {
            if (label[i] < 0) {
                continue;
            }
            int r = i / w;
            int col = i % w;
            open[label[i]] |= r == 0 || r == h - 1 || col == 0 || col == w - 1;
            hit[label[i]] |= c.value(i) < t;
        }
        int n = 0;
        for (int l = 0; l < k; l++) {
            n += !open[l] && hit[l] ? 1 : 0;
        }
        return n;
    }
}
