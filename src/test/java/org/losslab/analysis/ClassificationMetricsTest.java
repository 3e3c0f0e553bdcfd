package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every metric checked against numbers worked out by hand. */
class ClassificationMetricsTest {

    /**
     * Four examples over three classes, given as log-probabilities so that the softmax gives back the probabilities
     * written here:
     * <pre>
     *   probabilities        label  predicted  confidence  bin of 5
     *   0.70 0.20 0.10       0      0 ✓        0.70        (0.6, 0.8]
     *   0.50 0.30 0.20       1      0 ✗        0.50        (0.4, 0.6]
     *   0.05 0.05 0.90       2      2 ✓        0.90        (0.8, 1.0]
     *   0.15 0.65 0.20       0      1 ✗        0.65        (0.6, 0.8]   (label ranked third)
     * </pre>
     */
    private static final double[][] PROBABILITIES = {
        {0.70, 0.20, 0.10}, {0.50, 0.30, 0.20}, {0.05, 0.05, 0.90}, {0.15, 0.65, 0.20},
    };
    private static final int[] LABELS = {0, 1, 2, 0};

    private static double[] logitsOf(double[][] probabilities) {
        int classes = probabilities[0].length;
        double[] z = new double[probabilities.length * classes];
        for (int i = 0; i < probabilities.length; i++) {
            for (int c = 0; c < classes; c++) {
                z[i * classes + c] = Math.log(probabilities[i][c]) + 3.0 * i; // a per-row shift changes nothing
            }
        }
        return z;
    }

    private static ClassificationMetrics handExample() {
        return ClassificationMetrics.of(logitsOf(PROBABILITIES), 3, LABELS, 5);
    }

