package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.analysis.EmbeddingProjector;
import org.losslab.analysis.embedding.EmbeddingFrame;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.EmbeddingReport;
import org.losslab.train.EmbeddingSnapshot;
import org.losslab.train.Progress;

/**
 * The "Embedding" workspace of an embedding experiment: the embeddings of the held-out classes (never trained on)
 * and of the seen classes' validation rows as a scatter coloured by class — the raw plane for a 2-D embedding,
 * else PCA or t-SNE warm-started from the previous picture and aligned to it ({@link EmbeddingProjector}, on its own
 * thread) — and recall@1 over training per arm, with the newest metrics in words. A comparison's arms train
 * together; the picture follows the chosen arm.
 */
public final class EmbeddingWorkspace implements FrameCoalescer.Redrawable {
    /** Projection choices; AUTO is the raw plane for 2-D embeddings, else t-SNE. */
    enum View {
        AUTO("auto"), PCA("PCA"), TSNE("t-SNE");

        private final String label;

        View(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Class colours (Tableau 10), the same in the scatter and its legend. */
    static final Color[] CLASS_COLOURS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"), Color.web("#9467bd"),
        Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"), Color.web("#bcbd22"), Color.web("#17becf")};
    private static final java.awt.Color[] ARM_COLOURS = {new java.awt.Color(0x1F77B4), new java.awt.Color(0xD62728),
        new java.awt.Color(0x2CA02C), new java.awt.Color(0x9467BD)};
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final EmbeddingService service;
    private final TabPane workspaces;
    private final Tab tab;
    private final Consumer<Progress> onProgress;
    private final Consumer<Progress> onStatus;
    private final BorderPane root = new BorderPane();
    private final ChoiceBox<String> arm = new ChoiceBox<>();
    private final ChoiceBox<View> view = new ChoiceBox<>();
    private final CheckBox showHeldOut = new CheckBox("held-out classes");
    private final CheckBox showSeen = new CheckBox("seen classes");
    private final Label setupLabel = new Label();
    private final Canvas canvas = new Canvas(600, 500);
    private final Label scatterNote = new Label();
    private final Label metricsText = new Label();
    private final XYSeriesCollection recall = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Label empty = new Label("No embedding experiment loaded. Open one with \"task\": \"embedding\", "
            + "e.g. Samples → digits-embedding-2d-triplet.json or mnist-triplet-vs-ntxent-vs-dcl.json.");

    private ResolvedExperiment experiment;
    private EmbeddingFeed feed;
    private EmbeddingProjector projector;
    private final AtomicReference<EmbeddingProjector.Projection> projected = new AtomicReference<>();
    private final Map<Long, EmbeddingSnapshot> snapshotsByStep = new LinkedHashMap<>();
    private EmbeddingProjector.Projection shown;
    private boolean[] shownHeldOut;
    private EmbeddingSnapshot shownSnapshot;
    /** Screen positions of the drawn points ([2n]), NaN for hidden ones; for hover and click. */
    private double[] screen = new double[0];
    private int hovered = -1;
    private int pinned = -1;
    private final List<EmbeddingSnapshot> latestSnapshots = new ArrayList<>();
    private final List<EmbeddingReport> latestReports = new ArrayList<>();
    private List<String> labels = List.of();
    private int dim;
    private boolean dirty;

    /** Adds the "Embedding" tab to {@code workspaces}; see {@link CompareWorkspace} for the two consumers. */
    public EmbeddingWorkspace(TabPane workspaces, EmbeddingService service, Consumer<Progress> onProgress,
            Consumer<Progress> onStatus) {
        this.workspaces = workspaces;
        this.service = service;
        this.onProgress = onProgress;
        this.onStatus = onStatus;
        root.setId("embedding-workspace");
        root.getStyleClass().add("tile-board");

        arm.setId("embedding-arm");
        arm.setTooltip(new Tooltip("The run whose embedding is drawn"));
        arm.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> resubmit());
        view.getItems().setAll(View.values());
        view.setValue(View.AUTO);
        view.setId("embedding-view");
        view.setTooltip(new Tooltip("How the embedding becomes a picture: its own plane (2-D embeddings), PCA, or "
                + "t-SNE warm-started from the previous picture"));
        view.valueProperty().addListener((o, was, now) -> resubmit());
        for (CheckBox box : List.of(showHeldOut, showSeen)) {
            box.setSelected(true);
            box.selectedProperty().addListener((o, was, now) -> dirty = true);
        }
        showHeldOut.setId("embedding-show-held-out");
        showSeen.setId("embedding-show-seen");
        showHeldOut.setTooltip(new Tooltip("Classes never trained on: filled dots"));
        showSeen.setTooltip(new Tooltip("Validation rows of the classes trained on: rings"));
        setupLabel.getStyleClass().add("legend-text");
        FlowPane bar = new FlowPane(8, 6, new Label("run"), arm, new Label("picture"), view, showHeldOut, showSeen,
                setupLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        Pane canvasHolder = new Pane(canvas);
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> dirty = true);
        canvas.heightProperty().addListener((o, a, b) -> dirty = true);
        canvas.setId("embedding-canvas");
        canvas.setOnMouseMoved(e -> {
            int near = nearestPoint(e.getX(), e.getY());
            if (near != hovered) {
                hovered = near;
                dirty = true;
            }
        });
        canvas.setOnMouseExited(e -> {
            hovered = -1;
            dirty = true;
        });
        canvas.setOnMouseClicked(e -> {
            pinned = nearestPoint(e.getX(), e.getY());
            dirty = true;
        });
        scatterNote.getStyleClass().add("legend-text");
        scatterNote.setWrapText(true);
        scatterNote.setId("embedding-note");
        VBox scatterBox = new VBox(4, canvasHolder, scatterNote);
        VBox.setVgrow(canvasHolder, Priority.ALWAYS);
        Tile scatterTile = new Tile("Embedding", scatterBox);
        scatterTile.setId("embedding-scatter-tile");

        NumberAxis steps = new NumberAxis("training step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis value = new NumberAxis("recall@1");
        value.setRange(0, 1.02);
        for (NumberAxis a : new NumberAxis[] {steps, value}) {
            a.setLabelFont(AXIS_FONT);
        }
        XYPlot plot = new XYPlot(recall, steps, value, renderer);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("embedding-recall-chart");
        viewer.setMinSize(100, 80);
        Tile recallTile = new Tile("Retrieval over training", viewer);
        recallTile.setId("embedding-recall-tile");
        metricsText.setWrapText(true);
        metricsText.setId("embedding-metrics");
        metricsText.getStyleClass().add("legend-text");
        Tile metricsTile = new Tile("Now", metricsText);
        VBox side = new VBox(8, recallTile, metricsTile);
        VBox.setVgrow(recallTile, Priority.ALWAYS);
        SplitPane split = new SplitPane(scatterTile, side);
        split.setDividerPositions(0.6);
        split.setPadding(new Insets(0, 8, 8, 8));

        empty.getStyleClass().add("view-notice");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        root.setTop(bar);
        root.setCenter(new StackPane(empty));
        tab = new Tab("Embedding", root);
        tab.setId("embedding-tab");
        workspaces.getTabs().add(tab);
        this.body = split;
    }

    private final SplitPane body;

    /** True while an embedding experiment is loaded: the run buttons act on it. */
    public boolean isActive() {
        return experiment != null;
    }

    public EmbeddingService service() {
        return service;
    }

    /** Stops whatever was loaded, loads {@code r} paused at step 0 and shows the tab. FX thread. */
    public void load(ResolvedExperiment r) {
        closeProjector();
        experiment = r;
        feed = service.load(r);
        labels = EmbeddingService.armLabels(r);
        arm.getItems().setAll(labels);
        arm.getSelectionModel().select(0);
        boolean many = labels.size() > 1;
        arm.setDisable(!many);
        recall.removeAllSeries();
        for (int i = 0; i < labels.size(); i++) {
            recall.addSeries(new XYSeries(labels.get(i) + " · held-out", true, true));
            renderer.setSeriesPaint(2 * i, ARM_COLOURS[i % ARM_COLOURS.length]);
            renderer.setSeriesStroke(2 * i, new BasicStroke(2f));
            recall.addSeries(new XYSeries(labels.get(i) + " · seen", true, true));
            renderer.setSeriesPaint(2 * i + 1, ARM_COLOURS[i % ARM_COLOURS.length]);
            renderer.setSeriesStroke(2 * i + 1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    1f, new float[] {5f, 4f}, 0f));
        }
        latestSnapshots.clear();
        latestReports.clear();
        for (int i = 0; i < labels.size(); i++) {
            latestSnapshots.add(null);
            latestReports.add(null);
        }
        snapshotsByStep.clear();
        shown = null;
        shownHeldOut = null;
        shownSnapshot = null;
        hovered = -1;
        pinned = -1;
        dim = r.setup().model().outputs();
        projector = new EmbeddingProjector(EmbeddingProjector.Settings.defaults(), projected::set);
        setupLabel.setText("starting…");
        metricsText.setText("Press Train. Every " + r.setup().evalEvery() + " steps the embedding of the held-out "
                + "classes is measured and drawn.");
        scatterNote.setText("");
        root.setCenter(body);
        dirty = true;
        workspaces.getSelectionModel().select(tab);
    }

