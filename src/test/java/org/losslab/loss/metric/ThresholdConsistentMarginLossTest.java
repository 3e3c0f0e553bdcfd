package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tcm: the worked example of LOSSES.md on both engines, a naive pair-loop reference on random embeddings, and the
 * stated special cases. Finite-difference gradients, engine agreement and NaN refusal come from LossContractTest.
 */
class ThresholdConsistentMarginLossTest {
    private static final String ID = "tcm";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /**
     * Three class-0 embeddings with positive cosines .95, .8, .6 and one class-1 embedding with negative cosines
     * .55, .7, .3 (the LOSSES.md pair values, arranged so that the Gram matrix is positive definite).
     */
    static Map<String, HostArray> workedExample() {
        double[][] gram = {
            {1, 0.95, 0.8, 0.55},
            {0.95, 1, 0.6, 0.7},
            {0.8, 0.6, 1, 0.3},
            {0.55, 0.7, 0.3, 1}};
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("embeddings", HostArray.matrix(MetricTesting.vectorsWithGram(gram)));
        in.put("labels", HostArray.vector(0, 0, 0, 1));
        return in;
    }

    /** Naive loops over the ordered pairs i ≠ j. */
    static double reference(Map<String, HostArray> in, double mPlus, double mMinus, double lambdaPlus,
            double lambdaMinus) {
        double[][] e = MetricTesting.rows(in.get("embeddings"));
        double[] y = in.get("labels").data();
        double pos = 0;
        int posCount = 0;
        double neg = 0;
        int negCount = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                if (i == j) {
                    continue;
                }
                double s = MetricTesting.cosine(e[i], e[j]);
                if (y[i] == y[j] && s <= mPlus) {
                    pos += mPlus - s;
                    posCount++;
                } else if (y[i] != y[j] && s >= mMinus) {
                    neg += s - mMinus;
                    negCount++;
                }
            }
        }
        return lambdaPlus * (posCount == 0 ? 0 : pos / posCount) + lambdaMinus * (negCount == 0 ? 0 : neg / negCount);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), true);
        assertThat(r.loss()).isCloseTo(0.325, within(1e-6));
        assertThat(r.perExample().shape()).containsExactly(1);
        // the two halves: 0.2 from the positives, 0.125 from the negatives
        assertThat(LossTesting.evaluate(engine, ID, Map.of("lambdaMinus", 0.0), workedExample(), false).loss())
                .isCloseTo(0.2, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("lambdaPlus", 0.0), workedExample(), false).loss())
                .isCloseTo(0.125, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomEmbeddings(String engine) {
        Map<String, HostArray> in = MetricTesting.randomEmbeddings(7, 12, 4, 3);
        Map<String, Object> params = Map.of("mPlus", 0.3, "mMinus", -0.1, "lambdaPlus", 0.7, "lambdaMinus", 1.6);
        double expected = reference(in, 0.3, -0.1, 0.7, 1.6);
        assertThat(expected).isGreaterThan(0.1);
        assertThat(LossTesting.evaluate(engine, ID, params, in, false).loss()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void isZeroWhenNoPairIsHardAndIgnoresTheScaleOfEmbeddings() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> easy = new LinkedHashMap<>();
        easy.put("embeddings", HostArray.matrix(new double[][] {{1, 0}, {0.99, 0.05}, {-1, 0.1}, {-0.98, 0}}));
        easy.put("labels", HostArray.vector(0, 0, 1, 1));
        var r = LossTesting.evaluate(engine, ID, Map.of(), easy, true);
        assertThat(r.loss()).isCloseTo(0, within(1e-12));
        for (double g : r.gradients().get("embeddings").data()) {
            assertThat(Math.abs(g)).isLessThan(1e-15);
        }

        Map<String, HostArray> scaled = new HashMap<>(workedExample());
        double[] e = scaled.get("embeddings").data().clone();
        for (int i = 0; i < e.length; i++) {
            e[i] *= 3.5;
        }
        scaled.put("embeddings", HostArray.wrap(e, 4, 4));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), scaled, false).loss()).isCloseTo(0.325, within(1e-9));
    }

    @Test
    void aBaseLossIsAddedWhenTheCatalogueHasItAndRefusedByNameOtherwise() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> in = MetricTesting.randomEmbeddings(3, 8, 3, 2);
        double tcmAlone = LossTesting.evaluate(engine, ID, Map.of(), in, false).loss();
        for (String base : ThresholdConsistentMarginLoss.BASES.subList(1, ThresholdConsistentMarginLoss.BASES.size())) {
            if (LossCatalog.get().ids().contains(base)) {
                double baseAlone = LossTesting.evaluate(engine, base, Map.of(), in, false).loss();
                assertThat(LossTesting.evaluate(engine, ID, Map.of("base", base), in, false).loss())
                        .as("tcm on base %s", base).isCloseTo(tcmAlone + baseAlone, within(1e-9));
            } else {
                assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of("base", base), in, false))
                        .hasMessageContaining("base").hasMessageContaining(base);
            }
        }
    }

    @Test
    void refusesMismatchedLabelsByName() {
        Map<String, HostArray> in = new HashMap<>(workedExample());
        in.put("labels", HostArray.vector(0, 0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("labels");
    }
}
