package org.losslab.loss.hyperbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The double twin against the worked examples of LOSSES.md (hyp-ce, hyp-pc) and the ball's identities. */
class HostPoincareBallTest {
    private final HostPoincareBall ball = new HostPoincareBall(0.1);

    /** LOSSES.md hyp-ce: a = [[1,0],[−1,.5]], p = [[.1,0],[0,.2]], x = expmap0([.5,.5]), c = .1. */
    @Test
    void hypCeWorkedExampleLogits() {
        double[][] x = {ball.expmap0(new double[] {0.5, 0.5})};
        double[][] logits = ball.mlrLogitsFromRaw(x, new double[][] {{1, 0}, {-1, 0.5}},
                new double[][] {{0.1, 0}, {0, 0.2}});
        assertThat(logits[0][0]).isCloseTo(1.612948, within(1e-6));
        assertThat(logits[0][1]).isCloseTo(-1.456890, within(1e-6));
        double ce = Math.log(Math.exp(logits[0][0]) + Math.exp(logits[0][1])) - logits[0][0];
        assertThat(ce).isCloseTo(0.045383, within(1e-6));
    }

    /** LOSSES.md hyp-pc: u = [.5,0], v = [0,.5] → ‖(−u)⊕v‖ = 0.706879, which needs the 1e-5 in the denominator. */
    @Test
    void mobiusAdditionMatchesTheHypPcExample() {
        double[] w = ball.mobiusAdd(new double[] {-0.5, 0}, new double[] {0, 0.5});
        double norm = Math.sqrt(HostPoincareBall.dot(w, w));
        assertThat(norm).isCloseTo(0.706879, within(1e-6));
        double sqrtC = Math.sqrt(0.1);
        assertThat(2 / sqrtC * Math.atan(sqrtC * norm)).isCloseTo(1.390892, within(1e-6));
        double artanh = 0.5 * Math.log((1 + sqrtC * norm) / (1 - sqrtC * norm));
        assertThat(2 / sqrtC * artanh).isCloseTo(1.438037, within(1e-6));
    }

    @Test
    void mobiusAdditionHasTheOriginAsIdentityAndNegativesAsInverses() {
        double[] x = {0.7, -1.1, 0.4};
        double[] zero = {0, 0, 0};
        assertThat(ball.mobiusAdd(zero, x)).containsExactly(scaled(x, 1 / (1 + 1e-5)), within(1e-15));
        assertThat(ball.mobiusAdd(new double[] {-0.7, 1.1, -0.4}, x)).containsExactly(zero, within(1e-15));
    }

    @Test
    void expmap0StaysInsideTheBallAndKeepsTheDirection() {
        double[] v = {30, 40};
        double[] x = ball.expmap0(v);
        double norm = Math.sqrt(HostPoincareBall.dot(x, x));
        assertThat(norm).isLessThan(ball.radius()).isCloseTo(Math.tanh(Math.sqrt(0.1) * 50) / Math.sqrt(0.1), within(1e-12));
        assertThat(x[1] / x[0]).isCloseTo(4.0 / 3, within(1e-12));
        // A short vector maps to almost itself: the ball looks Euclidean near its centre.
        assertThat(ball.expmap0(new double[] {1e-4, 0})[0]).isCloseTo(1e-4, within(1e-11));
    }

    @Test
    void expmapAtTheOriginIsExpmap0UpToTheMobiusEpsilon() {
        double[] v = {0.8, -0.3};
        assertThat(ball.expmap(new double[] {0, 0}, v))
                .containsExactly(scaled(ball.expmap0(v), 1 / (1 + 1e-5)), within(1e-14));
    }

    @Test
    void projectPullsOutsidePointsOntoTheMarginAndLeavesInsidePointsAlone() {
        double limit = (1 - 1e-5) / Math.sqrt(0.1);
        double[] outside = ball.project(new double[] {3, 4});
        assertThat(Math.sqrt(HostPoincareBall.dot(outside, outside))).isCloseTo(limit, within(1e-12));
        assertThat(ball.project(new double[] {1, -2})).containsExactly(1, -2);
    }

    @Test
    void clipNormCapsTheNormAtTheRadius() {
        double[] clipped = HostPoincareBall.clipNorm(new double[] {6, 8}, 2);
        assertThat(clipped).containsExactly(new double[] {6 * 2 / (10 + 1e-5), 8 * 2 / (10 + 1e-5)}, within(1e-15));
        assertThat(HostPoincareBall.clipNorm(new double[] {0.3, 0.4}, 2)).containsExactly(0.3, 0.4);
    }

    @Test
    void conformalFactorIsTwoAtTheCentreAndGrowsTowardsTheRim() {
        assertThat(ball.conformalFactor(new double[] {0, 0})).isEqualTo(2.0);
        assertThat(ball.conformalFactor(new double[] {3, 0})).isCloseTo(2 / (1 - 0.9), within(1e-12));
    }

    @Test
    void asinhIsOddAndAccurate() {
        for (double x : new double[] {-1e6, -3, -1e-9, 0, 1e-12, 0.5, 2, 1e8}) {
            double expected = Math.log(x + Math.sqrt(x * x + 1));
            if (x < 0) {
                expected = -Math.log(-x + Math.sqrt(x * x + 1));
            }
            assertThat(HostPoincareBall.asinh(x)).as("asinh(%s)", x)
                    .isCloseTo(expected, within(1e-15 + 1e-12 * Math.abs(expected)));
            assertThat(Math.sinh(HostPoincareBall.asinh(x))).isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
        }
        assertThat(HostPoincareBall.asinh(1e-12)).isEqualTo(1e-12);
    }

    @Test
    void theLogitOfAPointOnAHyperplaneIsZeroAndItsSignSaysTheSide() {
        double[] a = {0.3, 0.9};
        double[] p = {0.4, -0.2};
        // p itself lies on its hyperplane; a step along a moves to the positive side.
        assertThat(ball.mlrLogit(p, a, p)).isCloseTo(0, within(1e-12));
        assertThat(ball.mlrLogit(new double[] {0.4 + 0.1 * 0.3, -0.2 + 0.1 * 0.9}, a, p)).isPositive();
        assertThat(ball.mlrLogit(new double[] {0.4 - 0.1 * 0.3, -0.2 - 0.1 * 0.9}, a, p)).isNegative();
    }

    @Test
    void refusesCurvatureThatIsNotPositive() {
        assertThatThrownBy(() -> new HostPoincareBall(0)).hasMessageContaining("curvature c");
        assertThatThrownBy(() -> new HostPoincareBall(Double.NaN)).hasMessageContaining("curvature c");
    }

    private static double[] scaled(double[] x, double s) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }
}
