package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.animation.AnimationTimer;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.losslab.analysis.LandscapeFrame;
import org.losslab.analysis.LandscapeGrid;
import org.losslab.app.LossLabApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real window, headless: training the default experiment fills the Landscape tab with grids around the current
 * parameters and the path so far, computed off the FX thread while the window keeps drawing frames. The intervals
 * between frames are printed (they are measured, not asserted: they depend on the machine).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        return WindowUiTesting.fx(read);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        WindowUiTesting.waitUntil(window, TIMEOUT_S, what, condition);
    }

    @Test
    @Order(1)
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
        // The slices through the current point are the map's middle row and column, at no extra cost.
        LineProfileChart profile = window.landscape().profile();
        waitUntil("the slices are drawn", () -> profile.data().getSeriesCount() == 2
                && profile.data().getSeries(0).getItemCount() > 10);

        // Interpolation from the start to now: the chart switches to it.
        ComboBox<LandscapeEndpoint> a = combo("#landscape-checkpoint-a");
        ComboBox<LandscapeEndpoint> b = combo("#landscape-checkpoint-b");
        assertThat(fx(() -> a.getValue().label())).isEqualTo("step 0 (start)");
        assertThat(fx(() -> b.getValue().kind())).isEqualTo(LandscapeEndpoint.Kind.NOW);
        robot.clickOn("#landscape-interpolate");
        waitUntil("the interpolation start → now is drawn", () -> profile.mode() == LineProfileChart.Mode.INTERPOLATION
                && profile.data().getSeriesCount() == 1
                && profile.data().getSeries(0).getItemCount() == org.losslab.analysis.Interpolation.POINTS);
        assertThat(fx(() -> (String) profile.data().getSeries(0).getKey())).isEqualTo("step 0 (start) → "
                + "now (current parameters)");
        assertThat(fx(() -> profile.noteProperty().get())).contains("loss").contains("→");
        assertThat(fx(() -> profile.captionProperty().get())).startsWith("barrier");

        // A plane through two recorded checkpoints: "now" is refused with a reason, two steps are taken.
        ChoiceBox<LandscapeSettingsChoice.Directions> directions = choice("#landscape-directions");
        robot.interact(() -> directions.setValue(LandscapeSettingsChoice.Directions.THROUGH_CHECKPOINTS));
        waitUntil("the refusal of 'now' as a checkpoint", () -> label("#landscape-checkpoint-status").getText()
                .contains("already goes through the current point"));
        LandscapeEndpoint second = fx(() -> a.getItems().get(a.getItems().size() - 2));
        robot.interact(() -> b.setValue(second));
        waitUntil("the map in the plane through the checkpoints", () -> map.frame() != null
                && map.frame().grid().directions().startsWith("towards two checkpoints"));
        assertThat(fx(() -> label("#landscape-checkpoint-status").getText())).startsWith("Plane through");
        robot.interact(() -> directions.setValue(LandscapeSettingsChoice.Directions.PCA_OF_TRAJECTORY));
    }

    /**
     * A comparison: the landscape follows one arm at a time; the others record their paths, so switching shows a
     * path at once. The interpolation between two arms' current parameters is one click.
     */
    @Test
    @Order(2)
    void aComparisonShowsTheLandscapeOfTheChosenArm() throws Exception {
        waitUntil("ready", () -> window.state() != MainWindow.RunState.RUNNING);
        robot.clickOn("#samples");
        robot.clickOn("spirals-noise-ce-vs-mae");
        waitUntil("the comparison is loaded", () -> window.compare().isActive()
                && window.state() == MainWindow.RunState.READY);
        TabPane tabs = (TabPane) window.root().lookup("#workspaces");
        robot.interact(() -> tabs.getSelectionModel().select(
                tabs.getTabs().stream().filter(t -> "landscape-tab".equals(t.getId())).findFirst().orElseThrow()));
        ChoiceBox<String> arm = choice("#landscape-arm");
        assertThat(fx(() -> arm.isVisible())).isTrue();
        assertThat(fx(() -> List.copyOf(arm.getItems()))).containsExactly("cross-entropy", "MAE", "focal γ=2");
        LandscapeView map = window.landscape().map();
        robot.clickOn("#train");
        waitUntil("the first arm's landscape with a path", () -> map.frame() != null
                && map.frame().trajectory().size() >= 3);
        double ceLoss = fx(() -> map.frame().grid().centreLoss());
        robot.interact(() -> arm.getSelectionModel().select(1));
        waitUntil("MAE's landscape, its path recorded while it was off screen", () -> map.frame() != null
                && map.frame().trajectory().size() >= 3);
        robot.clickOn("#pause");
        double maeLoss = fx(() -> map.frame().grid().centreLoss());
        // MAE on softmax outputs is bounded by 2/C, far below cross-entropy near the start: another run's map.
        assertThat(maeLoss).isLessThan(ceLoss);

        ComboBox<LandscapeEndpoint> a = combo("#landscape-checkpoint-a");
        LandscapeEndpoint ce = fx(() -> a.getItems().stream().filter(e -> e.kind() == LandscapeEndpoint.Kind.ARM
                && e.arm() == 0).findFirst().orElseThrow());
        assertThat(ce.label()).isEqualTo("cross-entropy (now)");
        robot.interact(() -> a.setValue(ce));
        robot.clickOn("#landscape-interpolate");
        LineProfileChart profile = window.landscape().profile();
        waitUntil("the interpolation between the two runs", () -> profile.mode() == LineProfileChart.Mode.INTERPOLATION
                && profile.data().getSeriesCount() == 1
                && ((String) profile.data().getSeries(0).getKey()).equals("cross-entropy (now) → MAE (now)"));
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(String id) {
        return (ComboBox<T>) window.root().lookup(id);
    }

    @SuppressWarnings("unchecked")
    private static <T> ChoiceBox<T> choice(String id) {
        return (ChoiceBox<T>) window.root().lookup(id);
    }

    private static javafx.scene.control.Label label(String id) {
        return (javafx.scene.control.Label) window.root().lookup(id);
    }
}
