package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompositionalNllExampleTest {
    private static final double[] DATA = {0.5, 1.5};
    private static final double[] NOISE = {-1, 0, 2};

    @Test
    void theWorkedExampleOfLossesMd() {
        // E = (x−θ)²/2, data {0.5, 1.5}, q = N(0, 2²), z = {−1, 0, 2}, θ = 0:
        // e^{−E(z)}/q(z) = 2√(2π)·e^{−3z²/8} = 3.445557, 5.013257, 1.118609; their mean u = 3.192474
        assertThat(CompositionalNllExample.partitionEstimate(NOISE, 0, 2)).isCloseTo(3.192474, within(1e-6));
        // mean E = (0.125 + 1.125)/2 = 0.625; F = 0.625 + log 3.192474 = 1.785796; exact 0.625 + log √(2π)
        assertThat(CompositionalNllExample.compositionalObjective(DATA, NOISE, 0, 2)).isCloseTo(1.785796,
                within(1e-6));
        assertThat(CompositionalNllExample.exactNll(DATA, 0)).isCloseTo(1.543939, within(1e-6));
    }

    @Test
    void nceByHand() {
        // c = log √(2π): G(v) = −(v−θ)²/2 − c − log q(v) = log(model density / noise density);
        // at θ = 0: G(0.5) = 0.599397, G(1.5) = −0.150603, G(−1) = 0.318147, G(0) = log 2, G(2) = −0.806853.
        // L = [log(1+e^{−0.599397}) + log(1+e^{0.150603})]/2 + [log(1+e^{0.318147}) + log 3 + log(1+e^{−0.806853})]/3
        //   = (0.437702 + 0.771281)/2 + (0.864820 + 1.098612 + 0.368981)/3 = 1.381962
        double c = CompositionalNllExample.LOG_PARTITION;
        assertThat(CompositionalNllExample.logOdds(0, 0, c, 2)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(CompositionalNllExample.nce(DATA, NOISE, 0, c, 2)).isCloseTo(1.381962, within(1e-6));
        // θ = 1: G(0.5) = 0.599397, G(1.5) = 0.849397, G(−1) = −1.181853, G(0) = 0.193147, G(2) = log 2
        assertThat(CompositionalNllExample.nce(DATA, NOISE, 1, c, 2)).isCloseTo(1.117041, within(1e-6));
    }

    @Test
    void theProfiledNormaliserZeroesTheGradientInC() {
        double c = CompositionalNllExample.optimalLogNormaliser(DATA, NOISE, 0.7, 2);
        double h = 1e-5;
        double slope = (CompositionalNllExample.nce(DATA, NOISE, 0.7, c + h, 2)
                - CompositionalNllExample.nce(DATA, NOISE, 0.7, c - h, 2)) / (2 * h);
        assertThat(slope).isCloseTo(0, within(1e-8));
        assertThat(CompositionalNllExample.nce(DATA, NOISE, 0.7, c, 2))
                .isLessThan(CompositionalNllExample.nce(DATA, NOISE, 0.7, c + 0.1, 2));
    }

    @Test
    void bothOptimisersApproachTheTrueMean() {
        for (long seed : new long[] {7, 11, 2024}) {
            CompositionalNllExample.Settings d = CompositionalNllExample.Settings.defaults();
            CompositionalNllExample.Settings s = new CompositionalNllExample.Settings(d.trueMean(), d.dataSize(),
                    d.noiseSigma(), d.noiseSize(), seed, d.start(), d.steps(), d.batch(), d.gamma(),
                    d.compositionalRate(), d.nceRate());
            CompositionalNllExample example = CompositionalNllExample.run(s);
            double mu = s.trueMean();
            // 500 points from N(1.5, 1): the data mean is within 4 standard errors (0.18) of μ
            assertThat(example.dataMean()).isCloseTo(mu, within(0.18));
            CompositionalNllExample.Path comp = example.compositionalPath();
            CompositionalNllExample.Path nce = example.ncePath();
            assertThat(comp.steps()).isEqualTo(400);
            assertThat(comp.theta(0)).isEqualTo(-2.0);
            assertThat(nce.theta(0)).isEqualTo(-2.0);
            assertThat(comp.last()).as("compositional, seed %d", seed).isCloseTo(mu, within(0.3));
            assertThat(nce.last()).as("NCE, seed %d", seed).isCloseTo(mu, within(0.3));
            // and they got there: the last 50 iterates all stay near the data mean, far from the start
            for (int k = 350; k <= 400; k++) {
                assertThat(Math.abs(comp.theta(k) - example.dataMean())).isLessThan(0.35);
                assertThat(Math.abs(nce.theta(k) - example.dataMean())).isLessThan(0.35);
            }
            // NCE's c learns the log-partition function log √(2π) = 0.918939
            assertThat(nce.logNormalisers()[400]).isCloseTo(CompositionalNllExample.LOG_PARTITION, within(0.25));
        }
    }

    @Test
    void theCurvesAreMinimisedNearTheDataMean() {
        CompositionalNllExample example = CompositionalNllExample.run(CompositionalNllExample.Settings.defaults());
        double mean = example.dataMean();
        // the exact NLL is a parabola with its vertex at the data mean
        assertThat(example.exactNll(mean)).isLessThan(example.exactNll(mean + 0.01));
        assertThat(example.exactNll(mean)).isLessThan(example.exactNll(mean - 0.01));
        assertThat(argmin(example::compositionalObjective)).isCloseTo(mean, within(0.2));
        assertThat(argmin(example::nceProfile)).isCloseTo(mean, within(0.2));
    }

    private static double argmin(java.util.function.DoubleUnaryOperator f) {
        double best = Double.NaN;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double t = -3; t <= 4; t += 0.01) {
            double v = f.applyAsDouble(t);
            if (v < bestValue) {
                bestValue = v;
                best = t;
            }
        }
        return best;
    }

    @Test
    void badSettingsAreRefusedByName() {
        CompositionalNllExample.Settings d = CompositionalNllExample.Settings.defaults();
        assertThatThrownBy(() -> new CompositionalNllExample.Settings(d.trueMean(), d.dataSize(), 0, d.noiseSize(),
                d.seed(), d.start(), d.steps(), d.batch(), d.gamma(), d.compositionalRate(), d.nceRate()))
                .hasMessageContaining("noiseSigma");
        assertThatThrownBy(() -> new CompositionalNllExample.Settings(d.trueMean(), d.dataSize(), 2, d.noiseSize(),
                d.seed(), d.start(), d.steps(), d.batch(), 1.5, d.compositionalRate(), d.nceRate()))
                .hasMessageContaining("gamma");
    }
}
