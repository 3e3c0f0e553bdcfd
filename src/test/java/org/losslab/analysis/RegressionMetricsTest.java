package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void mseMaeAndR2OfAWorkedExample() {
        // residuals 0, −1, 1, −1; target mean 2.75, SS_tot = 1.75² + 0.25² + 0.75² + 2.25² = 8.75
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 5}, 1);
        assertThat(m.count()).isEqualTo(4);
        assertThat(m.mse()).isCloseTo(0.75, within(1e-15));
        assertThat(m.mae()).isCloseTo(0.75, within(1e-15));
        assertThat(m.r2()).isCloseTo(1 - 3 / 8.75, within(1e-15));
    }

    @Test
    void r2IsOneForAPerfectFitZeroForTheMeanAndNegativeForWorse() {
        double[] y = {0.5, -1, 2, 3.5, 0};
        assertThat(RegressionMetrics.of(y, y, 1).r2()).isEqualTo(1.0);
        double[] mean = {1, 1, 1, 1, 1};
        assertThat(RegressionMetrics.of(mean, y, 1).r2()).isCloseTo(0.0, within(1e-15));
        double[] negated = {-0.5, 1, -2, -3.5, 0};
        assertThat(RegressionMetrics.of(negated, y, 1).r2()).isLessThan(-1);
    }

    @Test
    void severalTargetDimensionsAreCentredEachOnItsOwnMean() {
        // dimension 0 targets 0, 2 (mean 1); dimension 1 targets 10, 14 (mean 12): SS_tot = 1 + 1 + 4 + 4 = 10
        double[] targets = {0, 10, 2, 14};
        double[] predictions = {1, 10, 2, 12};
        RegressionMetrics m = RegressionMetrics.of(predictions, targets, 2);
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.mse()).isCloseTo((1 + 0 + 0 + 4) / 4.0, within(1e-15));
        assertThat(m.mae()).isCloseTo((1 + 0 + 0 + 2) / 4.0, within(1e-15));
        assertThat(m.r2()).isCloseTo(1 - 5 / 10.0, within(1e-15));
    }

    @Test
    void constantTargetsHaveNoR2() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2}, new double[] {3, 3}, 1);
        assertThat(m.r2()).isNaN();
        assertThat(m.mse()).isCloseTo(2.5, within(1e-15));
    }

    @Test
    void mismatchedOrEmptyInputsAreRefused() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[2], new double[3], 1))
                .hasMessageContaining("predictions have 2 values but targets 3");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[3], new double[3], 2))
                .hasMessageContaining("whole, non-empty rows of 2");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[0], new double[0], 1))
                .hasMessageContaining("non-empty");
    }
}
