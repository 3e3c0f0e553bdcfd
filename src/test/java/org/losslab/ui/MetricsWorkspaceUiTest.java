package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.app.LossLabApp;
import org.losslab.experiment.Experiments;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Metrics tab of the real window, headless: what training puts into the confusion matrix and the scores. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsWorkspaceUiTest {
    private static final long TIMEOUT_S = 60;
    private static LossLabApp app;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (LossLabApp) FxToolkit.setupApplication(LossLabApp.class);
        window = app.window();
    }

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + "; status: "
                    + fx(() -> window.statusBar().text()), e);
        }
    }

    private static long confusionStep() {
        String caption = window.metrics().confusion().captionProperty().get();
        int at = caption.lastIndexOf("step ");
        return at < 0 ? -1 : Long.parseLong(caption.substring(at + 5).replace(",", ""));
    }

    @Test
    @Order(1)
    void afterSomeStepsTheConfusionMatrixCountsTheWholeValidationSet() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        robot.clickOn("Metrics");
        int validation = Experiments.resolve(Experiments.defaultExperiment()).setup().data().validation().size();
        robot.clickOn("#train");
        waitUntil("an evaluation after step 0 reached the views", () -> confusionStep() >= 50);
        robot.clickOn("#pause");
        waitUntil("paused", () -> window.state() == MainWindow.RunState.PAUSED);

        int[][] counts = fx(() -> window.metrics().confusion().counts());
        assertThat(counts).hasDimensions(2, 2);
        assertThat(Arrays.stream(counts).flatMapToInt(Arrays::stream).sum()).isEqualTo(validation);
        // two spirals of 600 points, 20 % held out, stratified: 60 per arm
        assertThat(counts[0][0] + counts[0][1]).isEqualTo(60);
        assertThat(counts[1][0] + counts[1][1]).isEqualTo(60);
        assertThat(fx(() -> window.metrics().confusion().captionProperty().get()))
                .startsWith("validation · 120 examples · step ");

        ClassificationMetrics shown = fx(() -> window.metrics().reliability().metrics());
        assertThat(Arrays.stream(shown.reliability()).mapToInt(ClassificationMetrics.ReliabilityBin::count).sum())
                .isEqualTo(validation);
        assertThat(fx(() -> window.metrics().reliability().captionProperty().get()))
                .startsWith(String.format(java.util.Locale.ROOT, "ECE %.1f %%", 100 * shown.ece()));
        assertThat(fx(() -> window.metrics().reliability().verdict()))
                .startsWith(String.format(java.util.Locale.ROOT, "accuracy %.1f %% · mean confidence",
                        100 * shown.accuracy()));
        // the diagonal of the confusion matrix is the accuracy the scores table shows
        double accuracy = (counts[0][0] + counts[1][1]) / (double) validation;
        assertThat(fx(() -> window.metrics().scores().cellTexts()).get(0))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * accuracy));
        assertThat(fx(() -> window.curves().model().size(CurvesModel.VAL_ECE))).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(2)
    void labelNoiseMakesTheViewsSayTheirLabelsAreClean() throws Exception {
        robot.clickOn("Training");
        robot.doubleClickOn("#param-labelNoise").eraseText(8).write("0.2").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil("the noisy spirals are loaded", () -> !window.isResolving()
                && window.curves().model().noisyTrainingLabels());
        assertThat(fx(() -> window.curves().model().legend(CurvesModel.VAL_ACCURACY)))
                .isEqualTo("validation accuracy (clean labels)");
        assertThat(fx(() -> window.curves().model().legend(CurvesModel.TRAIN_ACCURACY)))
                .isEqualTo("train accuracy (noisy labels)");
        waitUntil("the step-0 evaluation of the new run arrived", () -> confusionStep() == 0);
        assertThat(fx(() -> window.metrics().confusion().captionProperty().get()))
                .startsWith("validation (clean labels) · 120 examples");
        int[][] counts = fx(() -> window.metrics().confusion().counts());
        // validation labels stay clean: still 60 per arm
        assertThat(counts[0][0] + counts[0][1]).isEqualTo(60);
        assertThat(counts[1][0] + counts[1][1]).isEqualTo(60);
    }
}
