package org.losslab.loss.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** nt-xent: SimCLR's loss over 2N views, with the optional λ·CE pretext term of ScatSimCLR. */
class NtXentLossTest {
    private static final String ID = "nt-xent";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: z_i = [[1,0],[0,1]], z_j = [[.8,.6],[.6,.8]], τ = 0.5. */
    private static Map<String, HostArray> workedExample() {
        Map<String, HostArray> in = new HashMap<>();
        in.put("view1", HostArray.matrix(new double[][] {{1, 0}, {0, 1}}));
        in.put("view2", HostArray.matrix(new double[][] {{0.8, 0.6}, {0.6, 0.8}}));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reproducesTheWorkedExamples(String engine) {
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false).loss())
                .isCloseTo(0.870714, within(1e-6));
        // with the rotation head: CE([2,0,0,0], 0) = 0.340753 and λ = 0.3
        Map<String, HostArray> in = workedExample();
        in.put("pretextLogits", HostArray.matrix(new double[][] {{2, 0, 0, 0}}));
        in.put("pretextLabels", HostArray.vector(0));
        var r = LossTesting.evaluate(engine, ID, Map.of("lambda", 0.3), in, true);
        assertThat(r.loss()).isCloseTo(0.972940, within(1e-6));
        // ∂/∂z_pretext = λ·(softmax − onehot)
        double[] p = LossTesting.softmax(new double[] {2, 0, 0, 0});
        double[] grad = r.gradients().get("pretextLogits").data();
        for (int k = 0; k < 4; k++) {
            assertThat(grad[k]).isCloseTo(0.3 * (p[k] - (k == 0 ? 1 : 0)), within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesNaiveLoopsAndIgnoresTheScaleOfTheViews(String engine) {
        Random random = new Random(5);
        HostArray a = MetricReference.gaussian(random, 6, 4);
        HostArray b = MetricReference.gaussian(random, 6, 4);
        double tau = 0.2;
        double[][] z = new double[12][];
        double[][] ra = MetricReference.rows(a);
        double[][] rb = MetricReference.rows(b);
        for (int i = 0; i < 6; i++) {
            z[i] = MetricReference.unit(ra[i]);
            z[i + 6] = MetricReference.unit(rb[i]);
        }
        double total = 0;
        for (int i = 0; i < 12; i++) {
            double denominator = 0;
            for (int k = 0; k < 12; k++) {
                if (k != i) {
                    denominator += Math.exp(MetricReference.dot(z[i], z[k]) / tau);
                }
            }
            total += -MetricReference.dot(z[i], z[(i + 6) % 12]) / tau + Math.log(denominator);
        }
        var r = LossTesting.evaluate(engine, ID, Map.of("tau", tau), Map.of("view1", a, "view2", b), false);
        assertThat(r.loss()).isCloseTo(total / 12, within(1e-10));
        assertThat(r.perExample().shape()).containsExactly(6);
        double[] scaled = a.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3.5;
        }
        var s = LossTesting.evaluate(engine, ID, Map.of("tau", tau),
                Map.of("view1", HostArray.wrap(scaled, 6, 4), "view2", b), false);
        assertThat(s.loss()).isCloseTo(r.loss(), within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void pretextGradientMatchesFiniteDifferences(String engine) {
        Random random = new Random(9);
        Map<String, HostArray> in = new HashMap<>();
        in.put("view1", MetricReference.gaussian(random, 3, 2));
        in.put("view2", MetricReference.gaussian(random, 3, 2));
        in.put("pretextLogits", MetricReference.gaussian(random, 5, 4));
        in.put("pretextLabels", MetricReference.labels(random, 5, 4));
        Map<String, ?> params = Map.of("lambda", 0.7);
        var r = LossTesting.evaluate(engine, ID, params, in, true);
        for (String name : List.of("view1", "pretextLogits")) {
            HostArray x = in.get(name);
            double[] numeric = new double[x.size()];
            for (int i = 0; i < x.size(); i++) {
                numeric[i] = (shifted(engine, params, in, name, i, 1e-6) - shifted(engine, params, in, name, i, -1e-6))
                        / 2e-6;
            }
            assertThat(GradientCheck.maxRelativeError(r.gradients().get(name), HostArray.wrap(numeric, x.shape())))
                    .as(name).isLessThan(1e-6);
        }
    }

    private static double shifted(String engine, Map<String, ?> params, Map<String, HostArray> in, String name,
            int index, double delta) {
        double[] moved = in.get(name).data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(in);
        copy.put(name, HostArray.wrap(moved, in.get(name).shape()));
        return LossTesting.evaluate(engine, ID, params, copy, false).loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void refusesAPretextWeightWithoutPretextInputsAndMismatchedViews(String engine) {
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of("lambda", 0.3), workedExample(), false))
                .hasMessageContaining("pretextLogits").hasMessageContaining("pretextLabels");
        Map<String, HostArray> in = workedExample();
        in.put("view2", HostArray.matrix(new double[][] {{0.8, 0.6}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), in, false))
                .hasMessageContaining("view2").hasMessageContaining("view1");
    }
}
