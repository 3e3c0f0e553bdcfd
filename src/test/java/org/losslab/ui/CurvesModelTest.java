package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.train.MetricPoint;
import org.losslab.viz.Curve;

class CurvesModelTest {

    private static List<MetricPoint> losses(double... values) {
        return java.util.stream.IntStream.range(0, values.length)
                .mapToObj(i -> new MetricPoint(10L * i, "train", "loss", values[i]))
                .toList();
    }

    @Test
    void accumulatesPointsPerMetricAndIgnoresOthers() {
        CurvesModel m = new CurvesModel();
        m.addAll(losses(1.0, 0.5));
        m.addAll(List.of(new MetricPoint(20, "val", "accuracy", 0.75), new MetricPoint(20, "test", "loss", 0.3),
                new MetricPoint(20, "train", "ece", 0.1)));
        assertThat(m.size(CurvesModel.TRAIN_LOSS)).isEqualTo(2);
        assertThat(m.size(CurvesModel.VAL_ACCURACY)).isEqualTo(1);
        assertThat(m.totalPoints()).isEqualTo(3);
        assertThat(m.last(CurvesModel.TRAIN_LOSS)).isEqualTo(0.5);
        assertThat(m.last(CurvesModel.VAL_LOSS)).isNaN();
        Curve c = m.displayed(CurvesModel.TRAIN_LOSS);
        assertThat(c.x()).containsExactly(0, 10);
        assertThat(c.name()).isEqualTo("train loss");
        assertThat(CurvesModel.label(CurvesModel.VAL_ACCURACY)).isEqualTo("validation accuracy");
    }

    @Test
    void growsPastItsInitialCapacity() {
        CurvesModel m = new CurvesModel();
        double[] v = new double[1000];
        java.util.Arrays.fill(v, 1);
        m.addAll(losses(v));
        assertThat(m.displayed(CurvesModel.TRAIN_LOSS).size()).isEqualTo(1000);
    }

    @Test
    void smoothingChangesTheDisplayNotTheData() {
        CurvesModel m = new CurvesModel();
        m.addAll(losses(4, 0, 4, 0));
        long layout = m.layoutVersion();
        m.setSmoothing(0.5);
        assertThat(m.layoutVersion()).isNotEqualTo(layout);
        double[] y = m.displayed(CurvesModel.TRAIN_LOSS).y();
        assertThat(y[0]).isCloseTo(4, within(1e-12));
        assertThat(y[1]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(m.last(CurvesModel.TRAIN_LOSS)).isZero();
        assertThatThrownBy(() -> m.setSmoothing(1.5)).hasMessageContaining("smoothing must be in [0, 0.99]");
        assertThat(m.smoothing()).isEqualTo(0.5);
    }

    @Test
    void logScaleHidesLossesThatAreNotPositiveAndCountsThem() {
        CurvesModel m = new CurvesModel();
        m.addAll(losses(1.0, 0.0, 0.25, -0.1));
        m.addAll(List.of(new MetricPoint(0, "train", "accuracy", 0.0)));
        assertThat(m.hiddenOnLogScale()).isZero();
        m.setLogScale(true);
        Curve c = m.displayed(CurvesModel.TRAIN_LOSS);
        assertThat(c.y()).containsExactly(1.0, 0.25);
        assertThat(c.x()).containsExactly(0, 20);
        assertThat(m.hiddenOnLogScale()).isEqualTo(2);
        // Accuracy has its own linear axis: a zero accuracy stays.
        assertThat(m.displayed(CurvesModel.TRAIN_ACCURACY).size()).isEqualTo(1);
    }

    @Test
    void clearStartsOverAndForcesARebuild() {
        CurvesModel m = new CurvesModel();
        m.addAll(losses(1, 2));
        long layout = m.layoutVersion();
        m.clear();
        assertThat(m.totalPoints()).isZero();
        assertThat(m.layoutVersion()).isNotEqualTo(layout);
    }
}
