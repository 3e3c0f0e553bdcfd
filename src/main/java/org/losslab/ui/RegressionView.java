package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.train.MetricPoint;
import org.losslab.viz.FittedFunction;
import org.losslab.viz.ValuePalette;

/**
 * The regression task's main view, in place of the decision boundary. With one input: the training points (outliers
 * in red), the true function (dashed) and the model's fitted curve above, and the residuals y − ŷ of the training
 * points against x below, with the fit's own error f(x) − ŷ(x) as a line. With two inputs: the fitted surface as a
 * heat map with the training points on top (coloured by their targets on the same scale, outliers crossed), and the
 * residuals against the fitted values beside it. Drawn on a canvas, at most once per frame.
 */
public final class RegressionView extends BorderPane implements FrameCoalescer.Redrawable {
    static final Color POINT = Color.web("#1f77b4");
    static final Color OUTLIER = Color.web("#d62728");
    static final Color TRUTH = Color.web("#2ca02c");
    static final Color FIT = Color.web("#ff7f0e");
    private static final Color AXIS_TEXT = Color.web("#444");
    private static final Color GRID = Color.web("#e4e4e4");
    private static final double MARGIN_LEFT = 44;
    private static final double MARGIN_BOTTOM = 22;
    private static final double MARGIN = 10;
    private static final double GAP = 26;
    /** Room right of a heat map for its colour bar and the bar's labels. */
    private static final double COLOUR_BAR = 48;

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label notice = new Label();
    private final FlowPane legend = new FlowPane(14, 4);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private RegressionData data;
    private FittedFunction fit;
    private WritableImage heat;
    private double[] heatRange;
    /** Newest validation MSE and R² (NaN before the first evaluation) and their step. */
    private double validationMse = Double.NaN;
    private double validationR2 = Double.NaN;
    private long metricsStep = -1;
    private boolean dirty = true;
    private long redraws;

