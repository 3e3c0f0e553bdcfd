package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.viz.ClassPalette;

/**
 * The confusion matrix of one evaluated split: a row per true class, a column per predicted class, each cell with its
 * count. Colours are normalised per row (the share of the true class that went to each column), so a small class's
 * mistakes show as clearly as a large one's: the diagonal in blue, mistakes in red. Row totals on the right. Up to
 * {@link #MAX_CLASSES} classes; drawn on a canvas, at most once per frame.
 */
public final class ConfusionMatrixView extends StackPane implements FrameCoalescer.Redrawable {
    /** Beyond ten classes the counts no longer fit a tile. */
    public static final int MAX_CLASSES = 10;
    private static final int RIGHT = 0xFF1F77B4;
    private static final int WRONG = 0xFFD62728;
    /** The faintest tint of a non-empty cell: a single mistake must not look like an empty cell. */
    private static final double MIN_TINT = 0.08;
    private static final Color TEXT = Color.web("#444");

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label notice = new Label();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private int[][] counts;
    private List<String> classNames = List.of();
    private boolean dirty = true;

    public ConfusionMatrixView() {
        setId("confusion-matrix");
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> markDirty());
        canvas.heightProperty().addListener(o -> markDirty());
        notice.setWrapText(true);
        notice.setTextAlignment(TextAlignment.CENTER);
        notice.setMaxWidth(360);
        notice.getStyleClass().add("view-notice");
        notice.setId("confusion-notice");
        setMinSize(0, 0);
        getChildren().addAll(canvasHolder, notice);
        clear("The confusion matrix appears at the first evaluation.");
    }

    /** e.g. {@code validation · 120 examples · step 300}. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /**
     * Shows {@code m}'s confusion matrix.
     *
     * @param names one name per class
     * @param splitLabel what was evaluated, e.g. {@code validation (clean labels)}
     */
    public void show(ClassificationMetrics m, List<String> names, String splitLabel, long step) {
        caption.set(String.format(Locale.ROOT, "%s · %,d examples · step %,d", splitLabel, m.size(), step));
        if (m.classes() > MAX_CLASSES) {
            counts = null;
            notice.setText("The confusion matrix is drawn for up to " + MAX_CLASSES + " classes; this data has "
                    + m.classes() + ".");
            notice.setVisible(true);
        } else {
            counts = m.confusion();
            classNames = List.copyOf(names);
            notice.setVisible(false);
        }
        markDirty();
    }

    /** Nothing to show yet: {@code why} in the middle of the tile. */
    public void clear(String why) {
        counts = null;
        notice.setText(why);
        notice.setVisible(true);
        caption.set("");
        markDirty();
    }

    /** The counts drawn now ({@code [true][predicted]}, a copy), or null. */
    public int[][] counts() {
        if (counts == null) {
            return null;
        }
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    /** The fill of a cell: the share of its row, in blue on the diagonal and red off it, white when empty. */
    static int cellColour(int count, int rowTotal, boolean diagonal) {
        if (count == 0 || rowTotal == 0) {
            return 0xFFFFFFFF;
        }
        double share = (double) count / rowTotal;
        return ClassPalette.mix(0xFFFFFFFF, diagonal ? RIGHT : WRONG, MIN_TINT + (1 - MIN_TINT) * share);
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
        if (counts == null) {
            return;
        }
        int n = counts.length;
        g.setFont(Font.font(11));
        double nameWidth = 0;
        for (String name : classNames) {
            nameWidth = Math.max(nameWidth, 6.5 * name.length());
        }
        double left = 22 + nameWidth + 6;
        double top = 34;
        double right = 40;
        double bottom = 8;
        double cell = Math.floor(Math.min((w - left - right) / n, (h - top - bottom) / n));
        if (cell < 6) {
            return;
        }
        double size = cell * n;
        double x0 = left + Math.max(0, (w - left - right - size) / 2);
        double y0 = top;
        int[] rowTotals = new int[n];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                rowTotals[t] += counts[t][p];
            }
        }
        double fontSize = Math.min(14, Math.max(8, cell * 0.32));
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                int argb = cellColour(counts[t][p], rowTotals[t], t == p);
                g.setFill(fx(argb));
                double x = x0 + p * cell;
                double y = y0 + t * cell;
                g.fillRect(x, y, cell, cell);
                if (cell >= 14) {
                    g.setFill(ClassPalette.luma(argb) < 0.55 ? Color.WHITE : TEXT);
                    g.setFont(Font.font(fontSize));
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText(Integer.toString(counts[t][p]), x + cell / 2, y + cell / 2);
                }
            }
        }
        g.setStroke(Color.web("#d5dae1"));
        g.setLineWidth(1);
        for (int i = 0; i <= n; i++) {
            g.strokeLine(x0 + i * cell + 0.5, y0, x0 + i * cell + 0.5, y0 + size);
            g.strokeLine(x0, y0 + i * cell + 0.5, x0 + size, y0 + i * cell + 0.5);
        }
        drawLabels(g, n, x0, y0, cell, size, rowTotals, nameWidth);
    }

    private void drawLabels(GraphicsContext g, int n, double x0, double y0, double cell, double size,
            int[] rowTotals, double nameWidth) {
        g.setFont(Font.font(11));
        g.setFill(TEXT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("predicted class", x0 + size / 2, y0 - 16);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("n", x0 + size + 6, y0 - 2);
        for (int c = 0; c < n; c++) {
            String name = c < classNames.size() ? classNames.get(c) : Integer.toString(c);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(name, x0 + (c + 0.5) * cell, y0 - 2);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(name, x0 - 5, y0 + (c + 0.5) * cell);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(Color.web("#7a828d"));
            g.fillText(Integer.toString(rowTotals[c]), x0 + size + 6, y0 + (c + 0.5) * cell);
            g.setFill(TEXT);
        }
        g.save();
        g.translate(x0 - nameWidth - 16, y0 + size / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("true class", 0, 0);
        g.restore();
    }

    private static Color fx(int argb) {
        return Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF);
    }
}
