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
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.viz.ClassPalette;
import org.losslab.viz.DecisionMap;
import org.losslab.viz.DiskHyperplane;
import org.losslab.viz.PoincareDisk;
import org.losslab.viz.Scatter2D;

/**
 * A hyperbolic classifier's view of its data: the Poincaré disk tinted by the predicted class, every class's
 * hyperplane (a circle arc meeting the rim at right angles, with a dot at its offset p and a tick towards the side
 * where the class's logit is positive), and the embedded sample coloured by true class with a red ring around each
 * mistake. Dashed rings mark hyperbolic distances from the centre: equal steps crowd towards the rim, which is
 * infinitely far away. It only draws what a {@link PoincareDisk} holds, at most once per frame.
 */
public final class PoincareDiskView extends BorderPane implements FrameCoalescer.Redrawable {
    private static final Color MISTAKE = Color.web("#d62728");
    private static final Color RIM = Color.web("#555");
    private static final double MARGIN = 10;
    /** Hyperbolic distances from the centre marked by the dashed rings. */
    private static final double[] RINGS = {2, 4, 6, 8};
    private static final int ARC_SEGMENTS = 160;

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final FlowPane legend = new FlowPane(12, 4);
    private final Label summary = new Label();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private PoincareDisk disk;
    private WritableImage tint;
    private String waiting = "";
    private boolean dirty = true;
    private long redraws;