    /** Stops the loaded run, if any. */
    public void unload() {
        if (experiment == null) {
            return;
        }
        service.unload();
        closeProjector();
        experiment = null;
        feed = null;
        root.setCenter(new StackPane(empty));
    }

    private void closeProjector() {
        if (projector != null) {
            projector.close();
            projector = null;
        }
        projected.set(null);
    }

    /** The sentence for the status bar when the run has finished. */
    public String finishedSummary(Progress p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Finished %,d steps. Held-out recall@1:", p.step()));
        for (int i = 0; i < labels.size(); i++) {
            EmbeddingReport r = latestReports.get(i);
            sb.append(String.format(Locale.ROOT, " %s %.3f%s", labels.get(i), r == null ? Double.NaN : r.recallAt1(),
                    i + 1 < labels.size() ? "," : "."));
        }
        return sb.append(" Train again starts from scratch.").toString();
    }

    private int chosenArm() {
        return Math.max(0, arm.getSelectionModel().getSelectedIndex());
    }

    private EmbeddingProjector.Method method() {
        return switch (view.getValue()) {
            case PCA -> EmbeddingProjector.Method.PCA;
            case TSNE -> EmbeddingProjector.Method.TSNE;
            case AUTO -> EmbeddingProjector.Method.defaultFor(dim, 2);
        };
    }

