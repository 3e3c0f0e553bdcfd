package org.losslab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.losslab.analysis.LossShapeProbe;
import org.losslab.analysis.LossShapeProbe.Axis;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.analysis.LossShapeProbe.Shape;
import org.losslab.analysis.LossShapeWorker;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.ui.LossShapeSelection.Key;

/**
 * The "Loss shapes" workspace, the teaching panel: for the ticked losses, ℓ and the push on the true-class logit
 * ∂ℓ/∂z_y against the true-class margin (or probability), regression losses against the residual, with every
 * hyperparameter and the example's logits on live sliders, one-click lessons, and a card per loss with its formula
 * and the idea behind it.
 *
 * <p>Curves are computed by a {@link LossShapeWorker} on its own thread with the real catalogue code; the FX thread
 * only collects the settings. Once per frame ({@link FrameCoalescer}) the newest settings are submitted (the worker
 * drops a submission that is overtaken before it starts) and the newest finished curves are drawn. The engine starts
 * when the tab is first opened.
 */
public final class LossShapeExplorer implements FrameCoalescer.Redrawable, AutoCloseable {
    private static final double SIDEBAR_WIDTH = 340;
    private static final double CARD_WIDTH = 330;
    private static final double MAX_CARD_WIDTH = 560;
    /** The formula size of {@link FormulaCard}, to size a card to its formula. */
    private static final float FORMULA_POINTS = 17f;

    private final String engineId;
    private final LossShapeSelection selection = new LossShapeSelection();
    private final BorderPane root = new BorderPane();
    private final VBox checklist = new VBox(6);
    private final VBox presets = new VBox(4);
    private final Label lesson = new Label();
    private final Label cost = new Label();
    private final Label example = new Label();
    private final CheckBox holdAxes = new CheckBox("hold the y-axes");
    private final List<Node> exampleNodes = new ArrayList<>();
    private final Map<Key, TitledPane> groupOf = new LinkedHashMap<>();
    private final HBox cards = new HBox(8);
    private final Map<Key, Label> cardNotes = new LinkedHashMap<>();
    private final Map<Key, CheckBox> checks = new LinkedHashMap<>();
    private final Map<Key, VBox> sliderHolders = new LinkedHashMap<>();
    private final Map<Key, Region> swatches = new LinkedHashMap<>();
    private final LossShapeCharts classificationCharts = new LossShapeCharts(Plot.CLASSIFICATION, "shape");
    private final LossShapeCharts regressionCharts = new LossShapeCharts(Plot.REGRESSION, "shape-regression");
    private final ToggleGroup axis = new ToggleGroup();
    private final RadioButton marginAxis = new RadioButton("margin m");
    private final RadioButton probabilityAxis = new RadioButton("probability p_y");
    private final Slider classes = new Slider(2, 10, 3);
    private final Slider scale = new Slider(0.2, 5, 1);
    private final Slider shift = new Slider(-5, 5, 0);
    private final Slider spread = new Slider(0, 3, 0);
    private final Slider teacher = new Slider(-6, 6, 2);
    private final Map<Key, Shape> lastShapes = new LinkedHashMap<>();

    private LossShapeWorker worker;
    private boolean populated;
    private boolean syncing;
    private long submittedVersion = -1;
    private long submittedGeneration;
    private long shownGeneration;
    private long redraws;

    /** @param engineId the engine the curves are computed on (its own instance, started on first use) */
    public LossShapeExplorer(String engineId) {
        this.engineId = engineId;
        root.setId("loss-shapes");
        root.setLeft(sidebar());
        root.setCenter(centre());
        lesson.setText("Starting the " + engineId + " engine…");
    }

