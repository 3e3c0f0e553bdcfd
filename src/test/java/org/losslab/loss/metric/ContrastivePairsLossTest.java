package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** contrastive-pairs: [d − m⁺]₊ on positive pairs, [m⁻ − d]₊ on negative pairs, mean over pairs. */
class ContrastivePairsLossTest {
    private static final String ID = "contrastive-pairs";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /**
     * 1-D points a=0, b=0.3 (class 0), c=0.4, e=1 (class 1), m⁺ = 0, m⁻ = 0.5: positive pairs (a,b) 0.3 and
     * (c,e) 0.6; negative pairs (a,c) 0.1, (b,c) 0.4, (a,e) and (b,e) 0 → 1.4/6. Squared: 0.62/6.
     */
    private static Map<String, HostArray> lineOfFour() {
        return Map.of("embeddings", HostArray.wrap(new double[] {0, 0.3, 0.4, 1}, 4, 1),
                "labels", HostArray.vector(0, 0, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void handComputedLineOfFourPoints(String engine) {
        var plain = LossTesting.evaluate(engine, ID, Map.of(), lineOfFour(), false);
        assertThat(plain.loss()).isCloseTo(1.4 / 6, within(1e-9));
        assertThat(plain.perExample().data())
                .containsExactly(new double[] {0.4 / 3, 0.7 / 3, 1.1 / 3, 0.6 / 3}, within(1e-9));
        var squared = LossTesting.evaluate(engine, ID, Map.of("squared", true), lineOfFour(), false);
        assertThat(squared.loss()).isCloseTo(0.62 / 6, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsOverPairs(String engine) {
        Random random = new Random(29);
        HostArray x = MetricReference.gaussian(random, 10, 3);
        HostArray y = MetricReference.labels(random, 10, 3);
        double[][] e = MetricReference.rows(x);
        int[] labels = MetricReference.ints(y);
        double mPositive = 0.4;
        double mNegative = 2.5;
        for (boolean squared : new boolean[] {false, true}) {
            double total = 0;
            int pairs = 0;
            for (int i = 0; i < e.length; i++) {
                for (int j = i + 1; j < e.length; j++) {
                    double d = Math.sqrt(MetricReference.squaredDistance(e[i], e[j]) + 1e-12);
                    double hinge = labels[i] == labels[j] ? Math.max(0, d - mPositive) : Math.max(0, mNegative - d);
                    total += squared ? hinge * hinge : hinge;
                    pairs++;
                }
            }
            var r = LossTesting.evaluate(engine, ID, Map.of("mPositive", mPositive, "mNegative", mNegative,
                    "squared", squared), Map.of("embeddings", x, "labels", y), false);
            assertThat(r.loss()).as("squared = %s", squared).isCloseTo(total / pairs, within(1e-10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void marginsSwitchTermsOff(String engine) {
        // all positives within m⁺ and all negatives beyond m⁻: nothing to do
        Map<String, HostArray> in = Map.of("embeddings", HostArray.matrix(new double[][] {
                {0, 0}, {0.1, 0}, {2, 0}, {2, 0.1}}), "labels", HostArray.vector(0, 0, 1, 1));
        var r = LossTesting.evaluate(engine, ID, Map.of("mPositive", 0.2, "mNegative", 1.0), in, true);
        assertThat(r.loss()).isZero();
        assertThat(r.gradients().get("embeddings").data()).containsOnly(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesASingleEmbeddingByName(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("embeddings", HostArray.matrix(new double[][] {{1, 2}}), "labels", HostArray.vector(0)), false))
                .hasMessageContaining("embeddings").hasMessageContaining("at least 2");
    }
}
