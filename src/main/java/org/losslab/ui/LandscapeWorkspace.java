package org.losslab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.losslab.analysis.Interpolation;
import org.losslab.analysis.LandscapeFrame;
import org.losslab.analysis.TrajectoryPoint;
import org.losslab.analysis.SharpnessPoint;
import org.losslab.viz.AwtPlotter;
import org.losslab.viz.GridCsv;
import org.losslab.viz.LandscapePainter;
import org.losslab.viz.LandscapePicture;
import org.losslab.viz.SvgPlotter;

/**
 * The "Landscape" workspace: the loss around the current parameters as a map (or a rotatable 3-D surface) with the
 * optimizer's path, the grid's settings and exports, sharpness (λ_max) over training, and the compositional-NLL paper
 * panel. Frames and sharpness points come from the run's probes on their own threads ({@link #show},
 * {@link #addSharpness}); the workspace draws them on the next pulse.
 */
public final class LandscapeWorkspace implements FrameCoalescer.Redrawable {
    static final List<Integer> RESOLUTIONS = List.of(21, 41, 61, 81);
    static final List<Double> RADII = List.of(0.25, 0.5, 1.0, 2.0);
    static final List<Integer> CADENCES = List.of(10, 25, 50, 100, 200);

    private final LandscapeView map = new LandscapeView();
    private final LandscapeSurface3D surface = new LandscapeSurface3D();
    private final SharpnessChart sharpness = new SharpnessChart();
    private final CompositionalNllPanel paper = new CompositionalNllPanel();
    private final ChoiceBox<Integer> resolution = new ChoiceBox<>();
    private final ChoiceBox<Double> radius = new ChoiceBox<>();
    private final ChoiceBox<LandscapeSettingsChoice.Directions> directions = new ChoiceBox<>();
    private final ChoiceBox<Integer> cadence = new ChoiceBox<>();
    private final CheckBox logScale = new CheckBox("log scale");
    private final ToggleButton flat = new ToggleButton("2-D map");
    private final ToggleButton solid = new ToggleButton("3-D surface");
    private final Button redraw = new Button("Re-draw directions");
    private final Label exportStatus = new Label();
    private final LineProfileChart profile = new LineProfileChart();
    private final ChoiceBox<LineProfileChart.Mode> profileMode = new ChoiceBox<>();
    private final ComboBox<LandscapeEndpoint> checkpointA = new ComboBox<>();
    private final ComboBox<LandscapeEndpoint> checkpointB = new ComboBox<>();
    private final Button interpolate = new Button("Interpolate A → B");
    private final Label checkpointStatus = new Label();
    private final ChoiceBox<String> arm = new ChoiceBox<>();
    private final Label armLabel = new Label("landscape of");
    private final List<Runnable> checkpointListeners = new ArrayList<>();
    private final List<BiConsumer<LandscapeEndpoint, LandscapeEndpoint>> interpolateListeners = new ArrayList<>();
    private final List<IntConsumer> armListeners = new ArrayList<>();
    private List<String> armLabels = List.of();
    private LandscapeFrame endpointsFrom;
    private boolean updatingEndpoints;
    private boolean userChoseEndpoints;
    private final BorderPane root = new BorderPane();
    private final List<Runnable> redrawListeners = new ArrayList<>();
    private final List<Consumer<LandscapeSettingsChoice>> settingsListeners = new ArrayList<>();
    private LandscapePicture surfaceShows;

