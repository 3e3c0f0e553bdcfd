package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmoothingTest {

    @Test
    void weightZeroIsTheIdentity() {
        double[] v = {3, 1, 4, 1, 5};
        assertThat(Smoothing.ema(v, 0)).containsExactly(v);
    }

    @Test
    void debiasedAverageStartsAtTheFirstValueAndMatchesTheRecurrence() {
        double w = 0.6;
        double[] v = {2, 4, 8};
        double[] s = Smoothing.ema(v, w);
        assertThat(s[0]).isCloseTo(2, within(1e-12));
        // Naive reference: weighted mean with weights w^(t-i)(1-w), normalised.
        for (int t = 0; t < v.length; t++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i <= t; i++) {
                double weight = Math.pow(w, t - i) * (1 - w);
                num += weight * v[i];
                den += weight;
            }
            assertThat(s[t]).isCloseTo(num / den, within(1e-12));
        }
    }

    @Test
    void appendingNeverChangesEarlierValues() {
        double[] v = {5, 3, 2, 2.5, 1, 0.5};
        double[] all = Smoothing.ema(v, 0.9);
        double[] prefix = Smoothing.ema(Arrays.copyOf(v, 4), 0.9);
        assertThat(Arrays.copyOf(all, 4)).containsExactly(prefix);
    }

    @Test
    void constantStaysConstantAndNaNPassesThrough() {
        assertThat(Smoothing.ema(new double[] {7, 7, 7}, 0.95)).containsExactly(new double[] {7, 7, 7}, within(1e-9));
        double[] s = Smoothing.ema(new double[] {1, Double.NaN, 1}, 0.5);
        assertThat(s[1]).isNaN();
        assertThat(s[2]).isCloseTo(1, within(1e-12));
    }

    @Test
    void refusesAWeightOutsideItsRange() {
        assertThatThrownBy(() -> Smoothing.ema(new double[] {1}, 1.0)).hasMessageContaining("[0, 0.99]");
        assertThatThrownBy(() -> Smoothing.ema(new double[] {1}, -0.1)).hasMessageContaining("smoothing weight");
    }
}
