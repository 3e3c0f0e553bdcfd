package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.losslab.calibration.CalibrationReport;
import org.losslab.calibration.CalibrationSettings;
import org.losslab.calibration.Calibrators;
import org.losslab.calibration.PostHocCalibration;
import org.losslab.experiment.CalibrationSection;
import org.losslab.experiment.ExperimentException;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.TrainingSetup;

/**
 * The "Calibration" workspace of an experiment with a {@code calibration} section: reliability diagrams side by
 * side, one column per method (uncalibrated, then each calibrator) and one row per condition (the test split as it
 * is, then shifted), each captioned with its ECE.
 *
 * <p>When training finishes, the calibrators are fitted on a thread of their own ("losslab-calibration", with its
 * own engine) from the final parameter snapshot; the report comes back to the FX thread once. Loading another
 * experiment makes a result still being computed stale: it is dropped when it arrives.
 */
public final class CalibrationView extends BorderPane {
    private static final String[] CONDITIONS = {CalibrationReport.IN_DISTRIBUTION, CalibrationReport.SHIFTED};

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-calibration");
        t.setDaemon(true);
        return t;
    });
    private final Label summary = new Label();
    private final Label legend = new Label("Bars: accuracy per confidence bin (paler: few examples). Red band: the "
            + "gap to the bin's mean confidence, which ECE averages. Dashed: perfect calibration; bars below it mean "
            + "over-confidence. AUROC: how well confidence ranks right above wrong predictions.");
    private final GridPane grid = new GridPane();
    private final Tab tab = new Tab("Calibration", this);
    private TabPane workspaces;
    private CalibrationSettings settings;
    private long generation;
    private CalibrationReport report;

    public CalibrationView() {
        setId("calibration-view");
        tab.setId("calibration-tab");
        summary.setId("calibration-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("hint");
        legend.setWrapText(true);
        legend.getStyleClass().add("legend-text");
        VBox top = new VBox(2, summary, legend);
        top.setPadding(new Insets(8, 12, 4, 12));
        setTop(top);
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(4, 8, 8, 8));
        setCenter(grid);
    }

    /** The tab pane this view's tab appears in, while the loaded experiment has a calibration section. */
    public void attachTo(TabPane tabs) {
        workspaces = tabs;
    }

    /** A new experiment: shows the tab (empty diagrams, waiting for training) if it calibrates, else hides it. */
    public void load(ResolvedExperiment experiment) {
        generation++;
        report = null;
        try {
            settings = CalibrationSection.settings(experiment.spec(), experiment.setup()).orElse(null);
        } catch (ExperimentException e) {
            settings = null;
        }
        if (workspaces != null) {
            boolean shown = workspaces.getTabs().contains(tab);
            if (settings != null && !shown) {
                workspaces.getTabs().add(tab);
            } else if (settings == null && shown) {
                workspaces.getTabs().remove(tab);
            }
        }
        if (settings == null) {
            return;
        }
        summary.setText("When training finishes, " + methodNames(settings.methods()) + " are fitted on the "
                + "validation split and judged on the test split, as it is and shifted (" + settings.shiftDescription()
                + "). Press Train.");
        layout(null, "waiting for training to finish");
    }

    /**
     * Training has finished: fits the calibrators to {@code finalParameters} off the FX thread, then shows them.
     * Does nothing for an experiment without a calibration section.
     */
    public void trainingFinished(ResolvedExperiment experiment, ParameterSnapshot finalParameters) {
        if (settings == null || finalParameters == null) {
            return;
        }
        long mine = ++generation;
        CalibrationSettings chosen = settings;
        TrainingSetup setup = experiment.setup();
        summary.setText("Fitting " + methodNames(chosen.methods()) + " to the model at step "
                + finalParameters.step() + " on " + setup.engineId() + "…");
        layout(null, "fitting…");
        Task<CalibrationReport> task = new Task<>() {
            @Override
            protected CalibrationReport call() {
                return PostHocCalibration.run(setup.engineId(), setup.model(), finalParameters.parameters(),
                        setup.data(), chosen);
            }
        };
        task.setOnSucceeded(e -> {
            if (mine == generation) {
                show(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (mine == generation) {
                Throwable t = task.getException();
                summary.setText("Calibration failed: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            }
        });
        worker.execute(task);
    }

    /** Shows a finished report. FX thread. */
    void show(CalibrationReport r) {
        report = r;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Test split: %d examples (calibrators fitted on %d validation examples); shifted: %s. ECE over %d bins.",
                r.testSize(), r.validationSize(), r.shift(), r.bins()));
        for (CalibrationReport.Fit f : r.fits()) {
            text.append(' ').append(f.displayName()).append(": ").append(f.summary()).append('.');
        }
        summary.setText(text.toString());
        layout(r, "");
    }

    /**
     * The grid: a header per column, a label per row, a diagram per cell (empty, captioned {@code pending}, until a
     * report is there).
     */
    private void layout(CalibrationReport r, String pending) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        List<String> methods = r != null ? r.methods() : withUncalibrated(settings.methods());
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(24);
        grid.getColumnConstraints().add(labels);
        for (int m = 0; m < methods.size(); m++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (int row = 0; row < CONDITIONS.length; row++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
            Label conditionLabel = new Label(row == 0 ? "In distribution" : "Shifted");
            conditionLabel.getStyleClass().add("tile-title");
            conditionLabel.setRotate(-90);
            conditionLabel.setMinWidth(Region.USE_PREF_SIZE);
            Group rotated = new Group(conditionLabel);
            grid.add(rotated, 0, row);
            GridPane.setValignment(rotated, VPos.CENTER);
            for (int m = 0; m < methods.size(); m++) {
                Optional<CalibrationReport.Outcome> o = r == null ? Optional.empty()
                        : r.outcome(methods.get(m), CONDITIONS[row]);
                grid.add(cell(methods.get(m), CONDITIONS[row], o.orElse(null), pending), m + 1, row);
            }
        }
    }

    private static VBox cell(String method, String condition, CalibrationReport.Outcome o, String pending) {
        Label title = new Label(displayName(method) + (o == null ? "" : String.format(Locale.ROOT, " — ECE %.3f",
                o.ece())));
        title.getStyleClass().add("tile-title");
        Label detail = new Label(o == null ? pending
                : String.format(Locale.ROOT, "NLL %.3f · accuracy %.1f %% · mean T %.2f · AUROC %.3f", o.nll(),
                        100 * o.accuracy(), o.meanTemperature(), o.correctnessAuroc()));
        detail.getStyleClass().add("tile-caption");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        VBox header = new VBox(1, title, detail);
        header.getStyleClass().add("tile-header");
        header.setPadding(new Insets(3, 8, 3, 8));
        CalibrationDiagram diagram = new CalibrationDiagram();
        diagram.setId("reliability-" + method + "-" + condition);
        if (o != null) {
            diagram.setBins(o.reliability());
        }
        VBox cell = new VBox(header, diagram);
        VBox.setVgrow(diagram, Priority.ALWAYS);
        cell.getStyleClass().add("tile");
        cell.setAlignment(Pos.TOP_CENTER);
        cell.setMinSize(0, 0);
        return cell;
    }

    private static List<String> withUncalibrated(List<String> methods) {
        List<String> all = new ArrayList<>();
        all.add(CalibrationReport.UNCALIBRATED);
        all.addAll(methods);
        return all;
    }

    private static String displayName(String method) {
        return method.equals(CalibrationReport.UNCALIBRATED) ? "Uncalibrated" : Calibrators.byId(method).displayName();
    }

    private static String methodNames(List<String> methods) {
        // "Temperature scaling" reads "temperature scaling" mid-sentence; an acronym such as "CA" stays as it is.
        List<String> names = methods.stream().map(m -> Calibrators.byId(m).displayName())
                .map(n -> n.length() > 1 && Character.isLowerCase(n.charAt(1))
                        ? Character.toLowerCase(n.charAt(0)) + n.substring(1) : n)
                .toList();
        return String.join(" and ", names);
    }

    /** The last report shown, or null (for tests). */
    public CalibrationReport report() {
        return report;
    }

    /** Stops the worker thread; a fit in progress finishes and is dropped. */
    public void close() {
        generation++;
        worker.shutdownNow();
    }
}
