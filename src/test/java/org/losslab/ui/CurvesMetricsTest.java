package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.train.MetricPoint;
import org.losslab.viz.ClassPalette;

/** The top-k and ECE curves of the accuracy chart, the label-noise legend, and the confusion matrix's colours. */
class CurvesMetricsTest {

    @Test
    void topKPointsOfAnyKFeedOneCurveWhoseLegendNamesK() {
        CurvesModel m = new CurvesModel();
        assertThat(m.legend(CurvesModel.VAL_TOP_K)).isEqualTo("validation top-k accuracy");
        m.addAll(List.of(new MetricPoint(0, "val", "top5 accuracy", 0.4), new MetricPoint(0, "val", "ECE", 0.2),
                new MetricPoint(50, "val", "top5 accuracy", 0.9), new MetricPoint(50, "test", "top5 accuracy", 0.8),
                new MetricPoint(50, "val", "pass@4", 0.7)));
        assertThat(m.topK()).isEqualTo(5);
        assertThat(m.size(CurvesModel.VAL_TOP_K)).as("test points are not charted").isEqualTo(2);
        assertThat(m.last(CurvesModel.VAL_TOP_K)).isEqualTo(0.9);
        assertThat(m.last(CurvesModel.VAL_ECE)).isEqualTo(0.2);
        assertThat(m.legend(CurvesModel.VAL_TOP_K)).isEqualTo("validation top-5 accuracy");
        assertThat(m.displayed(CurvesModel.VAL_TOP_K).name()).isEqualTo("validation top-5 accuracy");
        assertThat(m.legend(CurvesModel.VAL_ECE)).isEqualTo("validation ECE (calibration error)");
        m.clear();
        assertThat(m.topK()).isZero();
        assertThat(m.size(CurvesModel.VAL_TOP_K)).isZero();
    }

    @Test
    void noisyTrainingLabelsSayWhichAccuracyCountsAgainstWhichLabels() {
        CurvesModel m = new CurvesModel();
        long before = m.layoutVersion();
        m.setNoisyTrainingLabels(true);
        assertThat(m.layoutVersion()).as("the legend is rebuilt").isGreaterThan(before);
        assertThat(m.legend(CurvesModel.TRAIN_ACCURACY)).isEqualTo("train accuracy (noisy labels)");
        assertThat(m.legend(CurvesModel.VAL_ACCURACY)).isEqualTo("validation accuracy (clean labels)");
        assertThat(m.legend(CurvesModel.VAL_LOSS)).isEqualTo("validation loss");
        m.setNoisyTrainingLabels(false);
        assertThat(m.legend(CurvesModel.VAL_ACCURACY)).isEqualTo("validation accuracy");
    }

    @Test
    void confusionCellsAreColouredByTheirShareOfTheRow() {
        assertThat(ConfusionMatrixView.cellColour(0, 10, false)).isEqualTo(0xFFFFFFFF);
        assertThat(ConfusionMatrixView.cellColour(0, 0, true)).isEqualTo(0xFFFFFFFF);
        assertThat(ConfusionMatrixView.cellColour(10, 10, true)).as("a whole row right").isEqualTo(0xFF1F77B4);
        assertThat(ConfusionMatrixView.cellColour(10, 10, false)).as("a whole row wrong").isEqualTo(0xFFD62728);
        // row-normalised: 5 of 10 in a small class is as dark as 50 of 100 in a large one
        assertThat(ConfusionMatrixView.cellColour(5, 10, true)).isEqualTo(ConfusionMatrixView.cellColour(50, 100, true));
        // a single mistake among many is still tinted, lighter than two
        int one = ConfusionMatrixView.cellColour(1, 1000, false);
        int two = ConfusionMatrixView.cellColour(2, 1000, false);
        assertThat(one).isNotEqualTo(0xFFFFFFFF);
        assertThat(ClassPalette.luma(one)).isGreaterThan(ClassPalette.luma(two));
    }
}
