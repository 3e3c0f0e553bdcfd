package org.losslab.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.data.BlobsSource;
import org.losslab.data.Batch;
import org.losslab.data.DataSplit;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Precision;
import org.losslab.model.Mlp;
import org.losslab.model.Model;
import org.losslab.param.ParamValues;

/**
 * Post-hoc calibration of a hand-set, over-confident linear classifier of three overlapping blobs (logits
 * 12·⟨x, centre_k⟩): no training, so the numbers are quick to get and fixed.
 */
class PostHocCalibrationTest {
    private static final Model LINEAR = new Mlp(new int[] {2}, 0, 1, "relu", 0, 3);

    private static Map<String, HostArray> overconfidentWeights() {
        double[][] w = new double[2][3];
        for (int k = 0; k < 3; k++) {
            double angle = Math.PI / 2 + 2 * Math.PI * k / 3;
            w[0][k] = 12 * Math.cos(angle);
            w[1][k] = 12 * Math.sin(angle);
        }
        Map<String, HostArray> p = new LinkedHashMap<>();
        p.put("dense0.w", HostArray.matrix(w));
        p.put("dense0.b", HostArray.vector(0, 0, 0));
        return p;
    }

    private static DataSplit blobs() {
        return new BlobsSource().load(Map.of("n", 900, "noise", 0.35, "validationFraction", 0.4, "testFraction", 0.4), 5);
    }

    private static CalibrationSettings settings(List<String> methods) {
        ParamValues params = ParamValues.resolve("calibration", CalibrationSettings.PARAMS, Map.of("shiftNoise", 0.4));
        return new CalibrationSettings(methods, 150, 0.01, params, 10, 3);
    }

    @Test
    void temperatureScalingAndCaCalibrateAnOverconfidentClassifier() {
        CalibrationReport r = PostHocCalibration.run(Engines.DEFAULT, LINEAR, overconfidentWeights(), blobs(),
                settings(List.of("temperature", "ca")));
        assertThat(r.methods()).containsExactly("uncalibrated", "temperature", "ca");
        assertThat(r.outcomes()).hasSize(6);
        assertThat(r.validationSize()).isEqualTo(360);
        assertThat(r.testSize()).isEqualTo(360);
        for (String condition : List.of(CalibrationReport.IN_DISTRIBUTION, CalibrationReport.SHIFTED)) {
            CalibrationReport.Outcome raw = r.outcome("uncalibrated", condition).orElseThrow();
            CalibrationReport.Outcome ts = r.outcome("temperature", condition).orElseThrow();
            CalibrationReport.Outcome ca = r.outcome("ca", condition).orElseThrow();
            assertThat(raw.meanTemperature()).isEqualTo(1);
            assertThat(raw.reliability()).hasSize(10);
            // a temperature never changes the arg-max
            assertThat(ts.accuracy()).isEqualTo(raw.accuracy());
            assertThat(ca.accuracy()).isEqualTo(raw.accuracy());
            assertThat(ts.ece()).as("temperature scaling, " + condition).isLessThan(raw.ece());
            assertThat(ts.nll()).as("temperature scaling, " + condition).isLessThan(raw.nll());
            assertThat(ca.meanTemperature()).isBetween(TemperatureNet.MIN_T, TemperatureNet.MAX_T);
            assertThat(ca.correctnessAuroc()).isBetween(0.0, 1.0);
            assertThat(ca.ece()).isBetween(0.0, 1.0);
        }
        CalibrationReport.Outcome raw = r.outcome("uncalibrated", CalibrationReport.IN_DISTRIBUTION).orElseThrow();
        assertThat(raw.ece()).as("the classifier is over-confident").isGreaterThan(0.05);
        assertThat(r.outcome("uncalibrated", CalibrationReport.SHIFTED).orElseThrow().accuracy())
                .isLessThan(raw.accuracy());
        assertThat(r.outcome("temperature", CalibrationReport.IN_DISTRIBUTION).orElseThrow().meanTemperature())
                .isGreaterThan(1.5);
        double[] curve = r.fits().get(1).lossCurve();
        assertThat(curve).hasSize(150);
        assertThat(curve[149]).isLessThan(curve[0]);
        assertThat(r.table()).contains("Temperature scaling").contains("CA calibration").contains("shifted");
    }