    public LandscapeWorkspace() {
        LandscapeSettingsChoice d = LandscapeSettingsChoice.defaults();
        resolution.getItems().setAll(RESOLUTIONS);
        resolution.setValue(d.resolution());
        resolution.setId("landscape-resolution");
        resolution.setTooltip(new Tooltip("Grid points a side: the cost grows with the square"));
        radius.getItems().setAll(RADII);
        radius.setValue(d.radius());
        radius.setId("landscape-radius");
        radius.setTooltip(new Tooltip("The grid spans α, β from −radius to radius along the two directions"));
        directions.getItems().setAll(LandscapeSettingsChoice.Directions.values());
        directions.setValue(d.directions());
        directions.setId("landscape-directions");
        cadence.getItems().setAll(CADENCES);
        cadence.setValue(d.cadenceSteps());
        cadence.setId("landscape-cadence");
        cadence.setTooltip(new Tooltip("Training steps between two landscapes"));
        for (ChoiceBox<?> box : List.of(resolution, radius, directions, cadence)) {
            box.valueProperty().addListener((o, was, now) -> settingsChanged());
        }
        redraw.setId("landscape-redraw");
        redraw.setTooltip(new Tooltip("Choose two new directions for the next landscape"));
        redraw.setOnAction(e -> redrawListeners.forEach(Runnable::run));
        logScale.setId("landscape-log");
        logScale.setTooltip(new Tooltip("Colours and iso-lines even in log(loss): shows the floor of a basin"));
        logScale.selectedProperty().addListener((o, was, on) -> {
            map.setLogScale(on);
            surfaceShows = null;
        });
        ToggleGroup mode = new ToggleGroup();
        flat.setToggleGroup(mode);
        solid.setToggleGroup(mode);
        flat.setId("landscape-2d");
        solid.setId("landscape-3d");
        flat.setSelected(true);
        mode.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always on
                return;
            }
            surface.setVisible(now == solid);
            map.setVisible(now == flat);
            surfaceShows = null;
        });
        surface.setVisible(false);
        Button png = exportButton("PNG", "landscape-export-png", "PNG image", "*.png", this::exportPng);
        Button svg = exportButton("SVG", "landscape-export-svg", "SVG drawing", "*.svg", this::exportSvg);
        Button csv = exportButton("CSV", "landscape-export-csv", "grid as CSV (alpha, beta, loss)", "*.csv",
                this::exportCsv);
        exportStatus.setId("landscape-export-status");
        exportStatus.getStyleClass().add("legend-text");

        arm.setId("landscape-arm");
        arm.setTooltip(new Tooltip("A comparison trains several runs: the landscape follows the one chosen here"));
        arm.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0 && armLabels.size() > 1) {
                armListeners.forEach(l -> l.accept(now.intValue()));
            }
        });
        showArms(List.of());
        for (ComboBox<LandscapeEndpoint> box : List.of(checkpointA, checkpointB)) {
            box.setVisibleRowCount(12);
            box.setPrefWidth(190);
            box.valueProperty().addListener((o, was, now) -> {
                if (!updatingEndpoints) {
                    userChoseEndpoints = true;
                }
                if (!Objects.equals(was, now) && now != null
                        && directions.getValue() == LandscapeSettingsChoice.Directions.THROUGH_CHECKPOINTS) {
                    checkpointListeners.forEach(Runnable::run);
                }
            });
        }
        checkpointA.setId("landscape-checkpoint-a");
        checkpointB.setId("landscape-checkpoint-b");
        checkpointA.setTooltip(new Tooltip("Checkpoint A: a recorded step of this run, its current parameters, or "
                + "another run of the comparison"));
        checkpointB.setTooltip(new Tooltip("Checkpoint B"));
        interpolate.setId("landscape-interpolate");
        interpolate.setTooltip(new Tooltip("The loss along the straight line from A to B (and a little beyond): "
                + "a hill in between means A and B lie in different basins"));
        interpolate.setOnAction(e -> {
            LandscapeEndpoint a = checkpointA.getValue();
            LandscapeEndpoint b = checkpointB.getValue();
            if (a == null || b == null) {
                checkpointMessage("Choose checkpoints A and B first (they appear once training has run).");
                return;
            }
            checkpointMessage("Interpolating " + a + " → " + b + "…");
            interpolateListeners.forEach(l -> l.accept(a, b));
        });
        checkpointStatus.setId("landscape-checkpoint-status");
        checkpointStatus.getStyleClass().add("legend-text");
        resetEndpoints();

        FlowPane bar = new FlowPane(8, 6, armLabel, arm, new Label("grid"), resolution, new Label("radius"), radius,
                new Label("directions"), directions, new Label("every"), cadence, new Label("steps"), redraw,
                new Separator(Orientation.VERTICAL), flat, solid, logScale, new Separator(Orientation.VERTICAL),
                new Label("export"), png, svg, csv, exportStatus);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 0, 8));
        FlowPane checkpoints = new FlowPane(8, 6, new Label("checkpoint A"), checkpointA, new Label("B"),
                checkpointB, interpolate, checkpointStatus);
        checkpoints.setAlignment(Pos.CENTER_LEFT);
        checkpoints.setPadding(new Insets(4, 8, 6, 8));
        checkpoints.setId("landscape-checkpoints");

        StackPane views = new StackPane(map, surface);
        views.setMinSize(0, 0);
        Tile landscapeTile = new Tile("Loss landscape", views);
        landscapeTile.setId("landscape-tile");
        Tile sharpnessTile = new Tile("Sharpness", sharpness.node());
        sharpnessTile.setId("sharpness-tile");
        sharpnessTile.captionProperty().bind(sharpness.captionProperty());
        TitledPane paperPane = new TitledPane("Paper panel: compositional NLL vs NCE", paper.root());
        paperPane.setTooltip(new Tooltip("Learning Unnormalized Statistical Models via Compositional Optimization: "
                + "the 1-D Gaussian-mean example"));
        paperPane.setMinWidth(0);
        paperPane.setId("paper-section");
        // Collapsed at first: the live views get the room while training; one click opens the panel.
        paperPane.setExpanded(false);
        paperPane.setMaxHeight(Double.MAX_VALUE);
        profileMode.getItems().setAll(LineProfileChart.Mode.values());
        profileMode.setValue(LineProfileChart.Mode.SLICES);
        profileMode.setId("line-profile-mode");
        profileMode.valueProperty().addListener((o, was, now) -> profile.setMode(now));
        Label profileNote = new Label();
        profileNote.textProperty().bind(profile.noteProperty());
        profileNote.setWrapText(true);
        profileNote.getStyleClass().add("legend-text");
        profileNote.setId("line-profile-note");
        profileNote.setMinHeight(Label.USE_PREF_SIZE);
        VBox profileBox = new VBox(4, profileMode, profile.node(), profileNote);
        VBox.setVgrow(profile.node(), Priority.ALWAYS);
        Tile profileTile = new Tile("In one dimension", profileBox);
        profileTile.setId("line-profile-tile");
        profileTile.captionProperty().bind(profile.captionProperty());
        VBox side = new VBox(8, sharpnessTile, profileTile, paperPane);
        VBox.setVgrow(sharpnessTile, Priority.SOMETIMES);
        VBox.setVgrow(profileTile, Priority.SOMETIMES);
        VBox.setVgrow(paperPane, Priority.ALWAYS);
        sharpnessTile.setPrefHeight(230);
        profileTile.setPrefHeight(300);
        side.setMinWidth(0);
        SplitPane split = new SplitPane(landscapeTile, side);
        split.setDividerPositions(0.56);
        split.setPadding(new Insets(0, 8, 8, 8));
        root.setTop(new VBox(bar, checkpoints));
        root.setCenter(split);
        root.setId("landscape-workspace");
        updateNotice();
    }

    private Button exportButton(String text, String id, String what, String pattern, Exporter writer) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip("Save the landscape as " + what));
        b.setOnAction(e -> {
            if (map.frame() == null) {
                exportStatus.setText("Nothing to export yet: train first.");
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the landscape as " + what);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
            chooser.setInitialFileName(String.format(Locale.ROOT, "landscape-step-%d%s", map.frame().grid().step(),
                    pattern.substring(1)));
            File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (file == null) {
                return;
            }
            try {
                writer.write(file.toPath());
                exportStatus.setText("Saved " + file.getName());
            } catch (IOException | RuntimeException ex) {
                exportStatus.setText("Could not save " + file.getName() + ": " + ex.getMessage());
            }
        });
        return b;
    }

    @FunctionalInterface
    private interface Exporter {
        void write(Path file) throws IOException;
    }

    private void settingsChanged() {
        updateNotice();
        LandscapeSettingsChoice now = settings();
        settingsListeners.forEach(l -> l.accept(now));
    }

    private void updateNotice() {
        map.setNotice(String.format(Locale.ROOT, "Press Train: the landscape around the current parameters is "
                + "computed every %d steps on its own thread.", cadence.getValue()));
    }

    // ---- the API for the run's probes ----------------------------------------------------------------------

    /** A new landscape to draw; any thread. */
    public void show(LandscapeFrame frame) {
        map.show(frame);
        profile.show(frame);
    }

    /** A finished interpolation: the 1-D chart switches to it. Any thread. */
    public void showInterpolation(Interpolation line) {
        profile.show(line);
        Platform.runLater(() -> {
            profileMode.setValue(LineProfileChart.Mode.INTERPOLATION);
            checkpointMessage("");
        });
    }

    /** Says what went wrong with a checkpoint request (or clears the message with ""); FX thread. */
    public void checkpointMessage(String text) {
        checkpointStatus.setText(text);
    }

    /**
     * The runs of a comparison, whose landscape the tab can follow one at a time; an empty or single-element list
     * (a single run) hides the chooser. Selects the first. FX thread.
     */
    public void showArms(List<String> labels) {
        armLabels = List.copyOf(labels);
        boolean many = armLabels.size() > 1;
        arm.getItems().setAll(armLabels);
        if (many) {
            arm.getSelectionModel().select(0);
        }
        arm.setVisible(many);
        arm.setManaged(many);
        armLabel.setVisible(many);
        armLabel.setManaged(many);
        resetEndpoints();
    }

    /** The arm the landscape follows (0 for a single run). */
    public int chosenArm() {
        return Math.max(0, arm.getSelectionModel().getSelectedIndex());
    }

    /** Checkpoint A as chosen now, or null. */
    public LandscapeEndpoint checkpointA() {
        return checkpointA.getValue();
    }

    /** Checkpoint B as chosen now, or null. */
    public LandscapeEndpoint checkpointB() {
        return checkpointB.getValue();
    }

    /** Called when A or B changes while the plane goes through them. */
    public void onCheckpointsChanged(Runnable listener) {
        checkpointListeners.add(listener);
    }

    /** Called with A and B when the user asks for the interpolation between them. */
    public void onInterpolate(BiConsumer<LandscapeEndpoint, LandscapeEndpoint> listener) {
        interpolateListeners.add(listener);
    }

    /** Called with the arm's index when the user picks another run of a comparison. */
    public void onArmChosen(IntConsumer listener) {
        armListeners.add(listener);
    }

    /** Back to "now" and the other arms only (no steps recorded yet). */
    private void resetEndpoints() {
        endpointsFrom = null;
        userChoseEndpoints = false;
        setEndpoints(List.of());
    }

    /**
     * The endpoints on offer: the recorded steps of the path on screen (newest first), its current parameters and
     * the other arms of a comparison. Keeps the user's choices while they are still on offer; until the user chooses,
     * A is the start and B now.
     */
    private void setEndpoints(List<TrajectoryPoint> path) {
        updatingEndpoints = true;
        try {
            offerEndpoints(path);
        } finally {
            updatingEndpoints = false;
        }
    }

    private void offerEndpoints(List<TrajectoryPoint> path) {
        List<LandscapeEndpoint> items = new ArrayList<>();
        items.add(LandscapeEndpoint.now());
        for (int i = 0; i < armLabels.size(); i++) {
            if (armLabels.size() > 1 && i != chosenArm()) {
                items.add(LandscapeEndpoint.arm(i, armLabels.get(i)));
            }
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            items.add(LandscapeEndpoint.step(path.get(i).step()));
        }
        for (ComboBox<LandscapeEndpoint> box : List.of(checkpointA, checkpointB)) {
            if (box.isShowing() || box.getItems().equals(items)) {
                continue; // never pull the list from under the user's pointer
            }
            LandscapeEndpoint kept = box.getValue();
            box.getItems().setAll(items);
            if (userChoseEndpoints && kept != null && items.contains(kept)) {
                box.setValue(kept);
            } else if (box == checkpointB || items.size() == 1) {
                box.setValue(items.get(0));
            } else {
                box.setValue(items.get(items.size() - 1)); // the oldest recorded step: where training started
            }
        }
    }

    /** A new sharpness estimate; any thread. */
    public void addSharpness(SharpnessPoint point) {
        sharpness.add(point);
    }

    /** Forgets the landscape and the sharpness curve (a new run); any thread. */
    public void clear() {
        map.clear();
        sharpness.clear();
        profile.clear();
        Platform.runLater(() -> {
            resetEndpoints();
            checkpointMessage("");
        });
    }

    /**
     * Says why there is no landscape (e.g. a comparison is open, or the probe failed) in place of the map; FX
     * thread. The next {@link #clear()} and frame bring the map back.
     */
    public void unavailable(String why) {
        map.clear();
        map.setNotice(why);
    }

    /** Says what is being computed in place of the map until the next frame arrives; FX thread. */
    public void computing(String what) {
        map.setNotice(what);
    }

    /**
     * Back to the notice of a run that has not started; FX thread. Checkpoints of the previous run mean nothing for
     * the new one, so a plane through them falls back to the PCA plane.
     */
    public void ready() {
        if (directions.getValue() == LandscapeSettingsChoice.Directions.THROUGH_CHECKPOINTS) {
            directions.setValue(LandscapeSettingsChoice.Directions.PCA_OF_TRAJECTORY);
        }
        updateNotice();
    }

    /** Called when the user asks for new directions. */
    public void onRedrawDirections(Runnable listener) {
        redrawListeners.add(listener);
    }

    /** Called with the new choice whenever a setting changes. */
    public void onSettingsChanged(Consumer<LandscapeSettingsChoice> listener) {
        settingsListeners.add(listener);
    }

    /** The settings as chosen now. */
    public LandscapeSettingsChoice settings() {
        return new LandscapeSettingsChoice(resolution.getValue(), radius.getValue(), directions.getValue(),
                cadence.getValue());
    }

    @Override
    public boolean redrawIfDirty() {
        boolean drew = map.redrawIfDirty();
        drew |= sharpness.redrawIfDirty();
        drew |= profile.redrawIfDirty();
        LandscapeFrame shown = map.frame();
        if (shown != null && shown != endpointsFrom) {
            endpointsFrom = shown;
            setEndpoints(shown.trajectory());
        }
        // The surface is rebuilt only while it is on screen, and only for a picture it has not shown yet.
        if (surface.isVisible() && map.picture() != surfaceShows) {
            surfaceShows = map.picture();
            surface.show(surfaceShows);
            drew = true;
        }
        return drew;
    }

    // ---- exports ---------------------------------------------------------------------------------------------

    /** The picture of the current frame at the export size (a frame must have arrived). */
    private LandscapePicture current() {
        if (map.frame() == null) {
            throw new IllegalStateException("no landscape yet: train first");
        }
        return LandscapeView.picture(map.frame(), map.isLogScale());
    }

    private double[] exportSize() {
        double w = map.canvas().getWidth();
        double h = map.canvas().getHeight();
        return w >= 200 && h >= 200 ? new double[] {w, h} : new double[] {820, 700};
    }

    /** Writes the map as it is drawn (same size) to a PNG file. */
    public void exportPng(Path file) throws IOException {
        double[] size = exportSize();
        AwtPlotter plotter = new AwtPlotter((int) size[0], (int) size[1]);
        LandscapePainter.paint(plotter, current(), size[0], size[1]);
        plotter.dispose();
        Files.write(file, plotter.png());
    }

    /** Writes the map as SVG: vector iso-lines (one path each, in group "contours") and path over the image. */
    public void exportSvg(Path file) throws IOException {
        double[] size = exportSize();
        SvgPlotter plotter = new SvgPlotter(size[0], size[1]);
        LandscapePainter.paint(plotter, current(), size[0], size[1]);
        Files.writeString(file, plotter.svg(), StandardCharsets.UTF_8);
    }

    /** Writes the grid as CSV: alpha,beta,loss. */
    public void exportCsv(Path file) throws IOException {
        var grid = map.frame() == null ? null : map.frame().grid();
        if (grid == null) {
            throw new IllegalStateException("no landscape yet: train first");
        }
        Files.writeString(file, GridCsv.format(grid.alphas(), grid.betas(), grid.losses()), StandardCharsets.UTF_8);
    }

    // ---- parts, for the window and tests ------------------------------------------------------------------------

    public Parent root() {
        return root;
    }

    public LandscapeView map() {
        return map;
    }

    public LandscapeSurface3D surface() {
        return surface;
    }

    public SharpnessChart sharpness() {
        return sharpness;
    }

    public LineProfileChart profile() {
        return profile;
    }

    public CompositionalNllPanel paper() {
        return paper;
    }

    /** Stops the paper panel's animation. */
    public void close() {
        paper.stop();
    }
}
