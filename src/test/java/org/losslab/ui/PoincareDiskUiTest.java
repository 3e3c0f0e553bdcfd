package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.app.LossLabApp;
import org.losslab.viz.PoincareDisk;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless: the hyperbolic sample puts a Poincaré-disk tile beside the decision boundary, the
 * disk fills in from the run's snapshots, and a Euclidean experiment takes the tile away again.
 */
class PoincareDiskUiTest {
    private static final long TIMEOUT_S = 120;
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

    private Tile tile(String id) {
        return robot.lookup("#" + id).queryAs(Tile.class);
    }

    @Test
    void theDiskTileFollowsTheModel() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        assertThat(tile("poincare-tile").isVisible()).as("no disk for the default MLP").isFalse();

        robot.interact(() -> window.open(Path.of("samples", "blobs-poincare.json")));
        waitUntil("the hyperbolic sample is ready", () -> !window.isResolving()
                && window.state() == MainWindow.RunState.READY
                && "poincare-mlp".equals(window.editor().id(ExperimentEditor.Part.MODEL)));
        assertThat(tile("poincare-tile").isVisible()).isTrue();
        assertThat(tile("boundary-tile").isVisible()).as("2-D blobs keep their decision boundary").isTrue();

        PoincareDiskView view = robot.lookup("#poincare-disk").queryAs(PoincareDiskView.class);
        waitUntil("the untrained model's disk arrives", () -> view.disk() != null);
        assertThat(fx(() -> view.disk().step())).isZero();
        robot.clickOn("#train");
        waitUntil("a trained disk arrives", () -> view.disk() != null && view.disk().step() >= 50);
        robot.clickOn("#pause");
        waitUntil("paused", () -> window.state() == MainWindow.RunState.PAUSED);
        PoincareDisk disk = fx(view::disk);
        assertThat(disk.hyperplanes()).hasSize(5);
        assertThat(disk.points().size()).isEqualTo(200);
        assertThat(fx(() -> tile("poincare-tile").captionProperty().get())).contains("200 points").contains("step");
        assertThat(fx(view::redraws)).isPositive();

        robot.interact(() -> window.open(Path.of("samples", "spirals-cross-entropy.json")));
        waitUntil("the Euclidean sample is ready", () -> !window.isResolving()
                && "mlp".equals(window.editor().id(ExperimentEditor.Part.MODEL)));
        assertThat(tile("poincare-tile").isVisible()).isFalse();
    }
}