    @Test
    void accuracyAndTopKCountWhereTheLabelRanks() {
        ClassificationMetrics m = handExample();
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.topK(1)).isEqualTo(0.5);
        // top-2 adds example 1 (label second at 0.30) but not example 3 (label third at 0.15)
        assertThat(m.topK(2)).isEqualTo(0.75);
        assertThat(m.topK(3)).isEqualTo(1.0);
        assertThat(m.topK(7)).as("k beyond the classes").isEqualTo(1.0);
    }

    @Test
    void nllIsTheMeanNegativeLogProbabilityOfTheLabel() {
        double expected = -(Math.log(0.70) + Math.log(0.30) + Math.log(0.90) + Math.log(0.15)) / 4;
        assertThat(handExample().nll()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void eceAndReliabilityBinsByHand() {
        ClassificationMetrics m = handExample();
        ClassificationMetrics.ReliabilityBin[] bins = m.reliability();
        assertThat(bins).hasSize(5);
        assertThat(bins[0].count()).isZero();
        assertThat(bins[1].count()).isZero();
        assertThat(bins[0].accuracy()).isNaN();
        assertThat(bins[0].meanConfidence()).isNaN();
        assertThat(bins[2].count()).isEqualTo(1);
        assertThat(bins[2].meanConfidence()).isCloseTo(0.50, within(1e-12));
        assertThat(bins[2].accuracy()).isEqualTo(0.0);
        assertThat(bins[3].count()).isEqualTo(2);
        assertThat(bins[3].meanConfidence()).isCloseTo((0.70 + 0.65) / 2, within(1e-12));
        assertThat(bins[3].accuracy()).isEqualTo(0.5);
        assertThat(bins[4].count()).isEqualTo(1);
        assertThat(bins[4].meanConfidence()).isCloseTo(0.90, within(1e-12));
        assertThat(bins[4].accuracy()).isEqualTo(1.0);
        assertThat(bins[3].lower()).isEqualTo(0.6);
        assertThat(bins[3].upper()).isEqualTo(0.8);
        // ECE = (1·|0 − 0.5| + 2·|0.5 − 0.675| + 1·|1 − 0.9|) / 4 = 0.95 / 4
        assertThat(m.ece()).isCloseTo(0.2375, within(1e-12));
    }

    @Test
    void aConfidenceOnABinEdgeFallsInTheBinItCloses() {
        // Two bins, (0, 0.5] and (0.5, 1]. A 50:50 tie has confidence exactly 0.5: the first bin.
        double gap = Math.log(3); // confidence 0.75
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {0, 0, gap, 0}, 2, new int[] {1, 0}, 2);
        ClassificationMetrics.ReliabilityBin[] bins = m.reliability();
        assertThat(bins[0].count()).isEqualTo(1);
        assertThat(bins[0].accuracy()).as("the tie predicts class 0, the label is 1").isEqualTo(0.0);
        assertThat(bins[1].count()).isEqualTo(1);
        assertThat(bins[1].meanConfidence()).isCloseTo(0.75, within(1e-12));
        // ECE = (|0 − 0.5| + |1 − 0.75|) / 2
        assertThat(m.ece()).isCloseTo(0.375, within(1e-12));
    }

    @Test
    void aPerfectlyCalibratedSetHasZeroEce() {
        // four examples at confidence 0.75, three of them right: accuracy equals confidence in their bin
        double gap = Math.log(3);
        double[] z = {gap, 0, gap, 0, gap, 0, 0, gap};
        ClassificationMetrics m = ClassificationMetrics.of(z, 2, new int[] {0, 0, 0, 0}, 10);
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.ece()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void confusionCountsTrueByPredicted() {
        int[][] counts = handExample().confusion();
        assertThat(counts).isDeepEqualTo(new int[][] {{1, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        counts[0][0] = 99;
        assertThat(handExample().confusion()[0][0]).as("a copy").isEqualTo(1);
        assertThat(handExample().predicted(3)).isEqualTo(1);
    }

    @Test
    void expectedPassAtNAveragesOneMinusTheChanceOfNMisses() {
        ClassificationMetrics m = handExample();
        // p_y = 0.7, 0.3, 0.9, 0.15: mean of 1 − (1 − p_y)³ = (0.973 + 0.657 + 0.999 + 0.385875) / 4
        assertThat(m.expectedPassAtN(3)).isCloseTo(0.75371875, within(1e-12));
        assertThat(m.expectedPassAtN(1)).isCloseTo((0.7 + 0.3 + 0.9 + 0.15) / 4, within(1e-12));
    }

    @Test
    void ranksByLogitsWhereProbabilitiesUnderflowToTheSameZero() {
        // e^-800 and e^-900 are both 0.0 in double: only the logits still say class 1 is second
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {-900, -800, 0}, 3, new int[] {1}, 15);
        assertThat(m.probabilities(0)[0]).isEqualTo(m.probabilities(0)[1]);
        assertThat(m.topK(2)).isEqualTo(1.0);
        assertThat(m.topK(1)).isEqualTo(0.0);
    }

    @Test
    void tiesGoToTheLowerClassInAccuracyAndConfusionAlike() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {1, 1, 0}, 3, new int[] {1}, 15);
        assertThat(m.predicted(0)).isZero();
        assertThat(m.accuracy()).isEqualTo(0.0);
        assertThat(m.confusion()[1][0]).isEqualTo(1);
        assertThat(m.topK(2)).isEqualTo(1.0);
    }

    @Test
    void anEmptySetGivesNaNNotAnException() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[0], 3, new int[0], 15);
        assertThat(m.accuracy()).isNaN();
        assertThat(m.ece()).isNaN();
        assertThat(m.expectedPassAtN(4)).isNaN();
        assertThat(m.reliability()).allSatisfy(b -> assertThat(b.count()).isZero());
    }

    @Test
    void defaultTopKIsTwoForFewClassesAndFiveOtherwise() {
        assertThat(ClassificationMetrics.defaultTopK(2)).isEqualTo(2);
        assertThat(ClassificationMetrics.defaultTopK(5)).isEqualTo(2);
        assertThat(ClassificationMetrics.defaultTopK(10)).isEqualTo(5);
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {0, 0, 0, 0, 0, 0}, 3, new int[] {2, 3}, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 of example 1").hasMessageContaining("0..2");
        assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {0, 0, 0}, 3, new int[] {-1}, 5))
                .hasMessageContaining("label -1 of example 0");
        assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {0, 0, 0, 0}, 3, new int[] {0}, 5))
                .hasMessageContaining("1 × 3").hasMessageContaining("got 4");
        assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {0, Double.NaN}, 2, new int[] {0}, 5))
                .hasMessageContaining("logit 1 of example 0 is NaN");
        assertThatThrownBy(() -> ClassificationMetrics.of(new double[] {0, 0}, 2, new int[] {0}, 0))
                .hasMessageContaining("bins");
        assertThatThrownBy(() -> handExample().topK(0)).hasMessageContaining("k of top-k");
        assertThatThrownBy(() -> handExample().expectedPassAtN(0)).hasMessageContaining("N of pass@N");
    }
}
