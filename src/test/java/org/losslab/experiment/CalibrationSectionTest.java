package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.calibration.CalibrationSettings;

/** The {@code calibration} section: the sample's settings, defaults, and every bad value refused by field name. */
class CalibrationSectionTest {
    private static final String SAMPLE = "blobs-ca-vs-temperature.json";

    private static ExperimentSpec sample() throws ExperimentException {
        return Experiments.sample(SAMPLE);
    }

    private static ExperimentSpec withCalibration(ExperimentSpec.Calibration c) throws ExperimentException {
        ExperimentSpec s = sample();
        return new ExperimentSpec(s.version(), s.name(), s.description(), s.seed(), s.engine(), s.task(), s.data(),
                s.model(), s.loss(), s.optimizer(), s.batchSize(), s.steps(), s.evalEvery(), s.snapshotEvery(),
                s.compare(), s.teacher(), s.metrics(), c);
    }

    private static ExperimentSpec.Calibration calibration(List<String> methods, Long steps, Double lr,
            Map<String, Object> params) {
        return new ExperimentSpec.Calibration(methods, steps, lr, params);
    }

    private static void refused(ExperimentSpec spec, String field, String... fragments) {
        assertThatThrownBy(() -> Experiments.resolve(spec))
                .isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void theSampleResolvesToBothMethods() throws Exception {
        ResolvedExperiment r = Experiments.resolve(sample());
        CalibrationSettings s = CalibrationSection.settings(r.spec(), r.setup()).orElseThrow();
        assertThat(s.methods()).containsExactly("temperature", "ca");
        assertThat(r.setup().data().test()).isPresent();
        assertThat(s.params().real("shiftNoise")).isEqualTo(0.3);
        assertThat(s.bins()).isEqualTo(15);
        assertThat(s.seed()).isEqualTo(r.setup().seed());
    }

    @Test
    void anEmptySectionTakesTheDefaultsOfLossesMd() throws Exception {
        ResolvedExperiment r = Experiments.resolve(withCalibration(calibration(null, null, null, null)));
        CalibrationSettings s = CalibrationSection.settings(r.spec(), r.setup()).orElseThrow();
        assertThat(s.methods()).containsExactly("temperature", "ca");
        assertThat(s.caLearningRate()).isEqualTo(1e-4);
        // 10 epochs of batches of 1000 over the 1000 validation examples
        assertThat(r.setup().data().validation().size()).isEqualTo(1000);
        assertThat(s.caSteps()).isEqualTo(10);
        assertThat(s.params().integer("batchSize")).isEqualTo(1000);
        assertThat(s.params().integer("topK")).isEqualTo(4);
    }

    @Test
    void noSectionNoSettings() throws Exception {
        ResolvedExperiment r = Experiments.resolve(Experiments.defaultExperiment());
        assertThat(CalibrationSection.settings(r.spec(), r.setup())).isEmpty();
    }

    @Test
    void unknownAndRepeatedMethodsAreRefusedByIndex() throws Exception {
        refused(withCalibration(calibration(List.of("temperature", "platt"), null, null, null)),
                "calibration.methods[1]", "platt", "temperature", "ca");
        refused(withCalibration(calibration(List.of("ca", "ca"), null, null, null)), "calibration.methods[1]",
                "twice");
    }

    @Test
    void badStepsAndLearningRateAreRefusedByField() throws Exception {
        refused(withCalibration(calibration(null, 0L, null, null)), "calibration.steps");
        refused(withCalibration(calibration(null, null, -0.1, null)), "calibration.learningRate");
        refused(withCalibration(calibration(null, null, Double.NaN, null)), "calibration.learningRate");
    }

    @Test
    void badParamsAreRefusedByName() throws Exception {
        refused(withCalibration(calibration(null, null, null, Map.of("shiftNoise", -1))),
                "calibration.params.shiftNoise");
        refused(withCalibration(calibration(null, null, null, Map.of("hidden", 0))), "calibration.params.hidden");
        refused(withCalibration(calibration(null, null, null, Map.of("viewAngle", 3))),
                "calibration.params.viewAngle", "viewRotation");
    }

    @Test
    void dataWithoutATestSplitIsRefusedPointingAtTestFraction() throws Exception {
        ExperimentSpec s = sample();
        Map<String, Object> data = new LinkedHashMap<>(s.data().params());
        data.remove("testFraction");
        refused(s.withData(new ExperimentSpec.Component("blobs", data)), "data.params.testFraction", "test split");
    }

    @Test
    void badBinsAreRefusedByField() throws Exception {
        ExperimentSpec s = sample();
        ExperimentSpec withBins = new ExperimentSpec(s.version(), s.name(), s.description(), s.seed(), s.engine(),
                s.task(), s.data(), s.model(), s.loss(), s.optimizer(), s.batchSize(), s.steps(), s.evalEvery(),
                s.snapshotEvery(), s.compare(), s.teacher(), new ExperimentSpec.Metrics(null, null, 0), s.calibration());
        refused(withBins, "metrics.calibrationBins");
    }

    @Test
    void theCalibratorsLossCannotTrainTheClassifier() throws Exception {
        refused(sample().withLoss(ExperimentSpec.LossChoice.single("ca-calibration")), "loss.id", "calibration.methods");
        refused(Experiments.defaultExperiment().withLoss(new ExperimentSpec.LossChoice(null, null, List.of(
                new ExperimentSpec.Term("cross-entropy", 1.0, null), new ExperimentSpec.Term("ca-calibration", 1.0, null)))),
                "loss.terms[1].id");
    }

    @Test
    void theSectionRoundTripsThroughJson() throws Exception {
        ExperimentSpec s = sample();
        assertThat(Experiments.parse(Experiments.toJson(s), "round trip")).isEqualTo(s);
    }
}
