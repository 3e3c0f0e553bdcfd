package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** soft-dice: ℓ = 1 − (2Σpg + s)/(Σp + Σg + s) per image. */
class SoftDiceLossTest {
    private static final String ID = "soft-dice";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md: p = [.9,.8,.1,.2], g = [1,1,0,0] → 1 − 4.4/5 = 0.12. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        double[] p = {.9, .8, .1, .2};
        double[] g = {1, 1, 0, 0};
        var flat = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(p, 1, 2, 2), "target", HostArray.of(g, 1, 2, 2)), false);
        assertThat(flat.loss()).isCloseTo(0.12, within(1e-12));
        var channel = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(p, 1, 1, 2, 2), "target", HostArray.of(g, 1, 1, 2, 2)), false);
        assertThat(channel.loss()).as("[N,1,H,W] layout").isCloseTo(0.12, within(1e-12));
        var mixed = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(p, 1, 1, 2, 2), "target", HostArray.of(g, 1, 2, 2)), false);
        assertThat(mixed.loss()).as("prob [N,1,H,W], target [N,H,W]").isCloseTo(0.12, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopPerImage(String engine) {
        Random r = new Random(7);
        int n = 3;
        int h = 4;
        int w = 5;
        double[] p = SegmentationTesting.uniform(r, 0.01, 0.99, n * h * w);
        double[] g = SegmentationTesting.binary(r, n * h * w);
        double s = 0.5;
        var result = LossTesting.evaluate(engine, ID, Map.of("s", s),
                Map.of("prob", HostArray.of(p, n, h, w), "target", HostArray.of(g, n, h, w)), true);
        double[] expected = new double[n];
        double[] expectedGrad = new double[n * h * w];
        for (int i = 0; i < n; i++) {
            double overlap = 0;
            double total = 0;
            for (int k = i * h * w; k < (i + 1) * h * w; k++) {
                overlap += p[k] * g[k];
                total += p[k] + g[k];
            }
            expected[i] = 1 - (2 * overlap + s) / (total + s);
            for (int k = i * h * w; k < (i + 1) * h * w; k++) {
                // d/dp_k of −(2O + s)/(T + s), divided by N for the mean
                expectedGrad[k] = -(2 * g[k] * (total + s) - (2 * overlap + s)) / ((total + s) * (total + s)) / n;
            }
        }
        assertThat(result.perExample().data()).containsExactly(expected, within(1e-12));
        assertThat(result.gradients().get("prob").data()).containsExactly(expectedGrad, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aPerfectPredictionScoresZeroAndAnEmptyPairToo(String engine) {
        double[] g = {0, 1, 1, 0, 1, 0};
        var perfect = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.of(g, 1, 2, 3), "target", HostArray.of(g, 1, 2, 3)), false);
        assertThat(perfect.loss()).isCloseTo(0, within(1e-15));
        var empty = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("prob", HostArray.zeros(1, 2, 3), "target", HostArray.zeros(1, 2, 3)), false);
        assertThat(empty.loss()).as("s keeps 0/0 away: (0 + 1)/(0 + 1)").isCloseTo(0, within(1e-15));
    }

    @Test
    void refusesBadInputsByName() {
        String engine = LossTesting.engines().get(0);
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), Map.of(
                "prob", HostArray.of(new double[] {.5, .5, .5, .5}, 1, 2, 2),
                "target", HostArray.of(new double[] {0, 1, 2, 0}, 1, 2, 2)), false))
                .hasMessageContaining("target").hasMessageContaining("binary");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), Map.of(
                "prob", HostArray.of(new double[] {.5, .5, .5, .5}, 1, 2, 2),
                "target", HostArray.of(new double[] {0, 1, 1, 0}, 1, 4)), false))
                .hasMessageContaining("target").hasMessageContaining("prob");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), Map.of(
                "prob", HostArray.of(new double[] {.5, 1.5, .5, .5}, 1, 2, 2),
                "target", HostArray.of(new double[] {0, 1, 1, 0}, 1, 2, 2)), false))
                .hasMessageContaining("prob").hasMessageContaining("[0,1]");
    }
}
