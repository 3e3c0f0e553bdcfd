package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ParameterSnapshot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Calibration workspace without the main window: its tab comes and goes with the experiment's calibration
 * section, and a finished run's snapshot is calibrated off the FX thread into six captioned reliability diagrams.
 */
class CalibrationViewTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    /** The sample with a short CA fit, so the test stays quick. */
    private static ResolvedExperiment quickSample() throws Exception {
        ExperimentSpec s = Experiments.sample("blobs-ca-vs-temperature.json");
        ExperimentSpec.Calibration c = s.calibration();
        return Experiments.resolve(new ExperimentSpec(s.version(), s.name(), s.description(), s.seed(), s.engine(),
                s.task(), s.data(), s.model(), s.loss(), s.optimizer(), s.batchSize(), s.steps(), s.evalEvery(),
                s.snapshotEvery(), s.compare(), s.teacher(), s.metrics(),
                new ExperimentSpec.Calibration(c.methods(), 20L, c.learningRate(), c.params())));
    }

    @Test
    void theTabFollowsTheCalibrationSectionAndTheResultArrivesCaptioned() throws Exception {
        ResolvedExperiment sample = quickSample();
        ResolvedExperiment plain = Experiments.resolve(Experiments.defaultExperiment());
        TabPane tabs = fx(() -> new TabPane(new Tab("Training")));
        CalibrationView view = fx(CalibrationView::new);
        fx(() -> {
            view.attachTo(tabs);
            view.load(sample);
            return null;
        });
        assertThat(fx(() -> tabs.getTabs().stream().map(Tab::getText).toList())).containsExactly("Training", "Calibration");
        assertThat(fx(() -> view.lookupAll(".tile").size())).isEqualTo(6);

        ParameterSnapshot untrained = new ParameterSnapshot(0,
                sample.setup().model().initialParameters(new Random(1)));
        fx(() -> {
            view.trainingFinished(sample, untrained);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.report() != null));
        assertThat(view.report().outcomes()).hasSize(6);
        List<String> titles = fx(() -> view.lookupAll(".tile-title").stream()
                .filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList());
        assertThat(titles).filteredOn(t -> t.contains("ECE")).hasSize(6);
        assertThat(titles).anyMatch(t -> t.startsWith("Temperature scaling — ECE"))
                .anyMatch(t -> t.startsWith("CA calibration — ECE")).anyMatch(t -> t.startsWith("Uncalibrated — ECE"));
        Node diagram = fx(() -> view.lookup("#reliability-ca-shifted"));
        assertThat(diagram).isInstanceOf(CalibrationDiagram.class);

        fx(() -> {
            view.load(plain);
            return null;
        });
        assertThat(fx(() -> tabs.getTabs().stream().map(Tab::getText).toList())).containsExactly("Training");
        assertThat(view.report()).isNull();
        fx(() -> {
            view.close();
            return null;
        });
    }
}