    @Test
    void enginesAgreeOnTheWholeReport() {
        List<String> engines = Engines.ids();
        CalibrationReport first = PostHocCalibration.run(engines.get(0), LINEAR, overconfidentWeights(), blobs(),
                settings(List.of("ca", "temperature")));
        for (String engine : engines.subList(1, engines.size())) {
            CalibrationReport other = PostHocCalibration.run(engine, LINEAR, overconfidentWeights(), blobs(),
                    settings(List.of("ca", "temperature")));
            for (int i = 0; i < first.outcomes().size(); i++) {
                CalibrationReport.Outcome a = first.outcomes().get(i);
                CalibrationReport.Outcome b = other.outcomes().get(i);
                assertThat(b.method()).isEqualTo(a.method());
                assertThat(b.ece()).as("%s %s ECE", a.method(), a.condition()).isCloseTo(a.ece(), within(1e-6));
                assertThat(b.nll()).as("%s %s NLL", a.method(), a.condition()).isCloseTo(a.nll(), within(1e-6));
            }
        }
    }

    @Test
    void caFeaturesAreEachViewsProbabilitiesAtTheOriginalTopClasses() {
        // logits [3, 1, 0] → top-2 classes (0, 1); an identity view gives softmax([3, 1, 0]) at those classes
        Map<String, HostArray> p = new LinkedHashMap<>();
        p.put("dense0.w", HostArray.matrix(new double[][] {{3, 1, 0}, {0, 0, 0}}));
        p.put("dense0.b", HostArray.vector(0, 0, 0));
        Batch one = new Batch(new double[] {1, 0}, new int[] {0}, new int[] {2});
        try (Engine e = Engines.create(Engines.DEFAULT, Precision.FLOAT64);
                FrozenClassifier classifier = new FrozenClassifier(e, LINEAR, p)) {
            CalibrationSet set = classifier.evaluate(one);
            double[] phi = CaCalibrator.features(set, classifier,
                    List.of(InputTransform.identity(), InputTransform.scaling(0)), 2);
            double sum = Math.exp(3) + Math.exp(1) + 1;
            assertThat(phi).containsExactly(new double[] {Math.exp(3) / sum, Math.exp(1) / sum, 1 / 3.0, 1 / 3.0},
                    within(1e-12));
        }
    }

    @Test
    void correctnessAurocIsTheShareOfRightOverWrongPairs() {
        // confidences: right 0.9, right 0.6, wrong 0.7, wrong 0.6 → pairs (0.9>0.7) (0.9>0.6) (0.6<0.7) (0.6=0.6)
        double l9 = Math.log(0.9 / 0.1);
        double l6 = Math.log(0.6 / 0.4);
        double l7 = Math.log(0.7 / 0.3);
        double[] logits = {l9, 0, l6, 0, l7, 0, 0, l6};
        var m = org.losslab.analysis.ClassificationMetrics.of(logits, 2, new int[] {0, 0, 1, 0});
        assertThat(PostHocCalibration.correctnessAuroc(m, new int[] {0, 0, 1, 0}))
                .isCloseTo((1 + 1 + 0 + 0.5) / 4, within(1e-12));
        var allRight = org.losslab.analysis.ClassificationMetrics.of(logits, 2, new int[] {0, 0, 0, 1});
        assertThat(PostHocCalibration.correctnessAuroc(allRight, new int[] {0, 0, 0, 1})).isNaN();
    }

    @Test
    void dataWithoutATestSplitIsRefused() {
        DataSplit noTest = new BlobsSource().load(Map.of("n", 300), 1);
        assertThatThrownBy(() -> PostHocCalibration.run(Engines.DEFAULT, LINEAR, overconfidentWeights(), noTest,
                settings(List.of("temperature")))).hasMessageContaining("test split");
    }

    @Test
    void aSnapshotWithoutTheModelsParametersIsRefusedByName() {
        try (Engine e = Engines.create(Engines.DEFAULT, Precision.FLOAT64)) {
            assertThatThrownBy(() -> new FrozenClassifier(e, LINEAR, Map.of("dense0.w", HostArray.zeros(2, 3))))
                    .hasMessageContaining("dense0.b");
        }
    }
}
