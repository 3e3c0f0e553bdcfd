package org.losslab.app;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.losslab.engine.Engines;
import org.losslab.experiment.Experiments;
import org.losslab.ui.MainWindow;

/**
 * The desktop workbench: opens on the bundled default experiment (two spirals, MLP, cross-entropy), or on the
 * experiment file or sample named as the first argument ({@code mvn javafx:run -Djavafx.args=samples/x.json}).
 */
public final class LossLabApp extends Application {
    static final double WIDTH = 1400;
    static final double HEIGHT = 900;

    private MainWindow window;

    @Override
    public void init() {
        // Before any engine class loads: offline native libraries, thread counts, quiet logs.
        Runtime.quiet();
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(Experiments.defaultExperiment(), Engines.ids());
        stage.setTitle("LossLab");
        // Never larger than the screen (a 1366×768 laptop, a headless test screen): the tiles adapt.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(WIDTH, screen.getWidth());
        double height = Math.min(HEIGHT, screen.getHeight());
        stage.setScene(new Scene(window.root(), width, height));
        stage.setMinWidth(Math.min(1000, width));
        stage.setMinHeight(Math.min(650, height));
        stage.show();
        window.start();
        if (!getParameters().getRaw().isEmpty()) {
            window.openFromCommandLine(getParameters().getRaw().get(0));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    /** The window, for tests that drive the app. */
    public MainWindow window() {
        return window;
    }
}
