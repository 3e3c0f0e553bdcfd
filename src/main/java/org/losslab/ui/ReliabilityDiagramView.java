package org.losslab.ui;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.analysis.ClassificationMetrics;

/**
 * The reliability diagram of one evaluated split (Guo et al., 2017): the examples binned by confidence (the largest
 * softmax probability), each bin's bar as high as the share of them that was right, shaded up or down to the bin's
 * mean confidence. A calibrated model's bars reach the diagonal; the shaded gaps, weighted by how many examples each
 * bin holds (the histogram underneath), add up to the ECE in the caption. Drawn on a canvas, at most once per frame.
 */
public final class ReliabilityDiagramView extends BorderPane implements FrameCoalescer.Redrawable {
    private static final Color BAR = Color.web("#1f77b4");
    private static final Color GAP = Color.web("#d62728", 0.32);
    private static final Color UNDER_BAR = Color.rgb(255, 255, 255, 0.6);
    private static final Color GAP_EDGE = Color.web("#d62728", 0.85);
    private static final Color HISTOGRAM = Color.web("#8c96a3");
    private static final Color GRID = Color.web("#e3e6ea");
    private static final Color TEXT = Color.web("#444");
    private static final double MARGIN_LEFT = 46;
    private static final double MARGIN_RIGHT = 12;
    private static final double MARGIN_TOP = 10;
    private static final double MARGIN_BOTTOM = 34;
    /** Share of the plot height given to the histogram of bin counts. */
    private static final double HISTOGRAM_SHARE = 0.2;
    private static final double HISTOGRAM_GAP = 8;

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label notice = new Label();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final Label verdict = new Label();
    private ClassificationMetrics metrics;
    private boolean dirty = true;

