package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;
import org.losslab.analysis.LandscapeFrame;
import org.losslab.analysis.LandscapeGrid;
import org.losslab.analysis.TrajectoryPoint;
import org.losslab.viz.Contours;
import org.losslab.viz.LandscapePainter;
import org.losslab.viz.LandscapePicture;
import org.losslab.viz.ValueScale;

/**
 * The live loss landscape as a map: the grid as a viridis heat map with iso-lines, a colour bar, the optimizer's
 * projected path fading with age and the current point as a ring, labelled with its distance from the plane. Under
 * the map: the cost of the grid ("41×41 in 0.40 s (batched)"), the distance, and what the pointer is over
 * (α, β, loss, by bilinear interpolation).
 *
 * <p>{@link #show} may be called from any thread, and should be called from the probe's: it prepares the picture
 * there (heat map, iso-lines), keeps only the newest and the next pulse just paints it, so the FX thread does no
 * arithmetic per frame and a probe that produces frames faster than the screen refreshes costs at most one redraw
 * per pulse.
 */
public final class LandscapeView extends BorderPane implements FrameCoalescer.Redrawable {
    static final int CONTOURS = 12;

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label notice = new Label();
    private final Label cost = new Label();
    private final Label distance = new Label();
    private final Label readout = new Label();
    private final AtomicReference<Prepared> incoming = new AtomicReference<>();
    private volatile boolean clearRequested;
    private final CanvasPlotter plotter = new CanvasPlotter(canvas.getGraphicsContext2D());
    private Prepared shown;
    private LandscapePainter.Layout layout;
    private volatile boolean logScale;
    private boolean dirty = true;
    private long redraws;
    private long lastDrawNanos;

    public LandscapeView() {
        setId("landscape-view");
        canvas.setId("landscape-canvas");
        canvasHolder.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> dirty = true);
        canvas.heightProperty().addListener(o -> dirty = true);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> readoutAt(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(""));
        notice.setId("landscape-notice");
        notice.setWrapText(true);
        notice.setTextAlignment(TextAlignment.CENTER);
        notice.setAlignment(Pos.CENTER);
        notice.setMaxWidth(440);
        notice.getStyleClass().add("view-notice");
        StackPane centre = new StackPane(canvasHolder, notice);
        centre.setMinSize(0, 0);
        setCenter(centre);
        cost.setId("landscape-cost");
        distance.setId("landscape-distance");
        readout.setId("landscape-readout");
        readout.setMinWidth(Region.USE_PREF_SIZE);
        for (Label l : List.of(cost, distance, readout)) {
            l.getStyleClass().add("legend-text");
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox status = new HBox(16, cost, distance, spacer, readout);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
    }

    /**
     * A frame with what is costly to derive from it: the picture, its iso-lines and its heat map (at a resolution
     * that depends on the grid, not on the window: the canvas scales it smoothly).
     */
    record Prepared(LandscapeFrame frame, boolean log, LandscapePicture picture, List<Contours.Line> contours,
            int[] heat, int heatSize) {

        static Prepared of(LandscapeFrame frame, boolean log) {
            LandscapePicture picture = LandscapeView.picture(frame, log);
            int size = Math.min(400, Math.max(64, 6 * (picture.columns() - 1)));
            return new Prepared(frame, log, picture, picture.contours(), picture.heatmap(size, size), size);
        }
    }

    /** The frame to draw next; any thread (the picture is prepared on the caller's). */
    public void show(LandscapeFrame next) {
        incoming.set(Prepared.of(next, logScale));
    }

    /** Back to the empty map with the notice; any thread. */
    public void clear() {
        incoming.set(null);
        clearRequested = true;
    }

    /** The text shown while there is no frame (what will happen, and when). */
    public void setNotice(String text) {
        notice.setText(text);
    }

    /** Colours and iso-lines linear in log(loss); FX thread (re-prepares the frame shown, once). */
    public void setLogScale(boolean log) {
        if (log != logScale) {
            logScale = log;
            if (shown != null) {
                accept(Prepared.of(shown.frame(), log));
            }
        }
    }

