package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.EmbeddingProjector;
import org.losslab.app.LossLabApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real window, headless: the 2-D embedding sample opens in the Embedding tab, trains with the toolbar's buttons,
 * and draws its held-out classes in the plane while recall@1 is charted; opening a classification sample afterwards
 * hands the buttons back to the single run.
 */
class EmbeddingWorkspaceUiTest {
    private static final long TIMEOUT_S = 180;
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
        return WindowUiTesting.fx(read);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        WindowUiTesting.waitUntil(window, TIMEOUT_S, what, condition);
    }

    @Test
    void theEmbeddingSampleTrainsAndDrawsItsHeldOutClasses() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        robot.clickOn("#samples");
        robot.clickOn("digits-embedding-2d-triplet");
        waitUntil("the embedding experiment is loaded", () -> window.embedding().isActive()
                && window.state() == MainWindow.RunState.READY);
        TabPane tabs = (TabPane) window.root().lookup("#workspaces");
        assertThat(fx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("embedding-tab");
        EmbeddingWorkspace embedding = window.embedding();
        waitUntil("the untrained embedding is drawn", () -> embedding.shown() != null);

        robot.clickOn("#train");
        waitUntil("a few evaluations", () -> embedding.recallPoints(0) >= 3);
        robot.clickOn("#pause");
        waitUntil("paused", () -> window.state() == MainWindow.RunState.PAUSED);
        EmbeddingProjector.Projection shown = fx(embedding::shown);
        assertThat(shown.method()).isEqualTo(EmbeddingProjector.Method.RAW);
        assertThat(shown.frame().size()).isGreaterThan(100);
        String metrics = fx(() -> ((Label) window.root().lookup("#embedding-metrics")).getText());
        assertThat(metrics).contains("held-out classes").contains("recall@1");
        String note = fx(() -> ((Label) window.root().lookup("#embedding-note")).getText());
        assertThat(note).startsWith("The plane of the triplet-margin embedding");

        // Clicking a point pins it: its image and nearest neighbours are shown.
        waitUntil("the picture is drawn", () -> embedding.drawnAt(0) != null);
        double[] at = fx(() -> embedding.drawnAt(0));
        javafx.geometry.Point2D onScreen = fx(() -> embedding.canvas().localToScreen(at[0], at[1]));
        robot.clickOn(onScreen);
        waitUntil("the point is pinned", () -> embedding.pinned() >= 0);
        int pinned = fx(embedding::pinned);
        double[] p = fx(() -> embedding.drawnAt(pinned));
        assertThat(Math.hypot(p[0] - at[0], p[1] - at[1])).isLessThanOrEqualTo(10);

        robot.clickOn("#samples");
        robot.clickOn("spirals-cross-entropy");
        waitUntil("the single sample is loaded", () -> !window.embedding().isActive()
                && window.state() == MainWindow.RunState.READY);
    }

    @Test
    void neighboursAreTheNearestOthersInTheEmbeddingSpace() {
        double[][] points = {{0, 0}, {1, 0}, {0, 3}, {0.5, 0.1}, {10, 10}};
        assertThat(EmbeddingWorkspace.neighbours(points, 0, 3)).containsExactly(3, 1, 2);
        assertThat(EmbeddingWorkspace.neighbours(points, 4, 10)).hasSize(4).doesNotContain(4);
    }
}