    /** A new picture of the chosen arm's newest embeddings (another arm or another projection). */
    private void resubmit() {
        if (experiment == null || latestSnapshots.isEmpty()) {
            return;
        }
        EmbeddingSnapshot s = latestSnapshots.get(chosenArm());
        if (s != null) {
            submit(s);
        }
        updateMetricsText();
    }

    private void submit(EmbeddingSnapshot s) {
        if (projector == null) {
            return;
        }
        snapshotsByStep.put(s.step(), s);
        while (snapshotsByStep.size() > 8) {
            snapshotsByStep.remove(snapshotsByStep.keySet().iterator().next());
        }
        projector.submit(s.step(), s.points(), s.labels(), method());
    }

    @Override
    public boolean redrawIfDirty() {
        if (feed == null) {
            return false;
        }
        EmbeddingFeed.Frame f = feed.drain();
        if (f.started() != null) {
            setupLabel.setText(f.started());
        }
        if (f.progress() != null) {
            onProgress.accept(f.progress());
        }
        f.statusChanges().forEach(onStatus);
        boolean charted = false;
        for (EmbeddingFeed.ArmReport r : f.reports()) {
            latestReports.set(r.arm(), r.report());
            recall.getSeries(2 * r.arm()).addOrUpdate(r.report().step(), r.report().recallAt1());
            if (Double.isFinite(r.report().seenRecallAt1())) {
                recall.getSeries(2 * r.arm() + 1).addOrUpdate(r.report().step(), r.report().seenRecallAt1());
            }
            charted = true;
        }
        for (int i = 0; i < f.snapshots().size(); i++) {
            EmbeddingSnapshot s = f.snapshots().get(i);
            if (s != null) {
                latestSnapshots.set(i, s);
                if (i == chosenArm()) {
                    submit(s);
                }
            }
        }
        if (charted) {
            updateMetricsText();
        }
        EmbeddingProjector.Projection p = projected.getAndSet(null);
        if (p != null) {
            EmbeddingSnapshot snap = snapshotsByStep.get(p.step());
            if (snap != null) {
                shown = p;
                shownSnapshot = snap;
                shownHeldOut = snap.heldOut();
                dirty = true;
            }
        }
        if (dirty) {
            dirty = false;
            drawScatter();
            return true;
        }
        return charted;
    }

