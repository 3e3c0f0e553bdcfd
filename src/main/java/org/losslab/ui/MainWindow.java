package org.losslab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.losslab.engine.Engines;
import org.losslab.experiment.ExperimentException;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.HeadlessEmbedding;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.param.InvalidParameterException;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingSetup;

/**
 * The main window and what its controls do: the experiment panel on the left, the toolbar on top, the tiles of
 * live views in the centre and the status bar at the bottom.
 *
 * <p>Every change to the experiment is resolved (validated, data loaded) off the FX thread; if it is refused, the
 * message names the field and the previous experiment stays loaded and running. An accepted change stops the old
 * run and loads a new one, paused at step 0 so the untrained model is already visible. Results of training reach
 * the views only through the {@link FrameCoalescer}.
 */
public final class MainWindow {

    /** What the run is doing, as the buttons see it. */
    public enum RunState {
        LOADING("Loading"),
        PREPARING("Starting"),
        READY("Ready"),
        RUNNING("Training"),
        PAUSED("Paused"),
        DIVERGED("Diverged"),
        FINISHED("Finished"),
        FAILED("Failed");

        private final String label;

        RunState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final ExperimentEditor editor;
    private final TrainingService service;
    private final ExecutorService resolver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-experiment");
        t.setDaemon(true);
        return t;
    });
    private final FrameCoalescer coalescer;
    private final BorderPane root = new BorderPane();
    private final RunToolbar toolbar;
    private final ExperimentPanel panel;
    private final CurvesView curves = new CurvesView();
    private final DecisionBoundaryView boundary = new DecisionBoundaryView();
    private final RegressionView regression = new RegressionView();
    private final StatusBar status = new StatusBar();
    private final CalibrationView calibration = new CalibrationView();
    private final TileBoard board;
    /** One tab per workspace: the training board, the loss-shape explorer, the comparison. */
    private final TabPane workspaces = new TabPane();
    private final LossShapeExplorer shapes;
    private final Tile boundaryTile;
    /** Takes the decision boundary's place when the task is regression. */
    private final Tile regressionTile;
    private final Tile lossTile;
    private final Tile accuracyTile;
    /** The Compare tab: while it holds a comparison, the run buttons act on that. */
    private final CompareWorkspace compare;
    private final EmbeddingWorkspace embedding;
    private final MetricsWorkspace metrics = new MetricsWorkspace();
    private final LandscapeWorkspace landscape = new LandscapeWorkspace();
    private final LandscapeController landscapeProbe = new LandscapeController(landscape);
    /** Shown instead of empty space while the model embeds into a 2-D Poincaré ball. */
    private final PoincareDiskTile disk;

    private ResolvedExperiment current;
    private ExperimentSpec lastGood;
    /** The experiment as opened (file, sample or default), to mark the title "modified" after edits. */
    private ExperimentSpec opened;
    private long resolveGeneration;
    private boolean resolving;
    private boolean trainWhenLoaded;
    private boolean started;
    /** True while the status bar shows a phase before the student's steps (a distillation teacher's training). */
    private boolean phaseShown;
    private boolean refreshing;
    /** The panel shows an edit that was refused; the loaded run is still the previous experiment. */
    private boolean editorRefused;
    private RunState state = RunState.LOADING;
    private Progress lastProgress;

    public MainWindow(ExperimentSpec initial, List<String> engines) {
        this(initial, engines, new TrainingService());
    }

    MainWindow(ExperimentSpec initial, List<String> engines, TrainingService service) {
        this.editor = new ExperimentEditor(initial, engines);
        this.opened = editor.toSpec();
        this.service = service;
        this.toolbar = new RunToolbar(engines);
        this.panel = new ExperimentPanel(editor);
        panel.setPrefWidth(390);
        panel.setMinWidth(330);

        boundaryTile = new Tile("Decision boundary", boundary);
        boundaryTile.setId("boundary-tile");
        boundaryTile.captionProperty().bind(boundary.captionProperty());
        lossTile = new Tile("Loss", curves.lossNode()).withControls(curves.lossControls());
        lossTile.setId("loss-tile");
        accuracyTile = new Tile("Accuracy", curves.accuracyNode());
        accuracyTile.setId("accuracy-tile");
        board = new TileBoard(new double[] {55, 45}, new double[] {50, 50});
        regressionTile = new Tile("Fitted function", regression);
        regressionTile.setId("regression-tile");
        regressionTile.captionProperty().bind(regression.captionProperty());
        board.add(boundaryTile, 0, 0, 1, 2).add(lossTile, 1, 0, 1, 1).add(accuracyTile, 1, 1, 1, 1)
                .add(regressionTile, 0, 0, 1, 2);
        show(regressionTile, false);
        disk = new PoincareDiskTile(service::feed);
        board.add(disk.tile(), 0, 1, 1, 1);
        board.setPadding(new javafx.geometry.Insets(8));

        root.setTop(toolbar);
        root.setLeft(panel);
        Tab trainingTab = new Tab("Training", board);
        trainingTab.setId("training-tab");
        Tab metricsTab = new Tab("Metrics", metrics.root());
        metricsTab.setId("metrics-tab");
        Tab landscapeTab = new Tab("Landscape", landscape.root());
        landscapeTab.setId("landscape-tab");
        workspaces.getTabs().addAll(trainingTab, metricsTab, landscapeTab);
        shapes = new LossShapeExplorer(engines.contains(Engines.DEFAULT) || engines.isEmpty() ? Engines.DEFAULT
                : engines.get(0));
        Tab shapesTab = shapes.tab();
        workspaces.getTabs().add(shapesTab);
        // The experiment panel configures training; the loss-shape workspace has its own controls and needs the room.
        shapesTab.selectedProperty().addListener((o, was, now) -> {
            panel.setVisible(!now);
            panel.setManaged(!now);
        });
        workspaces.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        workspaces.setId("workspaces");
        calibration.attachTo(workspaces);
        root.setCenter(workspaces);
        root.setBottom(status);
        root.getStylesheets().add(MainWindow.class.getResource("losslab.css").toExternalForm());
        root.setId("main-window");

        coalescer = new FrameCoalescer(service::feed).onFrame(this::onFrame).redraw(curves).redraw(boundary)
                .redraw(disk)
                .redraw(shapes)
                .redraw(regression);
        metrics.redrawables().forEach(coalescer::redraw);
        coalescer.redraw(landscape).redraw(landscapeProbe);
        compare = new CompareWorkspace(workspaces, new ComparisonService(), this::onComparisonProgress, this::onStatus,
                status);
        coalescer.redraw(compare);
        embedding = new EmbeddingWorkspace(workspaces, new EmbeddingService(), this::onComparisonProgress,
                this::onStatus);
        coalescer.redraw(embedding);
        wire();
        refreshControls();
        updateButtons();
    }

    public Parent root() {
        return root;
    }

    /** Starts the frame loop and loads the initial experiment. */
    public void start() {
        coalescer.start();
        apply(editor.toSpec(), "Loaded", true);
    }

    /** Stops the run, the probes and the frame loop. */
    public void shutdown() {
        coalescer.stop();
        disk.close();
        service.close();
        compare.close();
        embedding.close();
        calibration.close();
        shapes.close();
        landscapeProbe.close();
        landscape.close();
        resolver.shutdownNow();
    }

    private void wire() {
        toolbar.train.setOnAction(e -> train());
        toolbar.pause.setOnAction(e -> pause());
        toolbar.step.setOnAction(e -> step());
        toolbar.reset.setOnAction(e -> reset());
        toolbar.open.setOnAction(e -> openFile());
        toolbar.save.setOnAction(e -> saveFile());
        toolbar.setSamples(Experiments.allSamples(), this::openSample);
        toolbar.engine.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null && !now.equals(editor.engine())) {
                edit(() -> editor.setEngine(now), "Engine " + now);
            }
        });
        RunToolbar.bind(toolbar.learningRate, () -> RunToolbar.number(editor.learningRate()),
                this::setLearningRate, this::refused);
        RunToolbar.bind(toolbar.batchSize, () -> Integer.toString(editor.batchSize()),
                t -> edit(() -> editor.setBatchSize(t), "Batch size " + t), this::refused);
        RunToolbar.bind(toolbar.seed, () -> Long.toString(editor.seed()),
                t -> edit(() -> editor.setSeed(t), "Seed " + t), this::refused);
        RunToolbar.bind(toolbar.steps, () -> Long.toString(editor.steps()),
                t -> edit(() -> editor.setSteps(t), "Steps " + t), this::refused);
        panel.setOnEdited(() -> apply(editor.toSpec(), "Changed", false));
        panel.setOnRefused(this::refused);
    }

    /** Runs a validated setter, then reloads; a refusal propagates to the field's handler. */
    private void edit(Runnable setter, String what) {
        setter.run();
        apply(editor.toSpec(), what, false);
    }

    private void refused(String message) {
        status.error(message + " — the previous value is kept.");
    }

    // ---- experiment life cycle ----------------------------------------------------------------------------------

    /**
     * Validates and loads {@code candidate} off the FX thread; on refusal the previous experiment stays loaded.
     *
     * @param revertOnRefusal true for a whole file (a refused file is dropped); false for an edit, which stays in
     *     the panel so the user can correct it (e.g. type the path after picking the CSV dataset)
     */
    void apply(ExperimentSpec candidate, String verb, boolean revertOnRefusal) {
        if (!revertOnRefusal && lastGood != null && candidate.equals(lastGood) && editorRefused) {
            // Edited back to what is loaded: nothing to rebuild, the run goes on.
            editorRefused = false;
            status.info("Back to the loaded experiment: " + current.title() + ".");
            updateButtons();
            return;
        }
        long generation = ++resolveGeneration;
        resolving = true;
        setState(current == null ? RunState.LOADING : state);
        updateButtons();
        Task<ResolvedExperiment> task = new Task<>() {
            @Override
            protected ResolvedExperiment call() throws Exception {
                return Experiments.resolve(candidate);
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == resolveGeneration) {
                resolving = false;
                load(task.getValue(), verb);
            }
        });
        task.setOnFailed(e -> {
            if (generation == resolveGeneration) {
                resolving = false;
                refuseExperiment(task.getException(), revertOnRefusal);
            }
        });
        resolver.execute(task);
    }

    private void refuseExperiment(Throwable t, boolean revert) {
        trainWhenLoaded = false;
        String message = t instanceof ExperimentException ? t.getMessage()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        if (current == null) {
            editorRefused = true;
            status.error("Could not load the experiment: " + message);
            setState(RunState.FAILED);
        } else if (revert) {
            editor.load(lastGood);
            refreshControls();
            status.error("Refused: " + message + ". Still loaded: " + current.title() + ".");
        } else {
            editorRefused = true;
            status.error("Not applied: " + message + ". Still loaded: " + current.title()
                    + ". Correct the value, or press Reset to go back to the loaded experiment.");
        }
        setState(state); // the label said "Loading" while the candidate was checked
    }

    private void load(ResolvedExperiment r, String verb) {
        current = r;
        editorRefused = false;
        // The editor now holds exactly what was resolved; its form of the spec is what later edits compare with.
        lastGood = editor.toSpec();
        started = false;
        if (HeadlessEmbedding.isEmbedding(r)) {
            service.unload();
            compare.unload();
            embedding.load(r);
            landscapeProbe.unavailable("The landscape follows classification and regression runs; this experiment "
                    + "learns an embedding (see the Embedding tab).");
        } else if (r.isComparison()) {
            service.unload();
            embedding.unload();
            compare.load(r);
            landscapeProbe.comparison(r, compare.feed());
        } else {
            embedding.unload();
            compare.unload();
            landscapeProbe.load(r, service.load(r));
        }
        curves.clear();
        RegressionData fitted = RegressionData.of(r);
        curves.setNoisyTrainingLabels(r.trainingLabelNoise() > 0);
        metrics.reset(r.setup().data().train().classNames(), r.setup().data().test().isPresent(),
                r.trainingLabelNoise());
        PlaneData plane = PlaneData.of(r.setup().data());
        if (fitted != null) {
            regression.setData(fitted);
        } else if (plane != null) {
            boundary.setPlane(plane);
        } else {
            boundary.setUnavailable(PlaneData.whyNotShown(r.setup().data()));
        }
        arrangeTiles(plane != null, disk.load(r), fitted != null);
        calibration.load(r);
        boolean modified = !editor.toSpec().equals(opened);
        panel.showTitle(r.title() + (modified ? " (modified)" : ""), r.spec().description());
        panel.showResolved(r);
        TrainingSetup s = r.setup();
        lastProgress = new Progress(0, s.steps(), 0, Double.NaN, RunStatus.READY, "");
        showProgress(lastProgress);
        setState(RunState.PREPARING);
        status.info(String.format(Locale.ROOT, "%s — %s: %s, %s, %s on %s. Press Train.", verb, r.title(),
                s.data().train().name().replace(" (train)", ""), s.model().describe(),
                r.isComparison() ? CompareWorkspace.describe(r) : s.loss().label(),
                s.engineId()));
        if (trainWhenLoaded) {
            trainWhenLoaded = false;
            train();
        }
    }

    /**
     * With 2-D data the decision boundary takes the left half; without, it shrinks to a strip that says why, and the
     * curves get the room. A model with a 2-D Poincaré ball adds its disk: beside the boundary, or in its place.
     */
    private void arrangeTiles(boolean plane, boolean poincare, boolean fitted) {
        Tile maximised = board.maximisedTile();
        if (maximised != null && (fitted ? maximised == boundaryTile || maximised == accuracyTile
                : maximised == regressionTile)) {
            board.restore();
        }
        // Regression: the fitted function replaces the decision boundary; accuracy does not apply (R² is in the
        // fitted function's caption), so the loss curves take its place.
        Tile diskTile = disk.tile();
        show(regressionTile, fitted);
        show(diskTile, poincare && !fitted);
        show(boundaryTile, !fitted && (plane || !poincare));
        show(accuracyTile, !fitted);
        if (fitted) {
            board.resize(new double[] {55, 45}, new double[] {50, 50});
            board.move(regressionTile, 0, 0, 1, 2);
            board.move(lossTile, 1, 0, 1, 2);
        } else if (plane && poincare) {
            board.resize(new double[] {50, 50}, new double[] {60, 40});
            board.move(boundaryTile, 0, 0, 1, 1);
            board.move(diskTile, 1, 0, 1, 1);
            board.move(lossTile, 0, 1, 1, 1);
            board.move(accuracyTile, 1, 1, 1, 1);
        } else if (poincare) {
            board.resize(new double[] {55, 45}, new double[] {50, 50});
            board.move(diskTile, 0, 0, 1, 2);
            board.move(lossTile, 1, 0, 1, 1);
            board.move(accuracyTile, 1, 1, 1, 1);
        } else if (plane) {
            board.resize(new double[] {55, 45}, new double[] {50, 50});
            board.move(boundaryTile, 0, 0, 1, 2);
            board.move(lossTile, 1, 0, 1, 1);
            board.move(accuracyTile, 1, 1, 1, 1);
        } else {
            board.resize(new double[] {50, 50}, new double[] {78, 22});
            board.move(lossTile, 0, 0, 1, 1);
            board.move(accuracyTile, 1, 0, 1, 1);
            board.move(boundaryTile, 0, 1, 2, 1);
        }
    }

    private static void show(Tile tile, boolean on) {
        tile.setVisible(on);
        tile.setManaged(on);
    }

    private void refreshControls() {
        refreshing = true;
        try {
            panel.refresh();
            toolbar.engine.setValue(editor.engine());
            toolbar.learningRate.setText(RunToolbar.number(editor.learningRate()));
            toolbar.batchSize.setText(Integer.toString(editor.batchSize()));
            toolbar.seed.setText(Long.toString(editor.seed()));
            toolbar.steps.setText(Long.toString(editor.steps()));
        } finally {
            refreshing = false;
        }
    }

    // ---- run controls -----------------------------------------------------------------------------------------

    void train() {
        if (editorRefused && !resolving) {
            status.error("The panel holds a refused change: correct it, or press Reset to go back to "
                    + current.title() + ".");
            return;
        }
        if (resolving || current == null) {
            trainWhenLoaded = true;
            status.info("Training starts as soon as the experiment has loaded.");
            return;
        }
        if (state == RunState.FINISHED) {
            reset();
        }
        started = true;
        runs().train();
        setState(RunState.RUNNING);
        if (status.level() != StatusBar.Level.ERROR) {
            TrainingSetup s = current.setup();
            String view = regression.isShowingData() ? "fitted function"
                    : boundary.isShowingPlane() ? "decision boundary" : null;
            String boundaryNote = view == null ? ""
                    : String.format(Locale.ROOT, ", the %s every %d", view, s.snapshotEvery());
            status.info(String.format(Locale.ROOT, "Training %s on %s. Curves update every %d steps%s. Pause any "
                    + "time: nothing is lost.", current.title(), s.engineId(), s.evalEvery(), boundaryNote));
        }
    }

    void pause() {
        runs().pause();
        setState(RunState.PAUSED);
        status.info("Paused. Resume continues from here; Step takes one step at a time; Reset starts over.");
    }

    void step() {
        if (current == null || resolving) {
            return;
        }
        started = true;
        runs().step();
        setState(RunState.PAUSED);
    }

    /** A fresh run of the loaded experiment (with the learning rate now in the toolbar). */
    void reset() {
        if (current == null) {
            return;
        }
        if (editorRefused) {
            double lr = editor.learningRate();
            editor.load(lastGood);
            editor.setLearningRate(Double.toString(lr));
            refreshControls();
        }
        TrainingSetup s = current.setup();
        TrainingSetup fresh = s.withOptimizer(s.optimizer().withLearningRate(editor.learningRate()));
        load(current.rebased(editor.toSpec(), fresh), "Reset");
    }

    /** The learning rate is the one setting that changes a running run in place (e.g. after a divergence). */
    private void setLearningRate(String text) {
        editor.setLearningRate(text);
        double lr = editor.learningRate();
        runs().setLearningRate(lr);
        if (!resolving && lastGood != null) {
            lastGood = editor.toSpec();
        }
        String next = state == RunState.DIVERGED || state == RunState.PAUSED ? " Press Resume to continue." : "";
        status.info("Learning rate " + RunToolbar.number(lr) + " applies from the next step." + next);
    }

    // ---- files ------------------------------------------------------------------------------------------------

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void openFile() {
        FileChooser chooser = chooser("Open experiment");
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Opens an experiment file; a malformed or invalid one is refused with the field named. */
    void open(Path file) {
        try {
            ExperimentSpec spec = Experiments.read(file);
            openSpec(spec, "Opened " + file.getFileName());
        } catch (ExperimentException e) {
            status.error("Could not open " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Opens what the command line names: an experiment file, or a bundled sample by name (with or without
     * {@code .json}); anything else is reported in the status bar with the samples to choose from.
     */
    public void openFromCommandLine(String argument) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            open(file);
            return;
        }
        String name = argument.endsWith(".json") ? argument : argument + ".json";
        if (Experiments.allSamples().contains(name)) {
            openSample(name);
        } else {
            status.error("No experiment file or sample '" + argument + "'; samples: "
                    + String.join(", ", Experiments.allSamples()));
        }
    }

    private void openSample(String name) {
        try {
            openSpec(Experiments.sample(name), "Opened sample");
        } catch (ExperimentException e) {
            status.error("Could not open sample " + name + ": " + e.getMessage());
        }
    }

    private void openSpec(ExperimentSpec spec, String verb) {
        try {
            editor.load(spec);
        } catch (RuntimeException e) {
            status.error(e.getMessage());
            return;
        }
        opened = editor.toSpec();
        refreshControls();
        apply(spec, verb, true);
    }

    private void saveFile() {
        FileChooser chooser = chooser("Save experiment");
        chooser.setInitialFileName(editor.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "") + ".json");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            save(file.toPath());
        }
    }

    void save(Path file) {
        try {
            Experiments.write(editor.toSpec(), file);
            status.info("Saved " + file.getFileName() + ".");
        } catch (IOException | RuntimeException e) {
            status.error("Could not save " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LossLab experiment (*.json)", "*.json"));
        return chooser;
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    private void onFrame(TrainingFeed.Frame frame) {
        curves.add(frame.points());
        regression.addMetrics(frame.points());
        for (String device : frame.messages()) {
            String engine = current == null ? "" : current.setup().engineId();
            status.setEngine("engine: " + engine);
            if (status.level() == StatusBar.Level.INFO) {
                status.info(engine + ": " + device + ". " + (started ? "" : "Ready: press Train."));
            }
        }
        for (Progress p : frame.statusChanges()) {
            onStatus(p);
        }
        if (frame.progress() != null) {
            lastProgress = frame.progress();
            showProgress(frame.progress());
        }
        if (frame.decisionMap() != null) {
            boundary.setMap(frame.decisionMap());
        }
        if (frame.fittedFunction() != null) {
            regression.setFit(frame.fittedFunction());
        }
        if (frame.report() != null) {
            metrics.accept(frame.report());
        }
    }

    private void onStatus(Progress p) {
        switch (p.status()) {
            case PAUSED -> {
                // A pause announced before the user pressed Train again is stale.
                if (state != RunState.DIVERGED && runs().isPaused()) {
                    setState(started ? RunState.PAUSED : RunState.READY);
                }
            }
            case DIVERGED -> {
                setState(RunState.DIVERGED);
                status.warn(p.message() + " Lower the learning rate (toolbar), then press Resume.");
            }
            case FINISHED -> {
                setState(RunState.FINISHED);
                if (embedding.isActive()) {
                    status.info(embedding.finishedSummary(p));
                } else if (compare.isActive()) {
                    status.info(compare.finishedSummary(p));
                } else {
                    status.info(finishedSummary(p));
                    calibration.trainingFinished(current,
                            service.feed() == null ? null : service.feed().latestParameters());
                }
            }
            case FAILED -> {
                setState(RunState.FAILED);
                status.error(p.message() + " Change the experiment or press Reset to try again.");
            }
            default -> {
            }
        }
    }

    private String finishedSummary(Progress p) {
        double acc = curves.model().last(CurvesModel.VAL_ACCURACY);
        double loss = curves.model().last(CurvesModel.VAL_LOSS);
        double ece = curves.model().last(CurvesModel.VAL_ECE);
        String result = Double.isNaN(acc) ? "" : String.format(Locale.ROOT, ": validation accuracy %.1f %%%s%s, "
                + "validation loss %.4g", 100 * acc, curves.model().noisyTrainingLabels() ? " (clean labels)" : "",
                Double.isNaN(ece) ? "" : String.format(Locale.ROOT, ", ECE %.1f %%", 100 * ece), loss);
        if (regression.isShowingData() && !Double.isNaN(regression.validationMse())) {
            result = String.format(Locale.ROOT, ": validation MSE %.4g, R² %.3f (against the clean targets)",
                    regression.validationMse(), regression.validationR2());
        }
        return String.format(Locale.ROOT, "Finished %,d steps%s. Train again starts from scratch; raise Steps to "
                + "train longer.", p.step(), result);
    }

    /** The buttons' target: the comparison while one is loaded, else the single run. */
    private RunControls runs() {
        return embedding.isActive() ? embedding.service() : compare.isActive() ? compare.service() : service;
    }

    private void onComparisonProgress(Progress p) {
        lastProgress = p;
        showProgress(p);
    }

    private void showProgress(Progress p) {
        toolbar.progress.setProgress(p.fraction());
        toolbar.progressText.setText(ProgressText.format(p));
        // A running phase before the student's own steps (a distillation teacher) names itself in its progress.
        if (p.status() == RunStatus.RUNNING && !p.message().isEmpty()) {
            status.info(p.message());
            phaseShown = true;
        } else if (p.status() == RunStatus.RUNNING && phaseShown) {
            status.info("Teacher ready; training the student " + (current == null ? "" : current.title()) + ".");
            phaseShown = false;
        }
    }

    private void setState(RunState s) {
        state = s;
        // After a divergence the learning-rate field is the one thing to change: point at it.
        toolbar.learningRate.getStyleClass().remove("attention");
        if (s == RunState.DIVERGED) {
            toolbar.learningRate.getStyleClass().add("attention");
        }
        toolbar.state.setText(resolving && s != RunState.LOADING ? RunState.LOADING.label() : s.label());
        toolbar.state.getStyleClass().removeIf(c -> c.startsWith("state-"));
        toolbar.state.getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT));
        updateButtons();
    }

    private void updateButtons() {
        boolean loaded = current != null;
        toolbar.train.setText(switch (state) {
            case PAUSED, DIVERGED -> "Resume";
            case FINISHED -> "Train again";
            default -> "Train";
        });
        toolbar.train.setDisable(state == RunState.RUNNING || editorRefused && !resolving
                || state == RunState.FAILED && !resolving);
        toolbar.pause.setDisable(state != RunState.RUNNING);
        toolbar.step.setDisable(!loaded || resolving || editorRefused || !(state == RunState.PREPARING || state == RunState.READY
                || state == RunState.PAUSED || state == RunState.DIVERGED));
        toolbar.reset.setDisable(!loaded || resolving);
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    public RunState state() {
        return state;
    }

    /** The loss-shape workspace (for tests). */
    LossShapeExplorer shapes() {
        return shapes;
    }

    public CurvesView curves() {
        return curves;
    }

    public DecisionBoundaryView boundary() {
        return boundary;
    }

    public RegressionView regression() {
        return regression;
    }

    public StatusBar statusBar() {
        return status;
    }

    public ExperimentEditor editor() {
        return editor;
    }

    public ExperimentPanel panel() {
        return panel;
    }

    public TileBoard board() {
        return board;
    }

    /** The Embedding tab: an embedding experiment's picture and retrieval metrics. */
    public EmbeddingWorkspace embedding() {
        return embedding;
    }

    public CompareWorkspace compare() {
        return compare;
    }

    public MetricsWorkspace metrics() {
        return metrics;
    }

    /** The Landscape tab: the run's landscape and sharpness probes feed it. */
    public LandscapeWorkspace landscape() {
        return landscape;
    }

    public FrameCoalescer coalescer() {
        return coalescer;
    }

    /** Completed steps as last reported by the run. */
    public long completedSteps() {
        return lastProgress == null ? 0 : lastProgress.step();
    }

    public boolean isResolving() {
        return resolving;
    }
}