    /** The workspace tab; the engine starts the first time it is selected. */
    public Tab tab() {
        Tab tab = new Tab("Loss shapes", root);
        tab.setId("loss-shapes-tab");
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                activate();
            }
        });
        return tab;
    }

    public Node root() {
        return root;
    }

    /** Starts the engine (once). */
    public void activate() {
        if (worker == null) {
            worker = new LossShapeWorker(engineId);
        }
    }

    // ---- layout -------------------------------------------------------------------------------------------------

    private Node sidebar() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(8));
        presets.setId("shape-presets");
        box.getChildren().addAll(section("Lessons"), presets, section("The example's logits"), exampleControls(),
                section("Losses"), checklist);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(SIDEBAR_WIDTH);
        scroll.setMinWidth(SIDEBAR_WIDTH * 0.8);
        scroll.getStyleClass().add("experiment-panel");
        return scroll;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private Node exampleControls() {
        marginAxis.setMnemonicParsing(false);
        probabilityAxis.setMnemonicParsing(false);
        marginAxis.setToggleGroup(axis);
        probabilityAxis.setToggleGroup(axis);
        marginAxis.setId("shape-axis-margin");
        probabilityAxis.setId("shape-axis-probability");
        marginAxis.setSelected(true);
        marginAxis.setTooltip(new Tooltip("x = the true class's lead m: its logit is s·m + β, the others sit at β"));
        probabilityAxis.setTooltip(new Tooltip("x = p_y, the softmax probability of the true class (from 0.001 to "
                + "0.999); the logits are chosen to give exactly that p_y"));
        axis.selectedToggleProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                selection.setSettings(selection.settings().withAxis(now == probabilityAxis ? Axis.PROBABILITY
                        : Axis.MARGIN));
                scale.setDisable(now == probabilityAxis);
            }
        });
        HBox axes = new HBox(10, new Label("x-axis"), marginAxis, probabilityAxis);
        axes.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(3);
        int row = 0;
        row = settingRow(grid, row, "classes C", classes, "shape-classes", true,
                "Number of classes: the true class competes with C − 1 rivals",
                v -> selection.settings().withClasses((int) Math.round(v)));
        row = settingRow(grid, row, "logit scale s", scale, "shape-scale", false,
                "Multiplies every logit: larger s = the same prediction, more confident. Cross-entropy changes "
                        + "with it, a scale-invariant loss does not. (No effect on the probability axis: p_y fixes "
                        + "the logits.)",
                v -> selection.settings().withScale(v));
        row = settingRow(grid, row, "shift β", shift, "shape-shift", false,
                "Added to every logit. Softmax ignores it; losses on raw logits (e.g. BCE) do not.",
                v -> selection.settings().withShift(v));
        row = settingRow(grid, row, "rival spread d", spread, "shape-spread", false,
                "0: the rival logits are tied at β. Larger d spreads them evenly over β ± s·d (needed to see "
                        + "the Z-loss as more than a step, since it standardises the logits).",
                v -> selection.settings().withRivalSpread(v));
        settingRow(grid, row, "teacher margin", teacher, "shape-teacher", false,
                "For distillation losses: the teacher's logits are this value for the true class and 0 for the "
                        + "others. The student matches the teacher where m equals it.",
                v -> selection.settings().withTeacherMargin(v));
        teacher.setDisable(true);

        exampleNodes.addAll(List.of(axes, grid));
        Button reset = new Button("Reset the example");
        reset.setId("shape-reset");
        reset.setOnAction(e -> {
            selection.setSettings(Settings.defaults().withAxis(selection.settings().axis()));
            syncControls();
        });
        return new VBox(6, axes, grid, reset);
    }

    private int settingRow(GridPane grid, int row, String name, Slider slider, String id, boolean integer,
            String help, DoubleFunction<Settings> apply) {
        Label label = new Label(name);
        Label value = new Label();
        value.setMinWidth(34);
        value.setId(id + "-value");
        slider.setId(id);
        slider.setPrefWidth(150);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        label.setTooltip(tip);
        slider.setTooltip(tip);
        if (integer) {
            slider.setMajorTickUnit(1);
            slider.setMinorTickCount(0);
            slider.setSnapToTicks(true);
            slider.setBlockIncrement(1);
        }
        slider.valueProperty().addListener((o, was, now) -> {
            double v = integer ? Math.round(now.doubleValue()) : Math.round(now.doubleValue() * 100) / 100.0;
            value.setText(integer ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v));
            if (!syncing) {
                selection.setSettings(apply.apply(v));
            }
        });
        double v0 = slider.getValue();
        value.setText(integer ? Long.toString(Math.round(v0)) : String.format(Locale.ROOT, "%.2f", v0));
        grid.addRow(row, label, slider, value);
        GridPane.setHgrow(slider, Priority.ALWAYS);
        return row + 1;
    }

    private Node centre() {
        lesson.setId("shape-lesson");
        lesson.setWrapText(true);
        lesson.getStyleClass().add("lesson");
        lesson.setMinHeight(Region.USE_PREF_SIZE);
        cost.setId("shape-cost");
        cost.getStyleClass().add("tile-caption");
        VBox charts = new VBox(6, classificationCharts.node(), regressionCharts.node());
        VBox.setVgrow(classificationCharts.node(), Priority.ALWAYS);
        VBox.setVgrow(regressionCharts.node(), Priority.ALWAYS);
        showPlots();
        cards.setId("shape-cards");
        cards.setPadding(new Insets(2));
        ScrollPane cardScroll = new ScrollPane(cards);
        cardScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        cardScroll.setPrefViewportHeight(235);
        cardScroll.setMinHeight(150);
        cardScroll.getStyleClass().add("shape-cards");
        example.setId("shape-example");
        example.getStyleClass().add("hint");
        example.setWrapText(true);
        example.setMinHeight(Region.USE_PREF_SIZE);
        holdAxes.setId("shape-hold-axes");
        holdAxes.setMnemonicParsing(false);
        holdAxes.setTooltip(new Tooltip("Keep the y-axes as they are now, so moving a slider shows the curves "
                + "against a fixed scale instead of a rescaled one"));
        holdAxes.selectedProperty().addListener((o, was, now) -> {
            classificationCharts.holdRanges(now);
            regressionCharts.holdRanges(now);
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox under = new HBox(8, cost, gap, holdAxes);
        under.setAlignment(Pos.CENTER_LEFT);
        VBox centre = new VBox(6, lesson, example, charts, under, cardScroll);
        VBox.setVgrow(charts, Priority.ALWAYS);
        centre.setPadding(new Insets(8));
        return centre;
    }

    /** The classification charts always (they say "tick a loss" when empty); the regression ones when needed. */
    private void showPlots() {
        boolean regression = selection.hasPlot(Plot.REGRESSION);
        boolean classification = selection.hasPlot(Plot.CLASSIFICATION) || !regression;
        classificationCharts.node().setVisible(classification);
        classificationCharts.node().setManaged(classification);
        regressionCharts.node().setVisible(regression);
        regressionCharts.node().setManaged(regression);
    }

    // ---- catalogue ----------------------------------------------------------------------------------------------

    private void populate(List<LossShapeProbe.Candidate> candidates) {
        selection.setCandidates(candidates);
        Map<String, List<Key>> groups = new LinkedHashMap<>();
        List<Key> regression = new ArrayList<>();
        for (Key k : selection.entries()) {
            if (k.plot() == Plot.REGRESSION) {
                regression.add(k);
            } else {
                Family f = selection.loss(k).spec().family();
                groups.computeIfAbsent(f.displayName(), x -> new ArrayList<>()).add(k);
            }
        }
        List<Node> panes = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, List<Key>> g : groups.entrySet()) {
            panes.add(group(g.getKey(), g.getValue(), first));
            first = false;
        }
        if (!regression.isEmpty()) {
            panes.add(group("Regression (x = residual r)", regression, false));
        }
        List<LossShapeProbe.Candidate> hidden = candidates.stream().filter(c -> !c.drawable()).toList();
        if (!hidden.isEmpty()) {
            VBox list = new VBox(4);
            for (LossShapeProbe.Candidate c : hidden) {
                Label l = new Label(c.loss().spec().name() + ": " + c.notShownReason());
                l.setWrapText(true);
                l.getStyleClass().add("hint");
                list.getChildren().add(l);
            }
            TitledPane pane = new TitledPane("Not shown here (" + hidden.size() + ")", list);
            pane.setId("shape-not-shown");
            pane.setExpanded(false);
            panes.add(pane);
        }
        checklist.getChildren().setAll(panes);

        List<LossShapePresets.Preset> available = LossShapePresets.availableIn(selection);
        for (LossShapePresets.Preset p : available) {
            Button b = new Button(p.title());
            b.setMnemonicParsing(false);
            b.setId("shape-preset-" + p.id());
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(0);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setWrapText(true);
            b.setTooltip(new Tooltip(p.lesson()));
            b.getTooltip().setWrapText(true);
            b.getTooltip().setMaxWidth(400);
            b.setOnAction(e -> applyPreset(p));
            presets.getChildren().add(b);
        }
        if (available.isEmpty()) {
            presets.getChildren().add(new Label("(none: their losses are not in the catalogue)"));
        }
        populated = true;
        if (!available.isEmpty()) {
            applyPreset(available.get(0));
        } else {
            lesson.setText("Tick losses on the left to compare their shapes.");
            syncControls();
        }
    }

    private TitledPane group(String title, List<Key> keys, boolean expanded) {
        VBox rows = new VBox(4);
        for (Key k : keys) {
            rows.getChildren().add(row(k));
        }
        TitledPane pane = new TitledPane(title, rows);
        keys.forEach(k -> groupOf.put(k, pane));
        pane.setExpanded(expanded);
        pane.setMinWidth(0);
        pane.setId("shape-group-" + (keys.get(0).plot() == Plot.REGRESSION ? "regression"
                : selection.loss(keys.get(0)).spec().family().name().toLowerCase(Locale.ROOT)));
        return pane;
    }

    private Node row(Key key) {
        LossFunction loss = selection.loss(key);
        CheckBox check = new CheckBox(loss.spec().name());
        check.setMnemonicParsing(false);
        check.setId("shape-check-" + key.controlId());
        check.setTooltip(new Tooltip(loss.spec().id() + ": " + loss.spec().intuition()));
        check.getTooltip().setWrapText(true);
        check.getTooltip().setMaxWidth(400);
        check.selectedProperty().addListener((o, was, now) -> {
            if (!syncing) {
                selection.select(key, now);
                lesson.setText("Your own comparison: move the sliders and watch both charts.");
                syncControls();
            }
        });
        Region swatch = new Region();
        swatch.setMinSize(18, 4);
        swatch.setMaxSize(18, 4);
        HBox head = new HBox(6, check, swatch);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox holder = new VBox(2);
        holder.setPadding(new Insets(0, 0, 4, 22));
        checks.put(key, check);
        swatches.put(key, swatch);
        sliderHolders.put(key, holder);
        return new VBox(2, head, holder);
    }

    private void applyPreset(LossShapePresets.Preset preset) {
        preset.applyTo(selection);
        lesson.setText(preset.title() + ". " + preset.lesson());
        syncControls();
    }

    /** Brings every control in line with the selection (after a preset, a tick, a reset). */
    private void syncControls() {
        syncing = true;
        try {
            Settings s = selection.settings();
            (s.axis() == Axis.PROBABILITY ? probabilityAxis : marginAxis).setSelected(true);
            classes.setValue(s.classes());
            scale.setValue(s.scale());
            scale.setDisable(s.axis() == Axis.PROBABILITY);
            shift.setValue(s.shift());
            spread.setValue(s.rivalSpread());
            teacher.setValue(s.teacherMargin());
            teacher.setDisable(!selection.needsTeacher());
            // Regression curves read no logits: the example's controls would do nothing.
            boolean logits = selection.hasPlot(Plot.CLASSIFICATION);
            exampleNodes.forEach(n -> n.setDisable(!logits));
            for (Map.Entry<Key, CheckBox> e : checks.entrySet()) {
                Key k = e.getKey();
                boolean on = selection.isSelected(k);
                e.getValue().setSelected(on);
                swatches.get(k).setStyle(on ? "-fx-background-color: " + css(selection.colour(k)) + ";" : "");
                if (on) {
                    groupOf.get(k).setExpanded(true);
                }
                VBox holder = sliderHolders.get(k);
                if (!on) {
                    holder.getChildren().clear();
                } else {
                    holder.getChildren().setAll(sliders(k));
                }
            }
        } finally {
            syncing = false;
        }
        rebuildCards();
        showPlots();
    }

    private Node sliders(Key key) {
        LossFunction loss = selection.loss(key);
        if (loss.spec().params().isEmpty()) {
            Label none = new Label("no hyperparameters");
            none.getStyleClass().add("hint");
            return none;
        }
        return new ParamSliders("shape-" + key.controlId(), "loss '" + key.lossId() + "'", loss.spec().params(),
                name -> selection.param(key, name), (name, value) -> selection.setParam(key, name, value));
    }

    private void rebuildCards() {
        cards.getChildren().clear();
        cardNotes.clear();
        for (Key k : selection.selected()) {
            LossFunction loss = selection.loss(k);
            FormulaCard card = new FormulaCard();
            card.setId("shape-card-" + k.controlId());
            card.show(loss.spec());
            Label note = new Label(staticNote(k));
            note.setWrapText(true);
            note.getStyleClass().add("shape-note");
            cardNotes.put(k, note);
            // Right under the name: how this curve was made matters more than the citation.
            card.getChildren().add(1, note);
            Region bar = new Region();
            bar.setMinWidth(6);
            bar.setMaxWidth(6);
            bar.setStyle("-fx-background-color: " + css(selection.colour(k)) + ";");
            HBox framed = new HBox(0, bar, card);
            HBox.setHgrow(card, Priority.ALWAYS);
            double width = cardWidth(loss.spec().tex());
            framed.setPrefWidth(width);
            framed.setMinWidth(width);
            framed.setMaxWidth(width);
            cards.getChildren().add(framed);
        }
        updateNotes();
    }

    /** Wide enough for the whole formula (up to a limit; a longer one scrolls sideways inside the card). */
    private static double cardWidth(String tex) {
        try {
            double formula = TexImages.render(tex, FORMULA_POINTS).getWidth();
            return Math.max(CARD_WIDTH, Math.min(MAX_CARD_WIDTH, formula + 40));
        } catch (RuntimeException unparsed) {
            return CARD_WIDTH; // the card itself shows the raw TeX and why it did not typeset
        }
    }

    /** What a card adds about how the curve was made, before any result. */
    private String staticNote(Key k) {
        LossFunction loss = selection.loss(k);
        List<String> parts = new ArrayList<>();
        if (k.plot() == Plot.REGRESSION && loss.spec().inputs().contains("logits")) {
            parts.add("Drawn on regression inputs: it reads pred and target directly (no softmax, no one-hot), "
                    + "with r = pred − target. The formula below is its classification form.");
        }
        if (loss.spec().inputs().contains("teacherLogits")) {
            parts.add(String.format(Locale.ROOT, "Teacher logits: %.2f for the true class, 0 for the others.",
                    selection.settings().teacherMargin()));
        }
        if (loss.spec().inputs().contains("auxLogits")) {
            parts.add("Both heads output the same logits, so the push sums over them.");
        }
        return String.join(" ", parts);
    }

    private void updateNotes() {
        for (Map.Entry<Key, Label> e : cardNotes.entrySet()) {
            Key k = e.getKey();
            String text = staticNote(k);
            Shape s = lastShapes.get(k);
            Label note = e.getValue();
            note.getStyleClass().remove("error-text");
            if (s != null && !s.ok()) {
                text = "Not drawn: " + s.error();
                note.getStyleClass().add("error-text");
            } else if (s != null && s.pointwise()) {
                text = (text + " Batch-level loss: the examples of a batch interact, so each point is its own batch "
                        + "of one (" + s.size() + " points).").trim();
            }
            if (s != null && s.ok() && isStep(s)) {
                text = (text + " A step: this loss changes only where the true logit ties with its rivals, so with "
                        + "tied rivals it sees just the sign of m. Spread the rival logits (d) to see more.").trim();
            }
            note.setText(text);
            note.setVisible(!text.isEmpty());
            note.setManaged(!text.isEmpty());
        }
    }

    /**
     * True for a curve that is flat but for a jump: ℓ varies while its derivative is 0 at nearly every point (a loss
     * of standardised logits when the rivals are tied).
     */
    static boolean isStep(Shape s) {
        if (s.plot() != Plot.CLASSIFICATION || s.size() < 10) {
            return false;
        }
        int flat = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            if (Math.abs(s.derivative()[i]) < 1e-9) {
                flat++;
            }
            if (Double.isFinite(s.loss()[i])) {
                lo = Math.min(lo, s.loss()[i]);
                hi = Math.max(hi, s.loss()[i]);
            }
        }
        return flat >= 0.9 * s.size() && hi - lo > 1e-3;
    }

    private static String css(int argb) {
        return String.format(Locale.ROOT, "#%06X", argb & 0xFFFFFF);
    }

    // ---- frames -------------------------------------------------------------------------------------------------

    /**
     * Once per frame: fills the checklist when the engine is ready, submits the newest settings if they changed, and
     * draws the newest curves if they arrived.
     */
    @Override
    public boolean redrawIfDirty() {
        if (worker == null) {
            return false;
        }
        if (!populated) {
            if (!worker.candidates().isDone()) {
                return false;
            }
            try {
                populate(worker.candidates().get());
            } catch (InterruptedException | ExecutionException e) {
                populated = true;
                Throwable cause = e.getCause() == null ? e : e.getCause();
                lesson.setText("The loss shapes cannot be computed: the " + engineId + " engine did not start ("
                        + cause.getMessage() + ").");
                return false;
            }
        }
        if (selection.version() != submittedVersion) {
            submittedVersion = selection.version();
            submittedGeneration = worker.submit(selection.requests(), selection.settings());
        }
        LossShapeWorker.Result r = worker.newerThan(shownGeneration);
        if (r == null) {
            return false;
        }
        shownGeneration = r.generation();
        draw(r);
        redraws++;
        return true;
    }

    private void draw(LossShapeWorker.Result r) {
        if (r.error() != null) {
            cost.setText("Not computed: " + r.error());
            return;
        }
        lastShapes.clear();
        List<Shape> classification = new ArrayList<>();
        List<Shape> regression = new ArrayList<>();
        Map<Shape, Key> keys = new LinkedHashMap<>();
        for (Shape s : r.shapes()) {
            Key k = new Key(s.lossId(), s.plot());
            if (!selection.isSelected(k)) {
                continue; // deselected while this was computed; the next result will not have it
            }
            lastShapes.put(k, s);
            keys.put(s, k);
            (s.plot() == Plot.REGRESSION ? regression : classification).add(s);
        }
        classificationCharts.show(classification, r.settings(), s -> legend(keys.get(s), s),
                s -> selection.colour(keys.get(s)));
        regressionCharts.show(regression, r.settings(), s -> legend(keys.get(s), s),
                s -> selection.colour(keys.get(s)));
        example.setText(describeExample(r.settings()));
        int points = r.shapes().stream().filter(Shape::ok).mapToInt(Shape::size).max().orElse(0);
        long failed = r.shapes().stream().filter(s -> !s.ok()).count();
        cost.setText(String.format(Locale.ROOT, "%d curve%s × %d points on %s: %.0f ms%s", r.shapes().size(),
                r.shapes().size() == 1 ? "" : "s", points, engineId, r.nanos() / 1e6,
                failed == 0 ? "" : " · " + failed + " could not be drawn (see its card)"));
        updateNotes();
    }

    /** The logits behind the curves, in words and numbers, so the x-axis means something concrete. */
    private String describeExample(Settings s) {
        List<String> parts = new ArrayList<>();
        if (selection.hasPlot(Plot.CLASSIFICATION)) {
            String trueLogit = s.axis() == Axis.PROBABILITY
                    ? "the true class's logit z_y is set so that softmax gives it probability p_y"
                    : String.format(Locale.ROOT, "the true class's logit is z_y = s·m + β = %.2f·m %s %.2f",
                            s.scale(), s.shift() < 0 ? "−" : "+", Math.abs(s.shift()));
            String rivals = s.rivalSpread() == 0 || s.classes() == 2
                    ? String.format(Locale.ROOT, "its %d rival%s sit at β = %.2f", s.classes() - 1,
                            s.classes() == 2 ? "" : "s", s.shift())
                    : String.format(Locale.ROOT, "its %d rivals are spread evenly over β ± s·d = %.2f ± %.2f",
                            s.classes() - 1, s.shift(), s.scale() * s.rivalSpread());
            parts.add("One example, " + s.classes() + " classes: " + trueLogit + "; " + rivals + ".");
        }
        if (selection.hasPlot(Plot.REGRESSION)) {
            parts.add("Regression: one prediction with residual r = prediction − target.");
        }
        return String.join(" ", parts);
    }

    private String legend(Key k, Shape s) {
        String name = selection.loss(k).spec().name();
        return s.pointwise() ? name + " (one point per batch)" : name;
    }

    /** Redraws so far (at most one per frame). */
    long redraws() {
        return redraws;
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    LossShapeSelection selection() {
        return selection;
    }

    LossShapeCharts charts(Plot plot) {
        return plot == Plot.REGRESSION ? regressionCharts : classificationCharts;
    }

    boolean populated() {
        return populated;
    }

    long shownGeneration() {
        return shownGeneration;
    }

    /** True when the curves on screen were computed from the current selection and settings. */
    boolean upToDate() {
        return worker != null && submittedVersion == selection.version() && shownGeneration == submittedGeneration;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