    private void updateMetricsText() {
        EmbeddingReport r = latestReports.isEmpty() ? null : latestReports.get(chosenArm());
        if (r == null) {
            return;
        }
        metricsText.setText(String.format(Locale.ROOT, "%s at step %,d, on the held-out classes (never trained on): "
                + "recall@1 %.3f, recall@5 %.3f, 5-NN accuracy %.3f, NMI of k-means clusters %.3f, uniformity %.2f "
                + "(lower is more evenly spread on the sphere), tolerance %.2f (mean cosine within a class). Seen "
                + "classes' validation recall@1 %.3f.", labels.get(chosenArm()), r.step(), r.recallAt1(),
                r.recallAt5(), r.knnAccuracy(), r.nmi(), r.uniformity(), r.tolerance(), r.seenRecallAt1()));
    }

    /** The scatter: held-out classes as filled dots, seen classes as rings, colour by class, with a legend. */
    private void drawScatter() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (shown == null || shownHeldOut == null || w < 40 || h < 40) {
            g.setFill(Color.GRAY);
            g.fillText(experiment == null ? "" : "The embedding appears at the first evaluation.", 12, 20);
            return;
        }
        EmbeddingFrame frame = shown.frame();
        int[] classes = shown.labels();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < frame.size(); i++) {
            minX = Math.min(minX, frame.coordinate(i, 0));
            maxX = Math.max(maxX, frame.coordinate(i, 0));
            minY = Math.min(minY, frame.coordinate(i, 1));
            maxY = Math.max(maxY, frame.coordinate(i, 1));
        }
        double legendWidth = 110;
        double pad = 14;
        double span = Math.max(maxX - minX, maxY - minY);
        if (!(span > 0)) {
            span = 1;
        }
        double scale = Math.min(w - legendWidth - 2 * pad, h - 2 * pad) / span;
        double ox = pad + (w - legendWidth - 2 * pad - scale * (maxX - minX)) / 2;
        double oy = pad + (h - 2 * pad - scale * (maxY - minY)) / 2;
        screen = new double[2 * frame.size()];
        java.util.Arrays.fill(screen, Double.NaN);
        for (int pass = 0; pass < 2; pass++) {
            boolean heldPass = pass == 1; // held-out on top
            if ((heldPass && !showHeldOut.isSelected()) || (!heldPass && !showSeen.isSelected())) {
                continue;
            }
            for (int i = 0; i < frame.size() && i < shownHeldOut.length; i++) {
                if (shownHeldOut[i] != heldPass) {
                    continue;
                }
                double x = ox + scale * (frame.coordinate(i, 0) - minX);
                double y = oy + scale * (maxY - frame.coordinate(i, 1));
                screen[2 * i] = x;
                screen[2 * i + 1] = y;
                Color c = CLASS_COLOURS[Math.floorMod(classes[i], CLASS_COLOURS.length)];
                if (heldPass) {
                    g.setFill(c.deriveColor(0, 1, 1, 0.85));
                    g.fillOval(x - 3, y - 3, 6, 6);
                } else {
                    g.setStroke(c.deriveColor(0, 1, 1, 0.55));
                    g.setLineWidth(1);
                    g.strokeOval(x - 2.5, y - 2.5, 5, 5);
                }
            }
        }
        drawLegend(g, w - legendWidth + 6, classes);
        int inspected = pinned >= 0 ? pinned : hovered;
        if (inspected >= 0 && inspected < frame.size() && shownSnapshot != null) {
            drawInspection(g, inspected, w, h);
        }
        scatterNote.setText(String.format(Locale.ROOT, "%s of the %s embedding at step %,d (%d-D%s). Dots: held-out "
                + "classes, never trained on; rings: seen classes (validation). Close dots of one colour mean the "
                + "network groups a class it has never seen. Hover or click a point: its image and nearest neighbours.", shown.method() == EmbeddingProjector.Method.RAW
                        ? "The plane" : shown.method() == EmbeddingProjector.Method.PCA ? "PCA" : "t-SNE",
                labels.get(chosenArm()), shown.step(), dim, shown.method() == EmbeddingProjector.Method.TSNE
                        ? ", warm-started and aligned to the previous picture" : ""));
    }

    /** The drawn point nearest to (x, y) within 10 px, or −1. */
    private int nearestPoint(double x, double y) {
        int best = -1;
        double bestD = 100;
        for (int i = 0; i + 1 < screen.length; i += 2) {
            double dx = screen[i] - x;
            double dy = screen[i + 1] - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i / 2;
            }
        }
        return best;
    }

    /** Number of nearest neighbours shown for an inspected point. */
    static final int NEIGHBOURS = 5;

    /**
     * The inspected point's example (a thumbnail for images) and its nearest neighbours in the embedding space (not
     * in the picture: t-SNE and PCA distort distances), linked on the plot and shown with their classes.
     */
    private void drawInspection(GraphicsContext g, int i, double w, double h) {
        int[] near = neighbours(shownSnapshot.points(), i, NEIGHBOURS);
        int[] classes = shownSnapshot.labels();
        g.setLineWidth(1.2);
        for (int j : near) {
            if (!Double.isNaN(screen[2 * j])) {
                g.setStroke(classes[j] == classes[i] ? Color.web("#2ca02c") : Color.web("#d62728"));
                g.strokeLine(screen[2 * i], screen[2 * i + 1], screen[2 * j], screen[2 * j + 1]);
            }
        }
        g.setStroke(Color.BLACK);
        g.setLineWidth(2);
        g.strokeOval(screen[2 * i] - 6, screen[2 * i + 1] - 6, 12, 12);
        int[] shape = shownSnapshot.exampleShape();
        boolean image = shape.length == 3 && shape[0] == 1;
        double cell = 44;
        double boxW = Math.max(12 + (NEIGHBOURS + 1) * (cell + 6), 520);
        double boxH = image ? cell + 40 : 52;
        double bx = 8;
        double by = h - boxH - 8;
        g.setFill(Color.color(1, 1, 1, 0.92));
        g.fillRect(bx, by, boxW, boxH);
        g.setStroke(Color.web("#999999"));
        g.setLineWidth(1);
        g.strokeRect(bx, by, boxW, boxH);
        List<String> names = experiment.setup().data().train().classNames();
        for (int k = 0; k <= near.length; k++) {
            int p = k == 0 ? i : near[k - 1];
            double x = bx + 6 + k * (cell + 6);
            if (image) {
                drawThumbnail(g, shownSnapshot.example(p), shape[1], shape[2], x, by + 18, cell);
            }
            g.setFill(k == 0 ? Color.BLACK : classes[p] == classes[i] ? Color.web("#2ca02c") : Color.web("#d62728"));
            String name = classes[p] < names.size() ? names.get(classes[p]) : Integer.toString(classes[p]);
            g.fillText((k == 0 ? "this: " : "") + name, x, by + (image ? cell + 32 : 34));
        }
        g.setFill(Color.web("#333333"));
        g.fillText((pinned >= 0 ? "Pinned (click elsewhere to release)" : "Hovered") + ": "
                + (shownHeldOut[i] ? "held-out class" : "seen class") + "; its " + NEIGHBOURS + " nearest neighbours in "
                + "the embedding (green: same class)", bx + 6, by + 13);
    }

    /** Indices of the k nearest other points of {@code points[i]}, Euclidean in the embedding space, nearest first. */
    static int[] neighbours(double[][] points, int i, int k) {
        int n = points.length;
        Integer[] idx = new Integer[n];
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            idx[j] = j;
            double s = 0;
            for (int c = 0; c < points[i].length; c++) {
                double diff = points[j][c] - points[i][c];
                s += diff * diff;
            }
            d[j] = j == i ? Double.POSITIVE_INFINITY : s;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(d[a], d[b]));
        int m = Math.min(k, n - 1);
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            out[j] = idx[j];
        }
        return out;
    }

    /** A grey image [H·W] (values about 0…1, white ink on black as MNIST stores it) as a size×size thumbnail. */
    private static void drawThumbnail(GraphicsContext g, double[] pixels, int height, int width, double x, double y,
            double size) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : pixels) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = hi > lo ? hi - lo : 1;
        double cw = size / width;
        double ch = size / height;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double v = (pixels[r * width + c] - lo) / range;
                g.setFill(Color.gray(1 - v));
                g.fillRect(x + c * cw, y + r * ch, Math.ceil(cw), Math.ceil(ch));
            }
        }
    }

    private void drawLegend(GraphicsContext g, double x, int[] classes) {
        boolean[] present = new boolean[CLASS_COLOURS.length * 4];
        boolean[] held = new boolean[present.length];
        for (int i = 0; i < classes.length && i < shownHeldOut.length; i++) {
            if (classes[i] >= 0 && classes[i] < present.length) {
                present[classes[i]] = true;
                held[classes[i]] |= shownHeldOut[i];
            }
        }
        List<String> names = experiment.setup().data().train().classNames();
        double y = 20;
        g.setFill(Color.web("#333333"));
        g.fillText("class", x, y);
        y += 16;
        for (int c = 0; c < present.length; c++) {
            if (!present[c]) {
                continue;
            }
            Color col = CLASS_COLOURS[c % CLASS_COLOURS.length];
            if (held[c]) {
                g.setFill(col);
                g.fillOval(x, y - 8, 8, 8);
            } else {
                g.setStroke(col);
                g.strokeOval(x, y - 8, 8, 8);
            }
            g.setFill(Color.web("#333333"));
            String name = c < names.size() ? names.get(c) : Integer.toString(c);
            g.fillText(name + (held[c] ? "  (held out)" : ""), x + 14, y);
            y += 16;
        }
    }

    // ---- for the window and tests ------------------------------------------------------------------------------

    public Tab tab() {
        return tab;
    }

    /** The newest drawn projection, or null. */
    EmbeddingProjector.Projection shown() {
        return shown;
    }

    /** Where point {@code i} was drawn, in canvas coordinates, or null when hidden. */
    double[] drawnAt(int i) {
        return 2 * i + 1 < screen.length && !Double.isNaN(screen[2 * i]) ? new double[] {screen[2 * i],
            screen[2 * i + 1]} : null;
    }

    /** The clicked point, or −1. */
    int pinned() {
        return pinned;
    }

    Canvas canvas() {
        return canvas;
    }

    /** Points of the recall@1 series of {@code arm} on the held-out classes. */
    int recallPoints(int armIndex) {
        return recall.getSeriesCount() > 2 * armIndex ? recall.getSeries(2 * armIndex).getItemCount() : 0;
    }

    public void close() {
        unload();
        service.close();
    }
}