    public RegressionView() {
        getStyleClass().add("regression-view");
        setId("regression-view");
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> markDirty());
        canvas.heightProperty().addListener(o -> markDirty());
        notice.setWrapText(true);
        notice.setTextAlignment(TextAlignment.CENTER);
        notice.setAlignment(Pos.CENTER);
        notice.setMaxWidth(420);
        notice.getStyleClass().add("view-notice");
        notice.setVisible(false);
        StackPane centre = new StackPane(canvasHolder, notice);
        centre.setMinSize(0, 0);
        setCenter(centre);
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.setAlignment(Pos.CENTER_LEFT);
        setBottom(legend);
    }

    /** The tile caption: probe cost, step and the newest validation numbers. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Shows {@code regression}'s points and true function; the fit follows when the first one arrives. */
    public void setData(RegressionData regression) {
        data = regression;
        fit = null;
        heat = null;
        heatRange = null;
        validationMse = Double.NaN;
        validationR2 = Double.NaN;
        metricsStep = -1;
        notice.setVisible(false);
        buildLegend();
        updateCaption();
        markDirty();
    }

    /** No curve to draw (more than two inputs): {@code reason} says why. */
    public void setUnavailable(String reason) {
        data = null;
        fit = null;
        heat = null;
        notice.setText(reason);
        notice.setVisible(true);
        legend.getChildren().clear();
        caption.set("not available for this data");
        markDirty();
    }

    /** A new fit from the probe (FX thread). */
    public void setFit(FittedFunction newFit) {
        if (data == null || newFit.inputDims() != data.inputDims()) {
            return;
        }
        fit = newFit;
        if (newFit.inputDims() == 2) {
            paintHeat(newFit);
        }
        updateCaption();
        markDirty();
    }

    /** Takes the newest validation MSE and R² from a frame's metric points. */
    public void addMetrics(List<MetricPoint> points) {
        boolean changed = false;
        for (MetricPoint p : points) {
            if (!p.split().equals("val") || p.step() < metricsStep) {
                continue;
            }
            switch (p.metric()) {
                case "mse" -> validationMse = p.value();
                case "r2" -> validationR2 = p.value();
                default -> {
                    continue;
                }
            }
            metricsStep = p.step();
            changed = true;
        }
        if (changed) {
            updateCaption();
        }
    }

    public FittedFunction fit() {
        return fit;
    }

    public RegressionData data() {
        return data;
    }

    public boolean isShowingData() {
        return data != null;
    }

    public String notice() {
        return notice.getText();
    }

    /** Newest validation R², or NaN before the first evaluation. */
    public double validationR2() {
        return validationR2;
    }

    /** Newest validation MSE, or NaN before the first evaluation. */
    public double validationMse() {
        return validationMse;
    }

    public void markDirty() {
        dirty = true;
    }

    public long redraws() {
        return redraws;
    }

    @Override
    public boolean redrawIfDirty() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        redraws++;
        draw();
        return true;
    }

    private void updateCaption() {
        StringBuilder sb = new StringBuilder();
        if (fit != null) {
            sb.append(String.format(Locale.ROOT, "step %,d: %.0f ms", fit.step(), fit.costMillis()));
        }
        if (!Double.isNaN(validationMse)) {
            sb.append(sb.length() == 0 ? "" : " · ").append(String.format(Locale.ROOT, "val MSE %.3g · R² %.3f",
                    validationMse, validationR2));
        }
        caption.set(sb.toString());
    }

    private void buildLegend() {
        legend.getChildren().clear();
        if (data == null) {
            return;
        }
        Circle point = new Circle(4, POINT);
        legend.getChildren().add(legendLabel("training point", point));
        Circle outlier = new Circle(4, Color.TRANSPARENT);
        outlier.setStroke(OUTLIER);
        outlier.setStrokeWidth(1.8);
        int outliers = data.outlierCount();
        legend.getChildren().add(legendLabel(String.format(Locale.ROOT, "injected outlier (%d of %d)%s", outliers,
                data.trainSize(), data.inputDims() == 2 ? ", × on the map" : ""), outlier));
        if (data.inputDims() == 1) {
            if (data.truth() != null) {
                Line truth = new Line(0, 0, 18, 0);
                truth.setStroke(TRUTH);
                truth.setStrokeWidth(2);
                truth.getStrokeDashArray().setAll(6.0, 4.0);
                legend.getChildren().add(legendLabel("true f(x) = " + data.truth().formula(), truth));
            }
            Line fitted = new Line(0, 0, 18, 0);
            fitted.setStroke(FIT);
            fitted.setStrokeWidth(2.5);
            legend.getChildren().add(legendLabel("fitted ŷ(x)", fitted));
        } else {
            Rectangle scale = new Rectangle(18, 10, Color.web("#21918C"));
            String truth = data.truth() == null ? "" : "; true f = " + data.truth().formula();
            legend.getChildren().add(legendLabel("fitted ŷ(x₁, x₂), points coloured by their y on the same scale"
                    + truth, scale));
        }
    }

    private static Label legendLabel(String text, javafx.scene.Node graphic) {
        Label l = new Label(text, graphic);
        l.getStyleClass().add("legend-text");
        return l;
    }

    private void paintHeat(FittedFunction f) {
        double[] range = f.valueRange();
        double lo = Math.min(range[0], min(data.trainY(), data.outliers()));
        double hi = Math.max(range[1], max(data.trainY(), data.outliers()));
        heatRange = new double[] {lo, hi};
        if (heat == null || heat.getWidth() != f.columns() || heat.getHeight() != f.rows()) {
            heat = new WritableImage(f.columns(), f.rows());
        }
        PixelWriter pw = heat.getPixelWriter();
        for (int r = 0; r < f.rows(); r++) {
            int imageRow = f.rows() - 1 - r; // row 0 of the grid is the bottom of the plot
            for (int c = 0; c < f.columns(); c++) {
                pw.setArgb(c, imageRow, ValuePalette.colour(f.value(c, r), lo, hi));
            }
        }
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    /** A plot area on the canvas and the data ranges it maps. */
    private record Frame(double left, double top, double width, double height, double x0, double x1, double y0,
            double y1) {
        double px(double x) {
            return left + (x - x0) / (x1 - x0) * width;
        }

        double py(double y) {
            return top + (y1 - y) / (y1 - y0) * height;
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (data == null || w < 120 || h < 120) {
            return;
        }
        if (data.inputDims() == 1) {
            drawCurve(g, w, h);
        } else {
            drawSurface(g, w, h);
        }
    }

    private void drawCurve(GraphicsContext g, double w, double h) {
        double plotW = w - MARGIN_LEFT - MARGIN;
        double available = h - MARGIN - 2 * MARGIN_BOTTOM - GAP;
        double fitH = available * 0.64;
        double residualH = available - fitH;
        double[] truthY = data.truth() == null ? new double[0] : data.truth().atRows(curveXs());
        double lo = min(data.trainY(), null);
        double hi = max(data.trainY(), null);
        for (double v : truthY) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (fit != null) {
            double[] r = fit.valueRange();
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        double[] yr = padded(lo, hi);
        Frame top = new Frame(MARGIN_LEFT, MARGIN, plotW, fitH, data.min(), data.max(), yr[0], yr[1]);
        axes(g, top, "x", "y");
        double[] x = data.trainX();
        double[] y = data.trainY();
        drawPoints(g, top, x, y, data.outliers());
        if (truthY.length > 0) {
            g.setStroke(TRUTH);
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            polyline(g, top, curveXs(), truthY);
            g.setLineDashes((double[]) null);
        }
        double residualTop = MARGIN + fitH + MARGIN_BOTTOM + GAP;
        if (fit == null) {
            message(g, top, "The fitted curve appears as soon as the engine has evaluated the model.");
            return;
        }
        g.setStroke(FIT);
        g.setLineWidth(2.5);
        polyline(g, top, fit.xs(), fit.values());

        double[] predicted = fit.pointPredictions();
        if (predicted.length < x.length) {
            return;
        }
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = y[i] - predicted[i];
        }
        double[] fitError = null;
        if (data.truth() != null) {
            fitError = new double[fit.columns()];
            for (int c = 0; c < fitError.length; c++) {
                fitError[c] = data.truth().at(fit.xs()[c]) - fit.values()[c];
            }
        }
        double rlo = Math.min(0, min(residual, null));
        double rhi = Math.max(0, max(residual, null));
        if (fitError != null) {
            rlo = Math.min(rlo, min(fitError, null));
            rhi = Math.max(rhi, max(fitError, null));
        }
        double[] rr = padded(rlo, rhi);
        Frame bottom = new Frame(MARGIN_LEFT, residualTop, plotW, residualH, data.min(), data.max(), rr[0], rr[1]);
        axes(g, bottom, "x", "y − ŷ");
        g.setStroke(Color.web("#888"));
        g.setLineWidth(1);
        g.strokeLine(bottom.left(), bottom.py(0), bottom.left() + bottom.width(), bottom.py(0));
        drawPoints(g, bottom, x, residual, data.outliers());
        if (fitError != null) {
            g.setStroke(TRUTH);
            g.setLineWidth(1.8);
            polyline(g, bottom, fit.xs(), fitError);
            note(g, "green: f(x) − ŷ(x), the fit's own error", bottom);
        }
    }

    private double[] curveXs() {
        return fit != null ? fit.xs() : evenly(data.min(), data.max(), 241);
    }

    private void drawSurface(GraphicsContext g, double w, double h) {
        boolean sideBySide = w >= h * 1.35;
        double mapSide;
        double mapLeft = MARGIN_LEFT;
        double mapTop = MARGIN;
        Frame residualFrame;
        if (sideBySide) {
            mapSide = Math.min(h - MARGIN - MARGIN_BOTTOM,
                    (w - MARGIN_LEFT - MARGIN - COLOUR_BAR - GAP - MARGIN_LEFT) * 0.58);
            double rLeft = mapLeft + mapSide + COLOUR_BAR + GAP + MARGIN_LEFT;
            residualFrame = new Frame(rLeft, mapTop, w - rLeft - MARGIN, mapSide, 0, 1, 0, 1);
        } else {
            mapSide = Math.min(w - MARGIN_LEFT - MARGIN - COLOUR_BAR, (h - MARGIN - 2 * MARGIN_BOTTOM - GAP) * 0.62);
            double rTop = mapTop + mapSide + MARGIN_BOTTOM + GAP;
            residualFrame = new Frame(mapLeft, rTop, w - MARGIN_LEFT - MARGIN, h - rTop - MARGIN_BOTTOM, 0, 1, 0, 1);
        }
        Frame map = new Frame(mapLeft, mapTop, mapSide, mapSide, data.min(), data.max(), data.min(), data.max());
        if (heat != null && fit != null) {
            // The image's pixels are cells centred on the grid coordinates: it spans half a cell beyond them.
            double dx = fit.xs()[1] - fit.xs()[0];
            double dy = fit.ys()[1] - fit.ys()[0];
            double left = map.px(fit.xs()[0] - dx / 2);
            double right = map.px(fit.xs()[fit.columns() - 1] + dx / 2);
            double topEdge = map.py(fit.ys()[fit.rows() - 1] + dy / 2);
            double bottomEdge = map.py(fit.ys()[0] - dy / 2);
            g.setImageSmoothing(true);
            g.drawImage(heat, left, topEdge, right - left, bottomEdge - topEdge);
        } else {
            g.setFill(Color.web("#f4f4f4"));
            g.fillRect(map.left(), map.top(), map.width(), map.height());
        }
        axes(g, map, "x₁", "x₂");
        double[] xy = data.trainX();
        double[] y = data.trainY();
        double lo = heatRange == null ? min(y, data.outliers()) : heatRange[0];
        double hi = heatRange == null ? max(y, data.outliers()) : heatRange[1];
        colourBar(g, map, lo, hi);
        Color edge = Color.rgb(0, 0, 0, 0.45);
        for (int i = 0; i < y.length; i++) {
            double px = map.px(xy[2 * i]);
            double py = map.py(xy[2 * i + 1]);
            if (data.outliers()[i]) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(3);
                cross(g, px, py, 4);
                g.setStroke(OUTLIER);
                g.setLineWidth(1.6);
                cross(g, px, py, 4);
            } else {
                // Filled with the target's colour on the map's scale: a point that blends in is fitted well.
                int argb = ValuePalette.colour(y[i], lo, hi);
                g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
                g.fillOval(px - 3, py - 3, 6, 6);
                g.setStroke(edge);
                g.setLineWidth(0.7);
                g.strokeOval(px - 3, py - 3, 6, 6);
            }
        }
        if (fit == null) {
            message(g, map, "The fitted surface appears as soon as the engine has evaluated the model.");
            return;
        }
        double[] predicted = fit.pointPredictions();
        if (predicted.length < y.length || residualFrame.width() < 60 || residualFrame.height() < 40) {
            return;
        }
        double[] residual = new double[y.length];
        double[] fitted = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            fitted[i] = predicted[i];
            residual[i] = y[i] - predicted[i];
        }
        double[] fr = padded(min(fitted, null), max(fitted, null));
        double[] rr = padded(Math.min(0, min(residual, null)), Math.max(0, max(residual, null)));
        Frame res = new Frame(residualFrame.left(), residualFrame.top(), residualFrame.width(),
                residualFrame.height(), fr[0], fr[1], rr[0], rr[1]);
        axes(g, res, "fitted ŷ", "y − ŷ");
        g.setStroke(Color.web("#888"));
        g.setLineWidth(1);
        g.strokeLine(res.left(), res.py(0), res.left() + res.width(), res.py(0));
        drawPoints(g, res, fitted, residual, data.outliers());
    }

    /** The heat map's scale: a vertical bar right of the map, low at the bottom, with round values. */
    private static void colourBar(GraphicsContext g, Frame map, double lo, double hi) {
        double left = map.left() + map.width() + 8;
        double width = 12;
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            int argb = ValuePalette.colour((i + 0.5) / steps);
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            double top = map.top() + map.height() * (steps - 1 - i) / steps;
            g.fillRect(left, top, width, map.height() / steps + 0.5);
        }
        g.setStroke(Color.web("#999"));
        g.setLineWidth(1);
        g.strokeRect(left + 0.5, map.top() + 0.5, width - 1, map.height() - 1);
        if (!(hi > lo)) {
            return;
        }
        Frame scale = new Frame(left, map.top(), width, map.height(), 0, 1, lo, hi);
        g.setFill(AXIS_TEXT);
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : ticks(lo, hi)) {
            g.fillText(label(t), left + width + 3, scale.py(t));
        }
    }

    private static void drawPoints(GraphicsContext g, Frame f, double[] x, double[] y, boolean[] outliers) {
        g.setFill(POINT.deriveColor(0, 1, 1, 0.7));
        for (int i = 0; i < y.length; i++) {
            if (!outliers[i]) {
                g.fillOval(f.px(x[i]) - 2.6, f.py(y[i]) - 2.6, 5.2, 5.2);
            }
        }
        g.setStroke(OUTLIER);
        g.setLineWidth(1.6);
        for (int i = 0; i < y.length; i++) {
            if (outliers[i]) {
                g.strokeOval(f.px(x[i]) - 3.4, f.py(y[i]) - 3.4, 6.8, 6.8);
            }
        }
    }

    private static void cross(GraphicsContext g, double x, double y, double r) {
        g.strokeLine(x - r, y - r, x + r, y + r);
        g.strokeLine(x - r, y + r, x + r, y - r);
    }

    private static void polyline(GraphicsContext g, Frame f, double[] x, double[] y) {
        g.save();
        g.beginPath();
        g.rect(f.left(), f.top(), f.width(), f.height());
        g.clip();
        g.beginPath();
        for (int i = 0; i < x.length; i++) {
            if (i == 0) {
                g.moveTo(f.px(x[i]), f.py(y[i]));
            } else {
                g.lineTo(f.px(x[i]), f.py(y[i]));
            }
        }
        g.stroke();
        g.restore();
    }

    /** A line of text on a white box in the top-right corner of a plot, readable over the points. */
    private static void note(GraphicsContext g, String text, Frame f) {
        g.setFont(Font.font(11));
        double width = 6.2 * text.length();
        double right = f.left() + f.width() - 3;
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        g.fillRect(right - width - 4, f.top() + 2, width + 6, 16);
        g.setFill(TRUTH.darker());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, right, f.top() + 3);
    }

    private static void message(GraphicsContext g, Frame f, String text) {
        g.setFill(Color.web("#555"));
        g.setFont(Font.font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, f.left() + f.width() / 2, f.top() + 8);
    }

    /** Frame, grid lines at round values, and tick labels. */
    private static void axes(GraphicsContext g, Frame f, String xName, String yName) {
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        for (double t : ticks(f.y0(), f.y1())) {
            double py = f.py(t);
            g.setStroke(GRID);
            g.strokeLine(f.left(), py, f.left() + f.width(), py);
            g.setFill(AXIS_TEXT);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(label(t), f.left() - 4, py);
        }
        // The axis name sits at the right end of the tick row: no tick label under it.
        double nameStart = f.left() + f.width() - 7 * xName.length() - 12;
        for (double t : ticks(f.x0(), f.x1())) {
            double px = f.px(t);
            g.setStroke(GRID);
            g.strokeLine(px, f.top(), px, f.top() + f.height());
            if (px > nameStart) {
                continue;
            }
            g.setFill(AXIS_TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(label(t), px, f.top() + f.height() + 3);
        }
        g.setStroke(Color.web("#999"));
        g.strokeRect(f.left() + 0.5, f.top() + 0.5, f.width() - 1, f.height() - 1);
        g.setFill(AXIS_TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(xName, f.left() + f.width(), f.top() + f.height() + 3);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(yName, f.left() + 3, f.top() - 1);
    }

    /** Round tick values (steps of 1, 2 or 5 × 10^k) inside [lo, hi], about five of them. */
    static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span)) {
            return new double[0];
        }
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.ceil(lo / step) * step;
        int count = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, count)];
        for (int i = 0; i < t.length; i++) {
            double v = first + i * step;
            t[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return t;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 0.1 ? "%.1f" : "%.2g", v);
    }

    private static double[] padded(double lo, double hi) {
        if (!(hi > lo)) {
            return new double[] {lo - 1, hi + 1};
        }
        double pad = 0.06 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    private static double[] evenly(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * i / (n - 1);
        }
        return v;
    }

    /** Smallest finite value, leaving out the rows marked in {@code skip} (null: none); 0 when there is none. */
    private static double min(double[] v, boolean[] skip) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if ((skip == null || !skip[i]) && Double.isFinite(v[i])) {
                m = Math.min(m, v[i]);
            }
        }
        return m == Double.POSITIVE_INFINITY ? 0 : m;
    }

    /** Largest finite value, leaving out the rows marked in {@code skip} (null: none); 0 when there is none. */
    private static double max(double[] v, boolean[] skip) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if ((skip == null || !skip[i]) && Double.isFinite(v[i])) {
                m = Math.max(m, v[i]);
            }
        }
        return m == Double.NEGATIVE_INFINITY ? 0 : m;
    }
}
