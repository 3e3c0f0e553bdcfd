package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Four 2-D points: (0,0)→0, (1,2)→1, (-3,4)→1, (5,-6)→2. */
    private static Dataset four() {
        return new Dataset("four", new int[] {2}, new double[] {0, 0, 1, 2, -3, 4, 5, -6}, new int[] {0, 1, 1, 2}, 3,
                List.of("a", "b", "c"), "test");
    }

    @Test
    void basicAccessors() {
        Dataset d = four();
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.featureSize()).isEqualTo(2);
        assertThat(d.featureShape()).containsExactly(2);
        assertThat(d.numClasses()).isEqualTo(3);
        assertThat(d.classNames()).containsExactly("a", "b", "c");
        assertThat(d.isTwoDimensional()).isTrue();
        assertThat(d.row(2)).containsExactly(-3, 4);
        assertThat(d.feature(3, 1)).isEqualTo(-6);
        assertThat(d.label(3)).isEqualTo(2);
        assertThat(d.classCounts()).containsExactly(1, 2, 1);
    }

    @Test
    void batchCopiesRowsInIndexOrder() {
        Batch b = four().batch(new int[] {3, 0, 3});
        assertThat(b.features()).containsExactly(5, -6, 0, 0, 5, -6);
        assertThat(b.labels()).containsExactly(2, 0, 2);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.shape()).containsExactly(3, 2);
    }

    @Test
    void batchIntoReusesCallerBuffers() {
        double[] x = new double[6];
        int[] y = new int[3];
        four().batchInto(new int[] {1, 2}, x, y);
        assertThat(x).containsExactly(1, 2, -3, 4, 0, 0);
        assertThat(y).containsExactly(1, 1, 0);
    }

    @Test
    void batchIndexOutOfRange() {
        assertThatThrownBy(() -> four().batch(new int[] {0, 4})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("row 4 of dataset 'four' with 4 rows");
    }

    @Test
    void subsetKeepsClassesAndSource() {
        Dataset s = four().subset(new int[] {1, 3}, "two");
        assertThat(s.name()).isEqualTo("two");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.numClasses()).isEqualTo(3);
        assertThat(s.classCounts()).containsExactly(0, 1, 1);
        assertThat(s.source()).isEqualTo("test");
        assertThat(s.features()).containsExactly(1, 2, 5, -6);
    }

    @Test
    void boundingBoxOf2dPoints() {
        BoundingBox box = four().boundingBox();
        assertThat(box).isEqualTo(new BoundingBox(-3, -6, 5, 4));
        assertThat(box.width()).isEqualTo(8);
        assertThat(box.height()).isEqualTo(10);
        assertThat(box.padded(0.1).minX()).isEqualTo(-3 - 1.0);
        assertThat(box.union(new BoundingBox(0, 0, 9, 1))).isEqualTo(new BoundingBox(-3, -6, 9, 4));
    }

    @Test
    void boundingBoxRefusedForImages() {
        Dataset img = Dataset.of("img", new int[] {1, 2, 2}, new double[] {0, 0, 0, 0}, new int[] {0}, 1);
        assertThat(img.isTwoDimensional()).isFalse();
        assertThat(img.featureSize()).isEqualTo(4);
        assertThatThrownBy(img::boundingBox).isInstanceOf(IllegalStateException.class).hasMessageContaining("[1, 2, 2]");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] x = {1, 2};
        int[] y = {0};
        int[] shape = {2};
        Dataset d = Dataset.of("d", shape, x, y, 1);
        x[0] = 99;
        y[0] = 5;
        shape[0] = 7;
        d.features()[1] = 77;
        d.labels()[0] = 3;
        d.featureShape()[0] = 9;
        assertThat(d.features()).containsExactly(1, 2);
        assertThat(d.labels()).containsExactly(0);
        assertThat(d.featureShape()).containsExactly(2);
    }

    @Test
    void nanFeatureRefusedByRowAndColumn() {
        double[] x = new double[20 * 4];
        x[17 * 4 + 3] = Double.NaN;
        assertThatThrownBy(() -> Dataset.of("bad", new int[] {4}, x, new int[20], 1))
                .isInstanceOf(DataException.class)
                .hasMessage("dataset 'bad': feature 3 of row 17 is NaN");
    }

    @Test
    void infiniteFeatureRefused() {
        assertThatThrownBy(() -> Dataset.of("bad", new int[] {2}, new double[] {0, Double.NEGATIVE_INFINITY},
                new int[] {0}, 1)).isInstanceOf(DataException.class)
                .hasMessageContaining("feature 1 of row 0 is -Infinity");
    }

    @Test
    void emptyDatasetRefused() {
        assertThatThrownBy(() -> Dataset.of("none", new int[] {2}, new double[0], new int[0], 2))
                .isInstanceOf(DataException.class)
                .hasMessage("dataset 'none': is empty: it has no examples");
    }

    @Test
    void labelOutOfRangeRefused() {
        assertThatThrownBy(() -> Dataset.of("d", new int[] {1}, new double[] {1, 2}, new int[] {0, 2}, 2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("label of row 1 is 2, outside [0, 2)");
        assertThatThrownBy(() -> Dataset.of("d", new int[] {1}, new double[] {1}, new int[] {-1}, 2))
                .hasMessageContaining("label of row 0 is -1");
    }

    @Test
    void inconsistentLengthsRefused() {
        assertThatThrownBy(() -> Dataset.of("d", new int[] {1, 2, 2}, new double[7], new int[2], 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("2 labels need 8 feature values")
                .hasMessageContaining("found 7");
    }

    @Test
    void badShapeAndClassNamesRefused() {
        assertThatThrownBy(() -> Dataset.of("d", new int[] {0}, new double[0], new int[1], 1))
                .isInstanceOf(DataException.class).hasMessageContaining("dimension below 1");
        assertThatThrownBy(() -> new Dataset("d", new int[] {1}, new double[1], new int[1], 2, List.of("x"), ""))
                .isInstanceOf(DataException.class).hasMessageContaining("1 class names given for 2 classes");
        assertThatThrownBy(() -> Dataset.of("d", new int[] {1}, new double[1], new int[1], 0))
                .isInstanceOf(DataException.class).hasMessageContaining("numClasses is 0");
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        int n = 1000;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 700 ? 0 : 1; // 70 / 30
        }
        Dataset all = Dataset.of("all", new int[] {1}, new double[n], y, 2);
        DataSplit s = DataSplit.stratified(all, 0.2, 0.1, 5);
        assertThat(s.validation().classCounts()).containsExactly(140, 60);
        assertThat(s.test()).isPresent();
        assertThat(s.test().get().classCounts()).containsExactly(70, 30);
        assertThat(s.train().classCounts()).containsExactly(490, 210);
        assertThat(s.train().name()).isEqualTo("all (train)");
    }

    @Test
    void splitPartsAreDisjointAndCoverEverything() {
        int n = 101;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        DataSplit s = DataSplit.stratified(Dataset.of("all", new int[] {1}, x, y, 3), 0.25, 0.25, 9);
        Set<Double> seen = new HashSet<>();
        for (Dataset part : List.of(s.train(), s.validation(), s.test().orElseThrow())) {
            for (double v : part.features()) {
                assertThat(seen.add(v)).as("row %s in two parts", v).isTrue();
            }
        }
        assertThat(seen).hasSize(n);
        assertThat(s.validation().size()).isEqualTo(25);
        assertThat(s.test().get().size()).isEqualTo(25);
    }

    @Test
    void splitIsSeeded() {
        double[] x = new double[200];
        java.util.Arrays.setAll(x, i -> i);
        Dataset all = Dataset.of("all", new int[] {1}, x, new int[200], 1);
        assertThat(DataSplit.stratified(all, 0.2, 0, 3)).isEqualTo(DataSplit.stratified(all, 0.2, 0, 3));
        assertThat(DataSplit.stratified(all, 0.2, 0, 3).validation().features())
                .isNotEqualTo(DataSplit.stratified(all, 0.2, 0, 4).validation().features());
    }

    @Test
    void tooFewExamplesToSplit() {
        Dataset two = Dataset.of("two", new int[] {1}, new double[2], new int[2], 1);
        assertThatThrownBy(() -> DataSplit.stratified(two, 0.5, 0.3, 1))
                .isInstanceOf(DataException.class).hasMessageContaining("has 2 examples: too few");
    }

    @Test
    void splitPartsMustFit() {
        Dataset a = Dataset.of("a", new int[] {2}, new double[2], new int[1], 1);
        Dataset b = Dataset.of("b", new int[] {3}, new double[3], new int[1], 1);
        assertThatThrownBy(() -> new DataSplit(a, b)).isInstanceOf(DataException.class)
                .hasMessageContaining("do not fit together");
    }
}