    public ReliabilityDiagramView() {
        setId("reliability-diagram");
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> markDirty());
        canvas.heightProperty().addListener(o -> markDirty());
        notice.setWrapText(true);
        notice.setTextAlignment(TextAlignment.CENTER);
        notice.setMaxWidth(360);
        notice.getStyleClass().add("view-notice");
        notice.setId("reliability-notice");
        StackPane centre = new StackPane(canvasHolder, notice);
        centre.setMinSize(0, 0);
        setCenter(centre);
        verdict.getStyleClass().add("reliability-verdict");
        verdict.setId("reliability-verdict");
        VBox bottom = new VBox(2, verdict, legend());
        bottom.setPadding(new Insets(2, 0, 0, 8));
        setBottom(bottom);
        setMinSize(0, 0);
        clear("The reliability diagram appears at the first evaluation.");
    }

    /** What the bars, the shading, the diagonal and the histogram mean. */
    private static FlowPane legend() {
        Rectangle bar = new Rectangle(10, 10, BAR);
        Rectangle gap = new Rectangle(10, 10, GAP);
        gap.setStroke(GAP_EDGE);
        Line diagonal = new Line(0, 10, 10, 0);
        diagonal.getStrokeDashArray().addAll(3.0, 2.0);
        diagonal.setStroke(Color.web("#555"));
        Rectangle counts = new Rectangle(10, 10, HISTOGRAM);
        FlowPane legend = new FlowPane(12, 4, legendItem("accuracy in bin", bar), legendItem("gap to confidence", gap),
                legendItem("calibrated", diagonal), legendItem("examples per bin", counts));
        legend.setPadding(new Insets(0, 8, 4, 0));
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private static Label legendItem(String text, javafx.scene.Node symbol) {
        Label l = new Label(text, symbol);
        l.getStyleClass().add("legend-text");
        return l;
    }

    /** e.g. {@code ECE 4.2 % · validation · step 300}. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /**
     * Shows {@code m}'s bins.
     *
     * @param splitLabel what was evaluated, e.g. {@code validation (clean labels)}
     */
    public void show(ClassificationMetrics m, String splitLabel, long step) {
        metrics = m;
        notice.setVisible(false);
        caption.set(String.format(Locale.ROOT, "ECE %.1f %% · %s · step %,d", 100 * m.ece(), splitLabel, step));
        verdict.setText(summary(m));
        markDirty();
    }

    /** Nothing to show yet: {@code why} in the middle of the tile. */
    public void clear(String why) {
        metrics = null;
        notice.setText(why);
        notice.setVisible(true);
        caption.set("");
        verdict.setText("");
        markDirty();
    }

    /** The metrics drawn now, or null. */
    public ClassificationMetrics metrics() {
        return metrics;
    }

    /** e.g. {@code accuracy 97.5 % · mean confidence 85.8 %: under-confident}, empty when nothing is shown. */
    public String verdict() {
        return verdict.getText();
    }

    public String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    public void markDirty() {
        dirty = true;
    }

    @Override
    public boolean redrawIfDirty() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        draw();
        return true;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double plotW = w - MARGIN_LEFT - MARGIN_RIGHT;
        double plotH = h - MARGIN_TOP - MARGIN_BOTTOM;
        if (metrics == null || plotW < 60 || plotH < 80) {
            return;
        }
        double histH = Math.max(24, plotH * HISTOGRAM_SHARE);
        double mainH = plotH - histH - HISTOGRAM_GAP;
        double left = MARGIN_LEFT;
        double top = MARGIN_TOP;
        double histTop = top + mainH + HISTOGRAM_GAP;
        ClassificationMetrics.ReliabilityBin[] bins = metrics.reliability();

        g.setLineWidth(1);
        g.setStroke(GRID);
        for (int i = 1; i < 5; i++) {
            double y = top + mainH * (1 - i / 5.0);
            g.strokeLine(left, y, left + plotW, y);
            double x = left + plotW * i / 5.0;
            g.strokeLine(x, top, x, top + mainH);
        }
        for (ClassificationMetrics.ReliabilityBin b : bins) {
            if (b.count() == 0) {
                continue;
            }
            double x0 = left + plotW * b.lower() + 1;
            double bw = Math.max(1, plotW * (b.upper() - b.lower()) - 2);
            double yAcc = top + mainH * (1 - b.accuracy());
            g.setFill(BAR);
            g.fillRect(x0, yAcc, bw, top + mainH - yAcc);
            double yConf = top + mainH * (1 - b.meanConfidence());
            double gapTop = Math.min(yAcc, yConf);
            double gapH = Math.abs(yAcc - yConf);
            if (yAcc < yConf) {
                // Under-confident: the gap lies inside the bar; lighten it there so it reads as the same pink.
                g.setFill(UNDER_BAR);
                g.fillRect(x0, gapTop, bw, gapH);
            }
            g.setFill(GAP);
            g.fillRect(x0, gapTop, bw, gapH);
            g.setStroke(GAP_EDGE);
            g.strokeRect(x0 + 0.5, gapTop + 0.5, Math.max(0, bw - 1), Math.max(0, gapH - 1));
        }
        g.setStroke(Color.web("#555"));
        g.setLineDashes(5, 4);
        g.strokeLine(left, top + mainH, left + plotW, top);
        g.setLineDashes();
        g.setStroke(Color.web("#999"));
        g.strokeRect(left + 0.5, top + 0.5, plotW - 1, mainH - 1);

        int most = 0;
        for (ClassificationMetrics.ReliabilityBin b : bins) {
            most = Math.max(most, b.count());
        }
        g.setFill(HISTOGRAM);
        for (ClassificationMetrics.ReliabilityBin b : bins) {
            if (b.count() == 0) {
                continue;
            }
            double x0 = left + plotW * b.lower() + 1;
            double bw = Math.max(1, plotW * (b.upper() - b.lower()) - 2);
            double bh = Math.max(1, histH * b.count() / most);
            g.fillRect(x0, histTop + histH - bh, bw, bh);
        }
        g.setStroke(Color.web("#bbb"));
        g.strokeLine(left, histTop + histH + 0.5, left + plotW, histTop + histH + 0.5);

        drawAxes(g, left, top, plotW, mainH, histTop, histH, most);
    }

    private static void drawAxes(GraphicsContext g, double left, double top, double plotW, double mainH,
            double histTop, double histH, int most) {
        g.setFill(TEXT);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 5; i++) {
            g.fillText((20 * i) + "%", left - 4, top + mainH * (1 - i / 5.0));
        }
        g.fillText(Integer.toString(most), left - 4, histTop + 5);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        double axisY = histTop + histH + 3;
        for (int i = 0; i <= 5; i++) {
            g.fillText(String.format(Locale.ROOT, "%.1f", i / 5.0), left + plotW * i / 5.0, axisY);
        }
        g.fillText("confidence (largest softmax probability)", left + plotW / 2, axisY + 14);
        g.save();
        g.translate(12, top + mainH / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("accuracy", 0, 0);
        g.restore();
    }

    /** Accuracy against mean confidence in words: which way the model is off. */
    private static String summary(ClassificationMetrics m) {
        double confidence = 0;
        for (ClassificationMetrics.ReliabilityBin b : m.reliability()) {
            if (b.count() > 0) {
                confidence += b.count() * b.meanConfidence();
            }
        }
        confidence /= Math.max(1, m.size());
        double accuracy = m.accuracy();
        String verdict = Math.abs(confidence - accuracy) < 0.01 ? "about as confident as it is right"
                : confidence > accuracy ? "over-confident" : "under-confident";
        return String.format(Locale.ROOT, "accuracy %.1f %% · mean confidence %.1f %%: %s", 100 * accuracy,
                100 * confidence, verdict);
    }
}
