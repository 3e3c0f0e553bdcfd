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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.viz.Bounds2D;
import org.losslab.viz.ClassPalette;
import org.losslab.viz.DecisionMap;
import org.losslab.viz.Scatter2D;

/**
 * The decision boundary of a 2-D classifier, TensorFlow-Playground style: the plane tinted by the predicted class
 * (lighter where the model is unsure), training points with a white edge and validation points with a dark edge on
 * top, and a red ring around every point the model gets wrong. Drawn on a canvas, at most once per frame.
 *
 * <p>For data that is not 2-D it says why nothing is drawn instead of showing an empty square.
 */
public final class DecisionBoundaryView extends BorderPane implements FrameCoalescer.Redrawable {
    private static final Color MISTAKE = Color.web("#d62728");
    private static final double MARGIN_LEFT = 34;
    private static final double MARGIN_BOTTOM = 24;
    private static final double MARGIN = 8;

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label notice = new Label();
    private final FlowPane legend = new FlowPane(12, 4);
    private final Label mistakes = new Label();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private PlaneData plane;
    private DecisionMap map;
    private WritableImage heat;
    private boolean dirty = true;
    private long redraws;
    /** Several views side by side (a comparison) show the point marks once, elsewhere; each keeps its counts. */
    private boolean compactLegend;

    public DecisionBoundaryView() {
        getStyleClass().add("decision-boundary");
        setId("decision-boundary");
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
        notice.setId("boundary-notice");
        StackPane centre = new StackPane(canvasHolder, notice);
        centre.setMinSize(0, 0);
        setCenter(centre);
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.setAlignment(Pos.CENTER_LEFT);
        setBottom(legend);
        mistakes.getStyleClass().add("legend-text");
    }

    /** The tile caption: grid size, probe cost and step, e.g. {@code boundary 120×120: 14 ms · step 300}. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Shows {@code data}'s points; the tint follows when the first map arrives. */
    public void setPlane(PlaneData data) {
        plane = data;
        map = null;
        heat = null;
        caption.set("");
        notice.setText("");
        notice.setVisible(false);
        buildLegend();
        markDirty();
    }

    /** No plane to draw: {@code reason} says why, in the middle of the tile. */
    public void setUnavailable(String reason) {
        plane = null;
        map = null;
        heat = null;
        caption.set("not available for this data");
        notice.setText(reason);
        notice.setVisible(true);
        legend.getChildren().clear();
        markDirty();
    }

    public void setMap(DecisionMap newMap) {
        if (plane == null) {
            return;
        }
        map = newMap;
        if (heat == null || heat.getWidth() != newMap.columns() || heat.getHeight() != newMap.rows()) {
            heat = new WritableImage(newMap.columns(), newMap.rows());
        }
        PixelWriter pw = heat.getPixelWriter();
        int[] predicted = newMap.predicted();
        double[] confidence = newMap.confidence();
        for (int r = 0; r < newMap.rows(); r++) {
            int imageRow = newMap.rows() - 1 - r; // row 0 of the map is the bottom of the plot
            for (int c = 0; c < newMap.columns(); c++) {
                int i = newMap.index(c, r);
                pw.setArgb(c, imageRow, ClassPalette.area(predicted[i], confidence[i], newMap.classes()));
            }
        }
        caption.set(String.format(Locale.ROOT, "boundary %d×%d: %.0f ms · step %,d", newMap.columns(),
                newMap.rows(), newMap.costMillis(), newMap.step()));
        updateMistakes();
        markDirty();
    }

    /** Leaves the train/validation/misclassified marks out of this view's legend (classes and counts stay). */
    public void setCompactLegend(boolean compact) {
        compactLegend = compact;
        buildLegend();
    }

    public DecisionMap map() {
        return map;
    }

    public boolean isShowingPlane() {
        return plane != null;
    }

    public String notice() {
        return notice.getText();
    }

    public void markDirty() {
        dirty = true;
    }

    public long redraws() {
        return redraws;
    }

    private void buildLegend() {
        legend.getChildren().clear();
        if (plane == null) {
            return;
        }
        List<String> names = plane.classNames();
        for (int c = 0; c < names.size(); c++) {
            Circle dot = new Circle(5, Color.rgb(ClassPalette.colour(c) >> 16 & 0xFF,
                    ClassPalette.colour(c) >> 8 & 0xFF, ClassPalette.colour(c) & 0xFF));
            String name = names.get(c);
            // Bare numbers read better with a word in front ("class 0"); real names ("arm 1", "cat") stand alone.
            Label l = new Label(name.matches("\\d+") ? "class " + name : name, dot);
            l.getStyleClass().add("legend-text");
            legend.getChildren().add(l);
        }
        if (compactLegend) {
            legend.getChildren().add(mistakes);
            return;
        }
        Circle train = new Circle(5, Color.GREY);
        train.setStroke(Color.WHITE);
        Circle validation = new Circle(5, Color.GREY);
        validation.setStroke(Color.web("#222"));
        Circle ring = new Circle(5, Color.TRANSPARENT);
        ring.setStroke(MISTAKE);
        ring.setStrokeWidth(1.6);
        Label t = new Label("train (white edge)", train);
        Label v = new Label("validation (dark edge)", validation);
        Label m = new Label("misclassified", ring);
        for (Label l : List.of(t, v, m)) {
            l.getStyleClass().add("legend-text");
        }
        HBox marks = new HBox(12, t, v, m);
        marks.setAlignment(Pos.CENTER_LEFT);
        legend.getChildren().addAll(marks, mistakes);
    }

