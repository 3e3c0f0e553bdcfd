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

/** cacr: attraction between an example's views plus repulsion between examples, over views [V,B,D]. */
class CacrLossTest {
    private static final String ID = "cacr";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md (V = 3, B = 3); v1 and v2 are normalised by the loss itself. */
    private static Map<String, HostArray> workedExample() {
        double[] v = {1, 0, 0, 1, -1, 0, 0.8, 0.6, 0.6, 0.8, -0.8, -0.6, 0.6, -0.8, -0.6, 0.8, -1, 0.1};
        return Map.of("views", HostArray.wrap(v, 3, 3, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reproducesTheWorkedExampleAndItsTwoParts(String engine) {
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .isCloseTo(-1.218442, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("beta", 0.0), workedExample(), false).loss())
                .as("L_CA").isCloseTo(0.874900, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("alpha", 0.0), workedExample(), false).loss())
                .as("L_CR").isCloseTo(-2.093342, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsWithOtherWeights(String engine) {
        Random random = new Random(77);
        int v = 4;
        int b = 5;
        int d = 3;
        double[] raw = MetricReference.gaussian(random, v * b, d).data();
        double[][][] z = new double[v][b][];
        for (int x = 0; x < v; x++) {
            for (int i = 0; i < b; i++) {
                double[] row = new double[d];
                System.arraycopy(raw, (x * b + i) * d, row, 0, d);
                z[x][i] = MetricReference.unit(row);
            }
        }
        double alpha = 0.7;
        double beta = 1.3;
        double tauPositive = 2.0;
        double tauNegative = 0.5;
        double attraction = 0;
        for (int x = 0; x < v; x++) {
            for (int i = 0; i < b; i++) {
                double norm = 0;
                double weighted = 0;
                for (int k = 0; k < v; k++) {
                    if (k != x) {
                        double dist = MetricReference.squaredDistance(z[x][i], z[k][i]);
                        norm += Math.exp(tauPositive * dist);
                        weighted += Math.exp(tauPositive * dist) * alpha * dist;
                    }
                }
                attraction += weighted / norm / b;
            }
        }
        attraction /= v;
        double repulsion = 0;
        int pairs = 0;
        for (int x = 0; x < v; x++) {
            for (int y = x + 1; y < v; y++) {
                pairs++;
                for (int i = 0; i < b; i++) {
                    double norm = 0;
                    double weighted = 0;
                    for (int j = 0; j < b; j++) {
                        if (j != i) {
                            double dist = MetricReference.squaredDistance(z[x][i], z[y][j]);
                            norm += Math.exp(-tauNegative * dist);
                            weighted += Math.exp(-tauNegative * dist) * (-beta * dist);
                        }
                    }
                    repulsion += weighted / norm / b;
                }
            }
        }
        repulsion /= pairs;
        var r = LossTesting.evaluate(engine, ID, Map.of("alpha", alpha, "beta", beta, "tauPositive", tauPositive,
                "tauNegative", tauNegative), Map.of("views", HostArray.wrap(raw, v, b, d)), false);
        assertThat(r.loss()).isCloseTo(attraction + repulsion, within(1e-10));
        assertThat(r.perExample().shape()).containsExactly(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesASingleViewByName(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("views", HostArray.wrap(new double[] {1, 0, 0, 1}, 1, 2, 2)), false))
                .hasMessageContaining("views").hasMessageContaining("V ≥ 2");
    }
}
