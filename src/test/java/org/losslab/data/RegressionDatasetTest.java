package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The regression form of {@link Dataset}: real-valued targets, outlier marks, and the checks that guard them. */
class RegressionDatasetTest {

    private static Dataset three() {
        return Dataset.regression("curve", new int[] {1}, new double[] {-1, 0, 1}, new double[] {1, 0, 5}, 1,
                new boolean[] {false, false, true}, "test");
    }

    @Test
    void carriesTargetsAndOutlierMarksButNoClasses() {
        Dataset d = three();
        assertThat(d.task()).isEqualTo(Task.REGRESSION);
        assertThat(d.isRegression()).isTrue();
        assertThat(d.numClasses()).isZero();
        assertThat(d.classNames()).isEmpty();
        assertThat(d.classCounts()).isEmpty();
        assertThat(d.targetDims()).isEqualTo(1);
        assertThat(d.modelOutputs()).isEqualTo(1);
        assertThat(d.targets()).containsExactly(1, 0, 5);
        assertThat(d.target(2, 0)).isEqualTo(5);
        assertThat(d.targetsOf(new int[] {2, 0, 2})).containsExactly(5, 1, 5);
        assertThat(d.isOutlier(2)).isTrue();
        assertThat(d.isOutlier(0)).isFalse();
        assertThat(d.outlierCount()).isEqualTo(1);
        assertThat(d.toString()).contains("1-D regression targets");
    }

    @Test
    void subsetAndRenameKeepTargetsAndMarks() {
        Dataset sub = three().subset(new int[] {2, 1}, "part");
        assertThat(sub.name()).isEqualTo("part");
        assertThat(sub.features()).containsExactly(1, 0);
        assertThat(sub.targets()).containsExactly(5, 0);
        assertThat(sub.isOutlier(0)).isTrue();
        assertThat(sub.isOutlier(1)).isFalse();
        Dataset renamed = three().withName("other");
        assertThat(renamed.targets()).containsExactly(1, 0, 5);
        assertThat(renamed.outlierCount()).isEqualTo(1);
        assertThat(three()).isEqualTo(three()).isNotEqualTo(renamed);
    }

    @Test
    void severalTargetDimensionsAreRowMajor() {
        Dataset d = Dataset.regression("two", new int[] {2}, new double[] {0, 1, 2, 3}, new double[] {10, 11, 20, 21},
                2, null, "");
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.target(1, 0)).isEqualTo(20);
        assertThat(d.target(1, 1)).isEqualTo(21);
        assertThat(d.targetsOf(new int[] {1})).containsExactly(20, 21);
        assertThat(d.outlierCount()).isZero();
    }

    @Test
    void badTargetsAreRefusedByRowAndValue() {
        assertThatThrownBy(() -> Dataset.regression("bad", new int[] {1}, new double[] {0, 1},
                new double[] {0, Double.NaN}, 1, null, "")).isInstanceOf(DataException.class)
                .hasMessage("dataset 'bad': target 0 of row 1 is NaN");
        assertThatThrownBy(() -> Dataset.regression("bad", new int[] {1}, new double[] {0, 1, 2},
                new double[] {0, 1}, 1, null, "")).isInstanceOf(DataException.class)
                .hasMessageContaining("2 target rows need 2 feature values").hasMessageContaining("found 3");
        assertThatThrownBy(() -> Dataset.regression("bad", new int[] {1}, new double[] {0}, new double[] {0}, 0,
                null, "")).hasMessageContaining("targetDims is 0");
        assertThatThrownBy(() -> Dataset.regression("bad", new int[] {1}, new double[] {0}, new double[] {0}, 1,
                new boolean[2], "")).hasMessageContaining("2 outlier marks given for 1 rows");
        assertThatThrownBy(() -> Dataset.regression("bad", new int[] {1}, new double[0], new double[0], 1, null,
                "")).hasMessageContaining("is empty");
    }

    @Test
    void classificationDataHasNoTargetsAndTheTwoKindsDoNotSplitTogether() {
        Dataset labelled = Dataset.of("points", new int[] {1}, new double[] {0, 1}, new int[] {0, 1}, 2);
        assertThat(labelled.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(labelled.modelOutputs()).isEqualTo(2);
        assertThatThrownBy(labelled::targets).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classification data set");
        assertThatThrownBy(() -> new DataSplit(labelled, three(), Optional.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("do not fit together");
        assertThatThrownBy(() -> DataSplit.stratified(three(), 0.3, 0, 1))
                .hasMessageContaining("stratified split needs class labels");
    }
}
