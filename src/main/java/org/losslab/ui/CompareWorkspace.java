package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ArmSummary;
import org.losslab.train.ComparisonRun;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.losslab.viz.ArmPalette;

/**
 * The "Compare" tab: the arms of a comparison side by side. Overlaid loss and accuracy curves, the arms' decision
 * boundaries in a row (2-D data), and the summary table, with one colour per arm shared by every view and the
 * legend on top.
 *
 * <p>It drives its own {@link ComparisonService}. Once per frame the window's {@link FrameCoalescer} calls
 * {@link #redrawIfDirty()}: the workspace drains the comparison's feed, updates its views and redraws those that
 * changed; progress and status changes go to the window's toolbar through the callbacks given at construction.
 */
public final class CompareWorkspace implements FrameCoalescer.Redrawable {
    /** The table's steps and speeds need not change faster than the eye reads them. */
    private static final long TABLE_REFRESH_NANOS = 250_000_000L;

    private final ComparisonService service;
    private final TabPane workspaces;
    private final Tab tab;
    private final Consumer<Progress> onProgress;
    private final Consumer<Progress> onStatus;
    private final StatusBar status;
    private final BorderPane root = new BorderPane();
    private final HBox legend = new HBox(14);
    private final Label strategyLabel = new Label();
    private final CompareCurvesView curves = new CompareCurvesView();
    private final GridPane boundaries = new GridPane();
    private final CompareSummaryTable table = new CompareSummaryTable();
    private final GridPane body = new GridPane();
    private final Label empty = new Label("No comparison loaded. Open an experiment with a compare section, e.g. "
            + "Samples → spirals-noise-ce-vs-mae.");
    private final List<DecisionBoundaryView> views = new ArrayList<>();
    private final List<List<MetricPoint>> points = new ArrayList<>();
    private final List<Progress> armProgress = new ArrayList<>();

    private ResolvedExperiment experiment;
    private ComparisonFeed feed;
    private String strategy = "";
    private double speed;
    private boolean tableDirty;
    private long tableShownAt;

