package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.app.LossLabApp;
import org.losslab.train.RunStatus;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless: open the comparison sample from the Samples menu, train, and see one training and
 * one validation series per arm in each chart, a boundary per arm and a table row per arm; then a single sample
 * takes the window back to the Training tab.
 */
class CompareWorkspaceUiTest {
    private static final long TIMEOUT_S = 90;
    private static LossLabApp app;
    private static MainWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        // Starting the app loads the native engines: on a busy machine that outlasts TestFX's default 30 s.
        System.setProperty("testfx.setup.timeout", "180000");
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

    private static String selectedTab() throws Exception {
        return fx(() -> robotLookupTabs().getSelectionModel().getSelectedItem().getId());
    }

    private static TabPane robotLookupTabs() {
        return (TabPane) window.root().lookup("#workspaces");
    }

    @Test
    void theComparisonSampleOpensTrainsAndShowsEveryArm() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        robot.clickOn("#samples");
        robot.clickOn("spirals-noise-ce-vs-mae");
        waitUntil("the comparison is loaded", () -> window.compare().isActive()
                && window.state() == MainWindow.RunState.READY && !window.compare().strategy().isEmpty());
        assertThat(selectedTab()).isEqualTo("compare-tab");
        CompareWorkspace compare = window.compare();
        assertThat(fx(compare::strategy)).isEqualTo("batched");
        assertThat(fx(() -> compare.curves().lossSeries())).isEqualTo(6);
        assertThat(fx(() -> compare.curves().accuracySeries())).isEqualTo(6);
        assertThat(fx(() -> compare.boundaryViews().size())).isEqualTo(3);

        robot.clickOn("#train");
        waitUntil("every arm has curve points", () -> {
            for (int arm = 0; arm < 3; arm++) {
                if (compare.curves().model(arm).size(CurvesModel.TRAIN_LOSS) < 2
                        || compare.curves().model(arm).size(CurvesModel.VAL_ACCURACY) < 2) {
                    return false;
                }
            }
            return true;
        });
        waitUntil("every arm's boundary is drawn", () -> compare.boundaryViews().stream().allMatch(v -> v.map() != null));
        robot.clickOn("#pause");
        waitUntil("paused", () -> window.state() == MainWindow.RunState.PAUSED);
        // The table refreshes a few times a second, not every frame: wait for the one after the pause.
        waitUntil("the table has a paused row per arm", () -> compare.table().getItems().size() == 3
                && compare.table().getItems().stream().allMatch(r -> Double.isFinite(r.summary().valLoss())
                        && r.summary().status() == RunStatus.PAUSED));
        assertThat(fx(() -> compare.table().getItems().get(1).summary().label())).isEqualTo("MAE");
        assertThat(fx(() -> compare.table().getItems().get(0).summary().status())).isEqualTo(RunStatus.PAUSED);
        // The arms differ: MAE's loss is bounded by 2/C, far below cross-entropy's at the start.
        double ce = fx(() -> compare.curves().model(0).displayed(CurvesModel.TRAIN_LOSS).y()[0]);
        double mae = fx(() -> compare.curves().model(1).displayed(CurvesModel.TRAIN_LOSS).y()[0]);
        assertThat(mae).isLessThan(ce);
        long paused = fx(window::completedSteps);
        robot.clickOn("#step");
        waitUntil("one step of every arm", () -> window.completedSteps() == paused + 1);

        robot.clickOn("#samples");
        robot.clickOn("spirals-cross-entropy");
        waitUntil("the single sample is loaded", () -> !window.compare().isActive()
                && window.state() == MainWindow.RunState.READY);
        assertThat(selectedTab()).isEqualTo("training-tab");
    }
}
