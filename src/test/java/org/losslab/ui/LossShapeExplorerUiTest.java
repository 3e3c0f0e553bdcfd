package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.app.LossLabApp;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The loss-shape workspace in the real window, headless: open the tab, tick two losses, drag a hyperparameter's
 * slider and read the charts' datasets, which must follow.
 */
class LossShapeExplorerUiTest {
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
            throw new AssertionError("timed out waiting until " + what + "; lesson: "
                    + fx(() -> robot().lookup("#shape-lesson").queryLabeled().getText()), e);
        }
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    private static LossShapeExplorer shapes() {
        return window.shapes();
    }

    private static XYSeriesCollection losses() throws Exception {
        return fx(() -> shapes().charts(Plot.CLASSIFICATION).lossData());
    }

    private static XYSeriesCollection derivatives() throws Exception {
        return fx(() -> shapes().charts(Plot.CLASSIFICATION).derivativeData());
    }

    private static double[] ys(XYSeries s) {
        double[] y = new double[s.getItemCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = s.getY(i).doubleValue();
        }
        return y;
    }

    private static void setChecked(String id, boolean on) throws Exception {
        CheckBox box = robot().lookup(id).queryAs(CheckBox.class);
        if (fx(box::isSelected) != on) {
            // The catalogue outgrows the list's height, so a box may be scrolled out of view: fire it as a click would.
            fx(() -> {
                box.fire();
                return null;
            });
        }
    }

    @Test
    void tickTwoLossesDragASliderAndTheCurvesFollow() throws Exception {
        robot.clickOn("#loss-shapes-tab");
        waitUntil("the catalogue is listed and the first lesson is drawn",
                () -> shapes().populated() && shapes().upToDate());
        assertThat(fx(() -> robot.lookup("#experiment-panel").tryQuery().map(Node::isVisible).orElse(false)))
                .as("the training panel makes room").isFalse();

        // Two losses of our own choosing: cross-entropy and focal, nothing else.
        for (String id : new String[] {"#shape-check-focal", "#shape-check-cross-entropy"}) {
            setChecked(id, false);
        }
        for (LossShapeSelection.Key k : fx(() -> shapes().selection().selected())) {
            setChecked("#shape-check-" + k.controlId(), false);
        }
        setChecked("#shape-check-cross-entropy", true);
        setChecked("#shape-check-focal", true);
        waitUntil("two curves are drawn", () -> shapes().upToDate()
                && shapes().charts(Plot.CLASSIFICATION).lossData().getSeriesCount() == 2);
        XYSeriesCollection before = losses();
        assertThat(before.getSeries(0).getKey()).isEqualTo("Cross-entropy");
        assertThat(before.getSeries(1).getKey()).isEqualTo("Focal loss");
        assertThat(before.getSeries(0).getItemCount()).isEqualTo(241);
        // Cross-entropy at m = 0 with three classes is log 3; its push there is −2/3.
        assertThat(before.getSeries(0).getY(120).doubleValue()).isCloseTo(Math.log(3), within(1e-9));
        assertThat(derivatives().getSeries(0).getY(120).doubleValue()).isCloseTo(-2.0 / 3, within(1e-9));
        double[] focalBefore = ys(before.getSeries(1));
        double[] ceBefore = ys(before.getSeries(0));

        // Drag focal's γ slider to the left, towards 0.
        // (Moved as a drag would; the card may be scrolled out of view now that the catalogue is long.)
        javafx.scene.control.Slider slider = robot.lookup("#shape-focal-gamma").queryAs(javafx.scene.control.Slider.class);
        fx(() -> {
            slider.setValue(slider.getValue() - 0.3 * (slider.getValue() - slider.getMin()));
            return null;
        });
        double gamma = fx(() -> (Double) shapes().selection().param(
                new LossShapeSelection.Key("focal", Plot.CLASSIFICATION), "gamma"));
        assertThat(gamma).isLessThan(2.0);
        assertThat(fx(() -> robot.lookup("#shape-focal-gamma-value").queryAs(TextField.class).getText()))
                .isEqualTo(ParamSheet.display(gamma));
        waitUntil("the focal curve is redrawn for the new γ", () -> shapes().upToDate());
        XYSeriesCollection after = losses();
        double[] focalAfter = ys(after.getSeries(1));
        // Smaller γ = less down-weighting: the focal curve rises towards cross-entropy at m = 0.
        assertThat(focalAfter[120]).isGreaterThan(focalBefore[120] + 0.01);
        double p = 1.0 / 3;
        assertThat(focalAfter[120]).isCloseTo(Math.pow(1 - p, gamma) * Math.log(3), within(1e-9));
        assertThat(ys(after.getSeries(0))).as("cross-entropy has no γ").containsExactly(ceBefore);

        // The probability axis: x runs over p_y, and cross-entropy is −log p_y there.
        robot.clickOn("#shape-axis-probability");
        waitUntil("the curves are redrawn against p_y", () -> shapes().upToDate()
                && shapes().charts(Plot.CLASSIFICATION).axisLabel().startsWith("probability"));
        XYSeries ce = losses().getSeries(0);
        assertThat(ce.getX(0).doubleValue()).isCloseTo(0.001, within(1e-12));
        assertThat(ce.getX(ce.getItemCount() - 1).doubleValue()).isCloseTo(0.999, within(1e-12));
        assertThat(ce.getY(120).doubleValue()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(fx(() -> robot.lookup("#shape-scale").queryAs(Slider.class).isDisabled())).isTrue();

        // One caption card per ticked loss, with its name.
        assertThat(fx(() -> robot.lookup("#shape-card-focal").queryAs(FormulaCard.class).nameText()))
                .isEqualTo("Focal loss");
        assertThat(fx(() -> robot.lookup("#shape-cards").queryAs(javafx.scene.layout.HBox.class).getChildren()
                .size())).isEqualTo(2);

        // Back to training: its panel returns.
        robot.clickOn("#training-tab");
        assertThat(fx(() -> robot.lookup("#experiment-panel").tryQuery().map(Node::isVisible).orElse(false)))
                .isTrue();
    }
}