    private void updateMistakes() {
        int[] wrong = countMistakes();
        if (wrong == null) {
            mistakes.setText("");
            return;
        }
        // Short enough for the narrow tiles of a four-arm comparison.
        mistakes.setText(String.format(Locale.ROOT, "wrong: %d/%d train · %d/%d validation", wrong[0],
                plane.train().size(), wrong[1], plane.validation().size()));
    }

    /** {train, validation} misclassified counts, or null before the first map. */
    int[] countMistakes() {
        if (map == null || plane == null || map.pointPredictions().length != plane.train().size()
                + plane.validation().size()) {
            return null;
        }
        int[] p = map.pointPredictions();
        int n = plane.train().size();
        int[] wrong = new int[2];
        for (int i = 0; i < n; i++) {
            if (p[i] != plane.train().label(i)) {
                wrong[0]++;
            }
        }
        for (int i = 0; i < plane.validation().size(); i++) {
            if (p[n + i] != plane.validation().label(i)) {
                wrong[1]++;
            }
        }
        return wrong;
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

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (plane == null || w < 60 || h < 60) {
            return;
        }
        Bounds2D b = plane.bounds();
        // Equal scale on both axes, so a circle in the data looks like a circle.
        double availW = w - MARGIN_LEFT - MARGIN;
        double availH = h - MARGIN_BOTTOM - MARGIN;
        double scale = Math.min(availW / b.width(), availH / b.height());
        double pw = b.width() * scale;
        double ph = b.height() * scale;
        double left = MARGIN_LEFT + (availW - pw) / 2;
        double top = MARGIN + (availH - ph) / 2;
        if (heat != null) {
            g.setImageSmoothing(true);
            g.drawImage(heat, left, top, pw, ph);
        } else {
            g.setFill(Color.web("#f4f4f4"));
            g.fillRect(left, top, pw, ph);
        }
        g.setStroke(Color.web("#999"));
        g.setLineWidth(1);
        g.strokeRect(left + 0.5, top + 0.5, pw - 1, ph - 1);
        drawAxes(g, b, left, top, pw, ph);
        int[] predictions = map == null ? null : map.pointPredictions();
        boolean haveAll = predictions != null && predictions.length == plane.train().size() + plane.validation().size();
        drawPoints(g, plane.train(), b, left, top, scale, Color.WHITE, haveAll ? predictions : null, 0);
        drawPoints(g, plane.validation(), b, left, top, scale, Color.web("#222"), haveAll ? predictions : null,
                plane.train().size());
        if (heat == null) {
            g.setFill(Color.web("#555"));
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText("The model's regions appear as soon as the engine has evaluated it.", left + pw / 2, top + 8);
        }
    }

    private static void drawAxes(GraphicsContext g, Bounds2D b, double left, double top, double pw, double ph) {
        g.setFill(Color.web("#444"));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(fmt(b.minX()), left, top + ph + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(fmt(b.maxX()), left + pw, top + ph + 4);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("x₁", left + pw / 2, top + ph + 4);
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(fmt(b.minY()), left - 4, top + ph);
        g.setTextBaseline(VPos.TOP);
        g.fillText(fmt(b.maxY()), left - 4, top);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("x₂", left - 6, top + ph / 2);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : "%.1f", v);
    }

    private static void drawPoints(GraphicsContext g, Scatter2D points, Bounds2D b, double left, double top,
            double scale, Color edge, int[] predictions, int offset) {
        double r = 3.6;
        g.setLineWidth(1);
        for (int i = 0; i < points.size(); i++) {
            double x = left + (points.x(i) - b.minX()) * scale;
            double y = top + (b.maxY() - points.y(i)) * scale;
            int argb = ClassPalette.colour(points.label(i));
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(edge);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            if (predictions != null && predictions[offset + i] != points.label(i)) {
                g.setStroke(MISTAKE);
                g.setLineWidth(1.6);
                g.strokeOval(x - r - 2.6, y - r - 2.6, 2 * r + 5.2, 2 * r + 5.2);
                g.setLineWidth(1);
            }
        }
    }
}
