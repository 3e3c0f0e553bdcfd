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

/** proto-triplet: [d(q, c_y) − min_{k≠y} d(q, c_k) + m]₊ per query, d = sqrt(‖·‖² + 1e-6). */
class ProtoTripletLossTest {
    private static final String ID = "proto-triplet";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: prototypes (0,0) and (2,0); queries (0.5,0) of class 0 and (1,1) of class 1. */
    private static Map<String, HostArray> workedExample() {
        return Map.of("embeddings", HostArray.matrix(new double[][] {{0.5, 0}, {1, 1}}),
                "labels", HostArray.vector(0, 1),
                "prototypes", HostArray.matrix(new double[][] {{0, 0}, {2, 0}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reproducesTheWorkedExample(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), true);
        assertThat(r.perExample().data()).containsExactly(new double[] {0, 0.5}, within(1e-6));
        assertThat(r.loss()).isCloseTo(0.250000, within(1e-6));
        // query 0 keeps its margin; query 1 is equidistant (√2) from both prototypes, pulled along x towards (2,0)
        // and pushed away from (0,0), which cancel along y
        double[] grad = r.gradients().get("embeddings").data();
        assertThat(new double[] {grad[0], grad[1], grad[3]}).containsOnly(0.0);
        assertThat(grad[2]).as("∂/∂q1.x").isCloseTo(-0.5 * 2 / Math.sqrt(2 + 1e-6), within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsOnARandomEpisode(String engine) {
        Random random = new Random(41);
        HostArray queries = MetricReference.gaussian(random, 8, 3);
        HostArray prototypes = MetricReference.gaussian(random, 4, 3);
        HostArray y = MetricReference.labels(random, 8, 4);
        double[][] q = MetricReference.rows(queries);
        double[][] c = MetricReference.rows(prototypes);
        int[] labels = MetricReference.ints(y);
        double margin = 0.7;
        double[] expected = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double own = Math.sqrt(MetricReference.squaredDistance(q[i], c[labels[i]]) + 1e-6);
            double nearestOther = Double.POSITIVE_INFINITY;
            for (int k = 0; k < c.length; k++) {
                if (k != labels[i]) {
                    nearestOther = Math.min(nearestOther, Math.sqrt(MetricReference.squaredDistance(q[i], c[k]) + 1e-6));
                }
            }
            expected[i] = Math.max(0, own - nearestOther + margin);
        }
        var r = LossTesting.evaluate(engine, ID, Map.of("m", margin),
                Map.of("embeddings", queries, "labels", y, "prototypes", prototypes), false);
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-10));
        assertThat(r.loss()).isCloseTo(MetricReference.mean(expected), within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesLabelsThatAreNoPrototypeAndMismatchedWidths(String engine) {
        Map<String, HostArray> in = new java.util.HashMap<>(workedExample());
        in.put("labels", HostArray.vector(0, 2));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), in, false))
                .hasMessageContaining("labels").hasMessageContaining("0..1");
        in.put("labels", HostArray.vector(0, 1));
        in.put("prototypes", HostArray.matrix(new double[][] {{0, 0, 0}, {2, 0, 0}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), in, false))
                .hasMessageContaining("prototypes").hasMessageContaining("embeddings");
    }
}