    public PoincareDiskView() {
        getStyleClass().add("poincare-disk");
        setId("poincare-disk");
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> markDirty());
        canvas.heightProperty().addListener(o -> markDirty());
        setCenter(canvasHolder);
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.setAlignment(Pos.CENTER_LEFT);
        summary.getStyleClass().add("legend-text");
        setBottom(legend);
    }

    /** The tile caption: sample size, probe cost and step, e.g. {@code 200 points: 9 ms · step 300}. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /**
     * Forgets the disk of the previous run.
     *
     * @param classNames one per class, for the legend
     * @param message what the empty disk says until the first snapshot is placed
     */
    public void reset(java.util.List<String> classNames, String message) {
        disk = null;
        tint = null;
        waiting = message;
        caption.set("");
        summary.setText("");
        buildLegend(classNames);
        markDirty();
    }

    /** A probe failure, in the caption; the last disk stays. */
    public void showError(String message) {
        caption.set("disk not updated: " + message);
    }

    public void setDisk(PoincareDisk newDisk) {
        disk = newDisk;
        DecisionMap regions = newDisk.regions();
        if (tint == null || tint.getWidth() != regions.columns() || tint.getHeight() != regions.rows()) {
            tint = new WritableImage(regions.columns(), regions.rows());
        }
        PixelWriter pw = tint.getPixelWriter();
        for (int r = 0; r < regions.rows(); r++) {
            int imageRow = regions.rows() - 1 - r; // row 0 of the map is the bottom of the plot
            for (int c = 0; c < regions.columns(); c++) {
                int i = regions.index(c, r);
                int cls = regions.predicted()[i];
                pw.setArgb(c, imageRow, cls < 0 ? 0 : ClassPalette.area(cls, regions.confidence()[i],
                        regions.classes()));
            }
        }
        caption.set(String.format(Locale.ROOT, "%d points, c = %s: %.0f ms · step %,d", newDisk.points().size(),
                trim(newDisk.curvature()), newDisk.costMillis(), newDisk.step()));
        summary.setText(String.format(Locale.ROOT, "wrong: %d of %d · farthest point at distance %.2f (reach %.2f)",
                newDisk.mistakes(), newDisk.points().size(), newDisk.farthestDistance(), newDisk.reachDistance()));
        markDirty();
    }

    public PoincareDisk disk() {
        return disk;
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

    private void buildLegend(java.util.List<String> classNames) {
        legend.getChildren().clear();
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c);
            Label l = new Label(name.matches("\\d+") ? "class " + name : name, new Circle(5, fx(ClassPalette.colour(c))));
            l.getStyleClass().add("legend-text");
            legend.getChildren().add(l);
        }
        Line arc = new Line(0, 0, 16, 0);
        arc.setStrokeWidth(2);
        arc.setStroke(Color.web("#666"));
        Circle ring = new Circle(5, Color.TRANSPARENT);
        ring.setStroke(MISTAKE);
        ring.setStrokeWidth(1.6);
        Line dashed = new Line(0, 0, 16, 0);
        dashed.setStroke(Color.web("#8a8a8a"));
        dashed.getStrokeDashArray().addAll(4.0, 3.0);
        Line reach = new Line(0, 0, 16, 0);
        reach.setStroke(Color.web("#5a5a5a"));
        reach.setStrokeWidth(1.2);
        Label hyperplane = new Label("hyperplane (logit 0; tick: positive side)", arc);
        Label mistake = new Label("misclassified", ring);
        Label distance = new Label("hyperbolic distance from the centre", dashed);
        Label clip = new Label("reach: clipped features end here", reach);
        for (Label l : new Label[] {hyperplane, mistake, distance, clip}) {
            l.getStyleClass().add("legend-text");
        }
        legend.getChildren().addAll(hyperplane, mistake, distance, clip, summary);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w < 60 || h < 60) {
            return;
        }
        double pixelRadius = (Math.min(w, h) - 2 * MARGIN) / 2;
        double cx = w / 2;
        double cy = h / 2;
        g.setFill(Color.web("#f4f4f4"));
        g.fillOval(cx - pixelRadius, cy - pixelRadius, 2 * pixelRadius, 2 * pixelRadius);
        if (disk == null) {
            g.setFill(Color.web("#555"));
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(waiting, cx, cy, Math.max(100, 2 * pixelRadius - 20));
            strokeRim(g, cx, cy, pixelRadius);
            return;
        }
        double scale = pixelRadius / disk.radius();
        if (tint != null) {
            g.save();
            g.beginPath();
            g.arc(cx, cy, pixelRadius, pixelRadius, 0, 360);
            g.closePath();
            g.clip();
            g.setImageSmoothing(true);
            g.drawImage(tint, cx - pixelRadius, cy - pixelRadius, 2 * pixelRadius, 2 * pixelRadius);
            g.restore();
        }
        drawDistanceRings(g, cx, cy, scale);
        for (DiskHyperplane plane : disk.hyperplanes()) {
            drawHyperplane(g, plane, cx, cy, scale);
        }
        drawPoints(g, disk.points(), disk.predicted(), cx, cy, scale);
        labelDistanceRings(g, cx, cy, scale);
        strokeRim(g, cx, cy, pixelRadius);
    }

    private static void strokeRim(GraphicsContext g, double cx, double cy, double pixelRadius) {
        g.setStroke(RIM);
        g.setLineWidth(1.5);
        g.setLineDashes();
        g.strokeOval(cx - pixelRadius, cy - pixelRadius, 2 * pixelRadius, 2 * pixelRadius);
    }

    /**
     * Dashed rings at hyperbolic distances d from the centre — a point at distance d lies at Euclidean radius
     * tanh(√c d / 2)/√c — and a solid ring at the model's reach.
     */
    private void drawDistanceRings(GraphicsContext g, double cx, double cy, double scale) {
        double sqrtC = Math.sqrt(disk.curvature());
        g.setStroke(Color.web("#8a8a8a", 0.8));
        g.setLineWidth(0.8);
        g.setLineDashes(4, 3);
        for (double d : RINGS) {
            double r = Math.tanh(sqrtC * d / 2) / sqrtC * scale;
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        }
        g.setLineDashes();
        double reach = disk.reach() * scale;
        g.setStroke(Color.web("#5a5a5a"));
        g.setLineWidth(1.2);
        g.strokeOval(cx - reach, cy - reach, 2 * reach, 2 * reach);
    }

    /** The rings' distances, below the centre; drawn last so that no point hides them. */
    private void labelDistanceRings(GraphicsContext g, double cx, double cy, double scale) {
        double sqrtC = Math.sqrt(disk.curvature());
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (double d : RINGS) {
            label(g, Integer.toString((int) d), cx, cy + Math.tanh(sqrtC * d / 2) / sqrtC * scale);
        }
    }

    /** Small text on a pale patch, legible over points and tint alike. */
    private static void label(GraphicsContext g, String text, double x, double y) {
        double width = 6.5 * text.length() + 4;
        g.setFill(Color.rgb(255, 255, 255, 0.8));
        g.fillRoundRect(x - width / 2, y - 7, width, 14, 6, 6);
        g.setFill(Color.web("#444"));
        g.fillText(text, x, y);
    }

    private static void drawHyperplane(GraphicsContext g, DiskHyperplane plane, double cx, double cy, double scale) {
        double[] xy = plane.polyline(ARC_SEGMENTS);
        if (xy.length == 0) {
            return;
        }
        Color colour = fx(ClassPalette.mix(ClassPalette.colour(plane.classIndex()), 0xFF000000, 0.25));
        double[] sx = new double[xy.length / 2];
        double[] sy = new double[xy.length / 2];
        for (int i = 0; i < sx.length; i++) {
            sx[i] = cx + xy[2 * i] * scale;
            sy[i] = cy - xy[2 * i + 1] * scale;
        }
        g.setStroke(colour);
        g.setLineWidth(2.2);
        g.strokePolyline(sx, sy, sx.length);
        double px = cx + plane.px() * scale;
        double py = cy - plane.py() * scale;
        double norm = Math.hypot(plane.ax(), plane.ay());
        double tick = 12;
        g.setLineWidth(2);
        g.strokeLine(px, py, px + plane.ax() / norm * tick, py - plane.ay() / norm * tick);
        g.setFill(colour);
        g.fillOval(px - 4, py - 4, 8, 8);
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.2);
        g.strokeOval(px - 4, py - 4, 8, 8);
    }

    private static void drawPoints(GraphicsContext g, Scatter2D points, int[] predicted, double cx, double cy,
            double scale) {
        double r = 3.4;
        for (int i = 0; i < points.size(); i++) {
            double x = cx + points.x(i) * scale;
            double y = cy - points.y(i) * scale;
            g.setFill(fx(ClassPalette.colour(points.label(i))));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(Color.web("#222", 0.85));
            g.setLineWidth(0.8);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            if (predicted[i] != points.label(i)) {
                g.setStroke(MISTAKE);
                g.setLineWidth(1.5);
                g.strokeOval(x - r - 2.4, y - r - 2.4, 2 * r + 4.8, 2 * r + 4.8);
            }
        }
    }

    private static Color fx(int argb) {
        return Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