    /**
     * Adds the "Compare" tab to {@code workspaces}.
     *
     * @param onProgress receives the comparison's newest progress each frame (the toolbar's progress line)
     * @param onStatus receives every non-running status of the comparison in order (paused, diverged, finished…)
     * @param status where engine messages and an arm's divergence are reported
     */
    public CompareWorkspace(TabPane workspaces, ComparisonService service, Consumer<Progress> onProgress,
            Consumer<Progress> onStatus, StatusBar status) {
        this.workspaces = workspaces;
        this.service = service;
        this.onProgress = onProgress;
        this.onStatus = onStatus;
        this.status = status;
        root.setId("compare-workspace");
        root.getStyleClass().add("tile-board");

        legend.setId("compare-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        strategyLabel.setId("compare-strategy");
        strategyLabel.getStyleClass().add("legend-text");
        strategyLabel.setMinWidth(0);
        Label marks = new Label("Points: white edge training, dark edge validation, red ring misclassified.");
        marks.getStyleClass().add("legend-text");
        marks.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox notes = new HBox(12, strategyLabel, spacer, marks);
        notes.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(3, legend, notes);
        header.setPadding(new Insets(6, 12, 2, 12));

        Tile lossTile = new Tile("Loss", curves.lossNode()).withControls(curves.lossControls());
        lossTile.setId("compare-loss-tile");
        Tile accuracyTile = new Tile("Metric", curves.accuracyNode()).withControls(curves.metricControls());
        accuracyTile.setId("compare-accuracy-tile");
        hideMaximise(lossTile, accuracyTile);
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.getColumnConstraints().addAll(percentColumn(50), percentColumn(50));
        charts.getRowConstraints().add(growingRow());
        charts.add(lossTile, 0, 0);
        charts.add(accuracyTile, 1, 0);

        boundaries.setHgap(8);
        boundaries.setId("compare-boundaries");
        Tile tableTile = new Tile("Summary", table);
        tableTile.setId("compare-table-tile");
        hideMaximise(tableTile);

        body.setVgap(8);
        body.setPadding(new Insets(6, 8, 8, 8));
        body.getColumnConstraints().add(percentColumn(100));
        body.add(charts, 0, 0);
        body.add(boundaries, 0, 1);
        body.add(tableTile, 0, 2);
        arrange(true);

        empty.getStyleClass().add("view-notice");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        root.setTop(header);
        root.setCenter(new StackPane(empty));

        tab = new Tab("Compare", root);
        tab.setId("compare-tab");
        workspaces.getTabs().add(tab);
    }

    private static ColumnConstraints percentColumn(double percent) {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(percent);
        c.setFillWidth(true);
        return c;
    }

    private static RowConstraints growingRow() {
        RowConstraints r = new RowConstraints();
        r.setVgrow(Priority.ALWAYS);
        r.setFillHeight(true);
        return r;
    }

    private static RowConstraints percentRow(double percent) {
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(percent);
        r.setFillHeight(true);
        return r;
    }

    /** The tiles of this tab sit in a fixed layout: nothing to maximise into. */
    private static void hideMaximise(Tile... tiles) {
        for (Tile t : tiles) {
            t.maximiseButton().setVisible(false);
            t.maximiseButton().setManaged(false);
        }
    }

    /** With 2-D data the boundaries get a row; without, the curves and the table share the room. */
    private void arrange(boolean plane) {
        body.getRowConstraints().setAll(plane
                ? List.of(percentRow(36), percentRow(42), percentRow(22))
                : List.of(percentRow(62), percentRow(8), percentRow(30)));
    }

    /** True while a comparison is loaded: the run buttons act on it. */
    public boolean isActive() {
        return experiment != null;
    }

    public ComparisonService service() {
        return service;
    }

    /** The loaded comparison's feed, or null when none is loaded. */
    public ComparisonFeed feed() {
        return feed;
    }

    /** Stops the loaded comparison, loads {@code r}'s arms paused at step 0 and shows the Compare tab. */
    public void load(ResolvedExperiment r) {
        experiment = r;
        feed = service.load(r);
        List<ComparisonRun.Arm> arms = r.arms();
        List<String> labels = arms.stream().map(ComparisonRun.Arm::label).toList();
        points.clear();
        armProgress.clear();
        for (int i = 0; i < arms.size(); i++) {
            points.add(new ArrayList<>());
            armProgress.add(null);
        }
        strategy = "";
        speed = 0;
        strategyLabel.setText("starting the engine…");
        curves.setArms(labels);
        // A file that asks for pass@N is about it (DCO): show that curve first.
        ExperimentSpec.Metrics asked = r.spec().metrics();
        curves.showMetric(asked != null && asked.passAtN() != null && asked.passAtN() > 0
                ? CompareCurvesView.PASS_AT_N : CompareCurvesView.ACCURACY);
        buildLegend(labels);
        buildBoundaries(r);
        tableDirty = true;
        root.setCenter(body);
        workspaces.getSelectionModel().select(tab);
    }

    /** Stops the loaded comparison, if any, and goes back to the Training tab. */
    public void unload() {
        if (experiment == null) {
            return;
        }
        service.unload();
        experiment = null;
        feed = null;
        for (Tab t : workspaces.getTabs()) {
            if ("training-tab".equals(t.getId())) {
                workspaces.getSelectionModel().select(t);
            }
        }
    }

    private void buildLegend(List<String> labels) {
        legend.getChildren().clear();
        for (int i = 0; i < labels.size(); i++) {
            Line swatch = new Line(0, 0, 22, 0);
            swatch.setStroke(Color.web(ArmPalette.web(i)));
            swatch.setStrokeWidth(3);
            Label l = new Label(labels.get(i), swatch);
            l.setId("compare-legend-" + i);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.getStyleClass().add("tile-title");
            legend.getChildren().add(l);
        }
        Line dashed = new Line(0, 0, 22, 0);
        dashed.setStroke(Color.web("#555"));
        dashed.setStrokeWidth(1.8);
        dashed.getStrokeDashArray().addAll(6.0, 4.0);
        Line solid = new Line(0, 0, 22, 0);
        solid.setStroke(Color.web("#555"));
        solid.setStrokeWidth(1.8);
        Label train = new Label("training", dashed);
        Label validation = new Label("validation", solid);
        train.getStyleClass().add("legend-text");
        validation.getStyleClass().add("legend-text");
        HBox splits = new HBox(10, train, validation);
        splits.setAlignment(Pos.CENTER_LEFT);
        splits.setPadding(new Insets(0, 0, 0, 14));
        legend.getChildren().add(splits);
    }

    private void buildBoundaries(ResolvedExperiment r) {
        views.clear();
        boundaries.getChildren().clear();
        boundaries.getColumnConstraints().clear();
        boundaries.getRowConstraints().setAll(growingRow());
        PlaneData plane = PlaneData.of(r.setup().data());
        arrange(plane != null);
        if (plane == null) {
            Label why = new Label(PlaneData.whyNotShown(r.setup().data()));
            why.setWrapText(true);
            why.getStyleClass().add("legend-text");
            boundaries.getColumnConstraints().add(percentColumn(100));
            boundaries.add(why, 0, 0);
            return;
        }
        List<ComparisonRun.Arm> arms = r.arms();
        for (int i = 0; i < arms.size(); i++) {
            DecisionBoundaryView view = new DecisionBoundaryView();
            view.setId("compare-boundary-" + i);
            view.setPlane(plane);
            view.setCompactLegend(true);
            Tile tile = new Tile(arms.get(i).label(), view);
            tile.setId("compare-boundary-tile-" + i);
            // Only the step: the arm's name needs the room of a narrow title bar more than the probe's cost does.
            tile.captionProperty().bind(Bindings.createStringBinding(() -> stepOf(view.captionProperty().get()),
                    view.captionProperty()));
            tile.setStyle("-fx-border-color: " + ArmPalette.web(i) + "; -fx-border-width: 2;");
            hideMaximise(tile);
            views.add(view);
            boundaries.getColumnConstraints().add(percentColumn(100.0 / arms.size()));
            boundaries.add(tile, i, 0);
        }
    }

    /** {@code step 500} out of the view's {@code boundary 120×120: 14 ms · step 500}. */
    private static String stepOf(String caption) {
        int at = caption.lastIndexOf("step ");
        return at < 0 ? caption : caption.substring(at);
    }

    @Override
    public boolean redrawIfDirty() {
        if (feed != null) {
            apply(feed.drain());
        }
        boolean drew = curves.redrawIfDirty();
        for (DecisionBoundaryView v : views) {
            drew |= v.redrawIfDirty();
        }
        long now = System.nanoTime();
        if (tableDirty && experiment != null && now - tableShownAt >= TABLE_REFRESH_NANOS) {
            table.show(rows());
            tableDirty = false;
            tableShownAt = now;
            drew = true;
        }
        return drew;
    }

    private void apply(ComparisonFeed.Frame f) {
        if (f.strategy() != null) {
            strategy = f.strategy().name();
            strategyLabel.setText("strategy: " + strategy + " — " + f.strategy().note());
            status.setEngine("engine: " + experiment.setup().engineId());
            if (status.level() == StatusBar.Level.INFO) {
                status.info(experiment.setup().engineId() + ": " + f.strategy().device() + ". " + arms()
                        + " run " + strategy + ".");
            }
            tableDirty = true;
        }
        for (ComparisonFeed.ArmPoints p : f.points()) {
            points.get(p.arm()).addAll(p.points());
            curves.add(p.arm(), p.points());
            tableDirty = true;
        }
        for (int i = 0; i < f.armProgress().size(); i++) {
            if (f.armProgress().get(i) != null) {
                armProgress.set(i, f.armProgress().get(i));
                tableDirty = true;
            }
        }
        for (ComparisonFeed.ArmEvent e : f.armEvents()) {
            if (e.progress().status() == RunStatus.DIVERGED && !experiment.arms().isEmpty()) {
                status.warn(e.progress().message() + " This arm waits; the others go on. Lower the learning rate "
                        + "(toolbar) to retry it at once.");
            }
        }
        for (int i = 0; i < f.decisionMaps().size() && i < views.size(); i++) {
            if (f.decisionMaps().get(i) != null) {
                views.get(i).setMap(f.decisionMaps().get(i));
            }
        }
        for (Progress p : f.statusChanges()) {
            onStatus.accept(p);
            tableDirty = true;
        }
        if (f.progress() != null) {
            speed = f.progress().status() == RunStatus.RUNNING ? f.progress().stepsPerSecond() : speed;
            onProgress.accept(f.progress());
        }
    }

    private String arms() {
        return experiment.arms().size() + " arms";
    }

    /** The table's rows: each arm's last values, live status and the comparison's speed. */
    private List<CompareSummaryTable.Row> rows() {
        List<CompareSummaryTable.Row> rows = new ArrayList<>();
        List<ComparisonRun.Arm> arms = experiment.arms();
        for (int i = 0; i < arms.size(); i++) {
            Progress p = armProgress.get(i);
            long step = p == null ? 0 : p.step();
            String message = p != null && p.status() == RunStatus.DIVERGED ? p.message() : null;
            ArmSummary s = ArmSummary.of(arms.get(i).label(), strategy, step, arms.get(i).setup().steps(), 0,
                    points.get(i), message);
            RunStatus live = p == null ? RunStatus.READY : p.status() == RunStatus.RUNNING && service.isPaused()
                    ? RunStatus.PAUSED : p.status();
            // Paused or finished arms keep the last measured speed: what the strategy delivered.
            rows.add(new CompareSummaryTable.Row(i, s.withProgress(live, step > 0 ? speed : 0)));
        }
        return rows;
    }

    /** The status-bar sentence when the comparison has finished: every arm's validation accuracy. */
    public String finishedSummary(Progress p) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < experiment.arms().size(); i++) {
            double acc = last(points.get(i), "val/accuracy");
            if (!Double.isNaN(acc)) {
                parts.add(String.format(Locale.ROOT, "%s %.1f %%", experiment.arms().get(i).label(), 100 * acc));
            }
        }
        return String.format(Locale.ROOT, "Finished %,d steps of %s (%s)%s. Train again starts from scratch.",
                p.step(), arms(), strategy, parts.isEmpty() ? "" : ": validation accuracy " + String.join(", ", parts));
    }

    /** {@code 3 arms (cross-entropy, MAE, focal)}, for the status bar. */
    public static String describe(ResolvedExperiment r) {
        return r.arms().size() + " arms (" + String.join(", ", r.arms().stream().map(ComparisonRun.Arm::label)
                .toList()) + ")";
    }

    private static double last(List<MetricPoint> points, String key) {
        double v = Double.NaN;
        for (MetricPoint p : points) {
            if (p.key().equals(key)) {
                v = p.value();
            }
        }
        return v;
    }

    /** Stops the comparison and its probes. */
    public void close() {
        service.close();
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    public CompareCurvesView curves() {
        return curves;
    }

    public List<DecisionBoundaryView> boundaryViews() {
        return List.copyOf(views);
    }

    public CompareSummaryTable table() {
        return table;
    }

    public String strategy() {
        return strategy;
    }

    public Node root() {
        return root;
    }

    public Tab tab() {
        return tab;
    }
}
