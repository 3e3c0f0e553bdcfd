package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.app.LossLabApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle): train, watch points and steps arrive, pause, switch the loss, reset and
 * retrain; then the refusals a student meets. One window for the whole class: starting an engine is the slow part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LossLabWindowUiTest {
    private static final long TIMEOUT_S = 40;
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

    /** Reads on the FX thread, where the window's state lives. */
    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + "; status: " + fx(() -> window.statusBar().text()),
                    e);
        }
    }

    private static int trainLossPoints() throws Exception {
        return fx(() -> window.curves().model().size(CurvesModel.TRAIN_LOSS));
    }

    @Test
    @Order(1)
    void trainPauseSwitchTheLossAndRetrain() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        assertThat(robot.lookup("#train").queryAs(Button.class).getText()).isEqualTo("Train");

        robot.clickOn("#train");
        waitUntil("curves have points and steps are counted",
                () -> window.curves().model().size(CurvesModel.TRAIN_LOSS) >= 2 && window.completedSteps() > 0);
        long seen = fx(window::completedSteps);
        waitUntil("the step counter grows", () -> window.completedSteps() > seen);
        assertThat(fx(() -> window.boundary().map())).isNotNull();

        robot.clickOn("#pause");
        waitUntil("the run reports that it is paused", () -> window.state() == MainWindow.RunState.PAUSED);
        long pausedAt = fx(window::completedSteps);
        Thread.sleep(300); // the step in flight when Pause was pressed may still report
        long settled = fx(window::completedSteps);
        assertThat(settled).isBetween(pausedAt, pausedAt + 1);
        Thread.sleep(1000);
        assertThat(fx(window::completedSteps)).as("no steps while paused").isEqualTo(settled);
        assertThat(robot.lookup("#train").queryAs(Button.class).getText()).isEqualTo("Resume");

        robot.clickOn("#loss");
        robot.clickOn("Focal loss  ·  focal");
        waitUntil("the focal loss is loaded", () -> !window.isResolving()
                && "focal".equals(window.editor().id(ExperimentEditor.Part.LOSS))
                && window.state() != MainWindow.RunState.PAUSED);
        assertThat(fx(() -> window.panel().formulaCard().nameText())).isEqualTo("Focal loss");

        robot.clickOn("#reset");
        assertThat(trainLossPoints()).as("reset clears the curves").isLessThanOrEqualTo(1);
        robot.clickOn("#train");
        waitUntil("the focal run has new points", () -> window.curves().model().size(CurvesModel.TRAIN_LOSS) >= 3
                && window.completedSteps() > 0);
        // Focal loss down-weights easy examples: its values sit well below cross-entropy's ~0.7 at the start.
        double firstFocal = fx(() -> window.curves().model().displayed(CurvesModel.TRAIN_LOSS).y()[0]);
        assertThat(firstFocal).isLessThan(0.5);
        robot.clickOn("#pause");
        waitUntil("paused again", () -> window.state() == MainWindow.RunState.PAUSED);
    }

    @Test
    @Order(2)
    void aDivergencePausesWithAdviceAndALowerRateContinues() throws Exception {
        robot.doubleClickOn("#learning-rate").eraseText(8).write("1000").type(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#train");
        waitUntil("the run diverges", () -> window.state() == MainWindow.RunState.DIVERGED);
        assertThat(fx(() -> window.statusBar().text())).contains("diverged").contains("smaller learning rate");
        assertThat(robot.lookup("#learning-rate").queryAs(TextField.class).getStyleClass()).contains("attention");
        assertThat(robot.lookup("#train").queryAs(Button.class).getText()).isEqualTo("Resume");
        long restoredTo = fx(window::completedSteps);

        robot.doubleClickOn("#learning-rate").eraseText(8).write("0.01").type(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#train");
        waitUntil("training goes on past the divergence", () -> window.state() == MainWindow.RunState.RUNNING
                && window.completedSteps() > restoredTo + 5);
        robot.clickOn("#pause");
        waitUntil("paused", () -> window.state() == MainWindow.RunState.PAUSED);
        assertThat(fx(() -> window.editor().learningRate())).isEqualTo(0.01);
    }

    @Test
    @Order(3)
    void badInputIsRefusedByNameAndTheLoadedExperimentStays() throws Exception {
        String loaded = fx(() -> window.editor().id(ExperimentEditor.Part.LOSS));

        robot.doubleClickOn("#param-gamma").eraseText(8).write("-1").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(fx(() -> window.statusBar().text())).contains("'gamma'").contains("[0, ∞)");
        assertThat(robot.lookup("#param-gamma").queryAs(TextField.class).getText()).isEqualTo("2.0");
        assertThat(fx(() -> window.panel().sheet(ExperimentEditor.Part.LOSS).errorText())).contains("gamma");

        robot.doubleClickOn("#learning-rate").eraseText(8).write("fast").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(fx(() -> window.statusBar().text())).contains("'learningRate'").contains("must be a number");
        assertThat(robot.lookup("#learning-rate").queryAs(TextField.class).getText()).isEqualTo("0.01");

        Path dir = Files.createTempDirectory("losslab-ui");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"version\": 1, \"data\": { \"id\": \"spirals\" }, \"batchSize\": \"many\" }");
        robot.interact(() -> window.open(broken));
        assertThat(fx(() -> window.statusBar().text())).contains("broken.json").contains("batchSize");

        Path unknownData = dir.resolve("unknown.json");
        Files.writeString(unknownData, "{ \"data\": { \"id\": \"csv\", \"params\": { \"path\": \""
                + dir.resolve("missing.csv").toString().replace("\\", "/") + "\" } }, \"model\": { \"id\": \"mlp\" } }");
        robot.interact(() -> window.open(unknownData));
        waitUntil("the missing file is refused", () -> !window.isResolving());
        assertThat(fx(() -> window.statusBar().text())).contains("missing.csv").contains("Still loaded");
        assertThat(fx(() -> window.editor().id(ExperimentEditor.Part.LOSS))).isEqualTo(loaded);
        assertThat(fx(() -> window.editor().id(ExperimentEditor.Part.DATA))).isEqualTo("spirals");
    }

    @Test
    @Order(4)
    void imageDataSaysWhyThereIsNoBoundaryAndTilesMaximise(@TempDir Path dir) throws Exception {
        robot.clickOn("#dataset");
        robot.clickOn("Digits (8×8)");
        waitUntil("the digits are loaded", () -> !window.isResolving()
                && "digits".equals(window.editor().id(ExperimentEditor.Part.DATA)));
        assertThat(fx(() -> window.boundary().isShowingPlane())).isFalse();
        assertThat(fx(() -> window.boundary().notice())).contains("No decision boundary").contains("64 features");

        robot.doubleClickOn("Accuracy");
        assertThat(fx(() -> window.board().maximisedTile().title())).isEqualTo("Accuracy");
        robot.doubleClickOn("Accuracy");
        assertThat(fx(() -> window.board().maximisedTile())).isNull();

        Path saved = dir.resolve("digits.json");
        robot.interact(() -> window.save(saved));
        assertThat(Files.readString(saved)).contains("\"digits\"").contains("\"focal\"");
    }

    @Test
    @Order(5)
    void theRegressionTaskShowsTheFittedFunctionInPlaceOfTheBoundary() throws Exception {
        robot.clickOn("#task");
        robot.clickOn("regression");
        waitUntil("the regression data is loaded", () -> !window.isResolving() && window.regression().isShowingData());
        assertThat(fx(() -> window.editor().id(ExperimentEditor.Part.DATA))).isEqualTo("function-1d");
        assertThat(fx(() -> window.board().lookup("#regression-tile").isVisible())).isTrue();
        assertThat(fx(() -> window.board().lookup("#boundary-tile").isVisible())).isFalse();
        assertThat(fx(() -> window.board().lookup("#accuracy-tile").isVisible())).isFalse();
        // the paused run evaluates step 0: the untrained curve and its validation numbers arrive without training
        waitUntil("the untrained fit is drawn", () -> window.regression().fit() != null
                && !Double.isNaN(window.regression().validationR2()));
        assertThat(fx(() -> window.regression().fit().columns()))
                .isEqualTo(org.losslab.analysis.RegressionFitProbe.CURVE_SAMPLES);
    }
}
