package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.LandscapeFrame;
import org.losslab.analysis.LandscapeGrid;
import org.losslab.app.LossLabApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless: training the default experiment fills the Landscape tab with grids around the current
 * parameters and the path so far, computed off the FX thread while the window keeps drawing frames. The intervals
 * between frames are printed (they are measured, not asserted: they depend on the machine).
 */
class LiveLandscapeUiTest {
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

    @Test
    void trainingDrawsTheLandscapeAndThePathWhileFramesKeepComing() throws Exception {
        waitUntil("the default experiment is ready", () -> window.state() == MainWindow.RunState.READY);
        TabPane tabs = (TabPane) window.root().lookup("#workspaces");
        robot.interact(() -> tabs.getSelectionModel().select(
                tabs.getTabs().stream().filter(t -> "landscape-tab".equals(t.getId())).findFirst().orElseThrow()));
        List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.add(System.nanoTime());
            }
        };
        robot.interact(timer::start);
        robot.clickOn("#train");
        LandscapeView map = window.landscape().map();
        waitUntil("a landscape with a path of three points", () -> map.frame() != null
                && map.frame().trajectory().size() >= 3);
        LandscapeFrame frame = fx(map::frame);
        robot.interact(timer::stop);
        robot.clickOn("#pause");

        LandscapeGrid grid = frame.grid();
        int n = grid.alphas().length;
        assertThat(n).isEqualTo(41);
        assertThat(grid.step()).isPositive();
        // The grid is centred on the current parameters: the middle cell is the centre loss.
        assertThat(grid.loss(n / 2, n / 2)).isCloseTo(grid.centreLoss(), org.assertj.core.data.Offset.offset(
                1e-4 * Math.max(1, Math.abs(grid.centreLoss()))));
        assertThat(frame.trajectory().get(frame.trajectory().size() - 1).step()).isEqualTo(grid.step());
        assertThat(fx(() -> map.notice())).doesNotContain("could not");

        List<Long> gaps = new ArrayList<>();
        synchronized (pulses) {
            for (int i = 1; i < pulses.size(); i++) {
                gaps.add(pulses.get(i) - pulses.get(i - 1));
            }
        }
        assertThat(gaps).as("the FX thread kept pulsing while grids were computed").hasSizeGreaterThan(10);
        Collections.sort(gaps);
        System.out.printf(Locale.ROOT, "live landscape: %d frames while training; frame interval median %.1f ms, "
                + "p95 %.1f ms, max %.1f ms; last grid %s in %.2f s (%s)%n", gaps.size() + 1,
                gaps.get(gaps.size() / 2) / 1e6, gaps.get((int) (gaps.size() * 0.95)) / 1e6,
                gaps.get(gaps.size() - 1) / 1e6, n + "×" + n, grid.seconds(), grid.evaluation());
    }
}