    @Override
    public boolean redrawIfDirty() {
        if (clearRequested) {
            clearRequested = false;
            shown = null;
            cost.setText("");
            distance.setText("");
            readout.setText("");
            dirty = true;
        }
        Prepared next = incoming.getAndSet(null);
        if (next != null) {
            // prepared before the scale was switched: prepare again, here, once
            accept(next.log() == logScale ? next : Prepared.of(next.frame(), logScale));
        }
        if (!dirty) {
            return false;
        }
        dirty = false;
        redraws++;
        long t0 = System.nanoTime();
        draw();
        lastDrawNanos = System.nanoTime() - t0;
        return true;
    }

    private void accept(Prepared next) {
        shown = next;
        LandscapeFrame frame = next.frame();
        cost.setText(costOf(frame.grid()));
        List<TrajectoryPoint> path = frame.trajectory();
        distance.setText(path.isEmpty() ? "" : "current point is "
                + LandscapePainter.distanceLabel(path.get(path.size() - 1).distanceFromPlane()));
        dirty = true;
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        notice.setVisible(shown == null);
        if (shown == null) {
            plotter.fillRect(0, 0, w, h, 0xFFFFFFFF);
            layout = null;
            return;
        }
        plotter.retainOnly(shown.heat());
        layout = LandscapePainter.paint(plotter, shown.picture(), w, h, shown.heat(), shown.heatSize(),
                shown.contours());
    }

    /** The frame as a picture: grid, path, distance and a caption naming the step, the cost and the directions. */
    static LandscapePicture picture(LandscapeFrame frame, boolean log) {
        LandscapeGrid g = frame.grid();
        List<TrajectoryPoint> path = frame.trajectory();
        double[] pa = new double[path.size()];
        double[] pb = new double[path.size()];
        for (int k = 0; k < path.size(); k++) {
            pa[k] = path.get(k).alpha();
            pb[k] = path.get(k).beta();
        }
        double off = path.isEmpty() ? Double.NaN : path.get(path.size() - 1).distanceFromPlane();
        String caption = String.format(Locale.ROOT, "step %,d · %s · %s", g.step(), costOf(g), g.directions());
        return new LandscapePicture(g.alphas(), g.betas(), g.losses(), pa, pb, off, log, CONTOURS, caption);
    }

    /** "41×41 in 0.40 s (batched)". */
    static String costOf(LandscapeGrid g) {
        double s = g.seconds();
        String time = s < 1 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f s", s);
        return g.alphas().length + "×" + g.betas().length + " in " + time + " (" + g.evaluation() + ")";
    }

    /** Shows what is under the canvas point (x, y) and returns it ("" outside the map). */
    String readoutAt(double x, double y) {
        double[] plane = layout == null ? null : layout.toPlane(x, y);
        String text = "";
        if (plane != null) {
            double loss = shown.picture().lossAt(plane[0], plane[1]);
            text = String.format(Locale.ROOT, "α %.3f  β %.3f  loss %s", plane[0], plane[1],
                    Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4g", loss) : "overflow");
        }
        readout.setText(text);
        return text;
    }

    /** The canvas point of (α, β), or null before the first frame is drawn. */
    double[] pixelOf(double alpha, double beta) {
        return layout == null ? null : layout.toPixel(alpha, beta);
    }

    Canvas canvas() {
        return canvas;
    }

    public LandscapeFrame frame() {
        return shown == null ? null : shown.frame();
    }

    /** The picture drawn now (null before the first frame). */
    public LandscapePicture picture() {
        return shown == null ? null : shown.picture();
    }

    public boolean isLogScale() {
        return logScale;
    }

    public int contourCount() {
        return shown == null ? 0 : shown.contours().size();
    }

    public String costText() {
        return cost.getText();
    }

    public String distanceText() {
        return distance.getText();
    }

    public String readoutText() {
        return readout.getText();
    }

    public String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    public long redraws() {
        return redraws;
    }

    /** How long the last redraw took on the FX thread. */
    public double lastDrawMillis() {
        return lastDrawNanos / 1e6;
    }

    /** The value scale of the picture (null before the first frame). */
    ValueScale scale() {
        return shown == null ? null : shown.picture().scale();
    }
}
