package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.analysis.Interpolation;
import org.losslab.analysis.LandscapeFrame;
import org.losslab.analysis.LandscapeGrid;
import org.losslab.analysis.LossCurve;

/**
 * The landscape in one dimension: either the two slices of the current map through the current point (along d1 with
 * β = 0, along d2 with α = 0: no extra cost, they are a row and a column of the grid), or the loss along the straight
 * line between two checkpoints or two runs. Frames and interpolations may arrive from any thread; the chart takes the
 * newest once per frame.
 */
public final class LineProfileChart implements FrameCoalescer.Redrawable {
    /** What the chart plots. */
    public enum Mode {
        SLICES("slices through the current point"),
        INTERPOLATION("interpolation A → B");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color ALONG_D1 = new Color(0x1F77B4);
    private static final Color ALONG_D2 = new Color(0xFF7F0E);
    private static final Color LINE = new Color(0x2CA02C);

    private final AtomicReference<LandscapeFrame> incomingFrame = new AtomicReference<>();
    private final AtomicReference<Interpolation> incomingLine = new AtomicReference<>();
    private volatile boolean clearRequested;
    private LandscapeFrame frame;
    private Interpolation line;
    private Mode mode = Mode.SLICES;
    private boolean modeChanged = true;

    private final XYSeriesCollection data = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final NumberAxis position = new NumberAxis("α (along d1) / β (along d2)");
    private final XYPlot plot;
    private final ChartViewer viewer;
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private long redraws;

    public LineProfileChart() {
        NumberAxis loss = new NumberAxis("loss");
        loss.setAutoRangeIncludesZero(false);
        loss.setAutoRangeMinimumSize(1e-6);
        for (NumberAxis axis : new NumberAxis[] {position, loss}) {
            axis.setLabelFont(AXIS_FONT);
            axis.setTickLabelFont(TICK_FONT);
        }
        plot = new XYPlot(data, position, loss, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setNoDataMessageFont(AXIS_FONT);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(TICK_FONT);
        chart.setPadding(new RectangleInsets(2, 2, 2, 12));
        viewer = new ChartViewer(chart);
        viewer.setId("line-profile-chart");
        viewer.setMinSize(100, 80);
    }

    public Node node() {
        return viewer;
    }

    /** A few words for the tile's title bar, e.g. the step and the loss there. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The sentence under the chart: how the slices' directions were chosen, or what the interpolation shows. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** A new landscape; its slices replace the old ones. Any thread. */
    public void show(LandscapeFrame newFrame) {
        incomingFrame.set(newFrame);
    }

    /** A new interpolation; the chart switches to it. Any thread. */
    public void show(Interpolation interpolation) {
        incomingLine.set(interpolation);
    }

    /** Forgets slices and interpolation (a new run). Any thread. */
    public void clear() {
        incomingFrame.set(null);
        incomingLine.set(null);
        clearRequested = true;
    }

    /** FX thread. */
    public void setMode(Mode newMode) {
        if (newMode != mode) {
            mode = newMode;
            modeChanged = true;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The series on screen (for tests): their keys and item counts. */
    XYSeriesCollection data() {
        return data;
    }

    public long redraws() {
        return redraws;
    }

    @Override
    public boolean redrawIfDirty() {
        boolean changed = modeChanged;
        modeChanged = false;
        if (clearRequested) {
            clearRequested = false;
            frame = null;
            line = null;
            changed = true;
        }
        LandscapeFrame f = incomingFrame.getAndSet(null);
        if (f != null) {
            frame = f;
            changed |= mode == Mode.SLICES;
        }
        Interpolation i = incomingLine.getAndSet(null);
        if (i != null) {
            line = i;
            changed |= mode == Mode.INTERPOLATION;
        }
        if (!changed) {
            return false;
        }
        if (mode == Mode.SLICES) {
            drawSlices();
        } else {
            drawInterpolation();
        }
        redraws++;
        return true;
    }

    private void drawSlices() {
        data.removeAllSeries();
        plot.clearDomainMarkers();
        position.setLabel("α (along d1) or β (along d2)");
        renderer.setSeriesPaint(0, ALONG_D1);
        renderer.setSeriesPaint(1, ALONG_D2);
        renderer.setSeriesStroke(0, new BasicStroke(1.8f));
        renderer.setSeriesStroke(1, new BasicStroke(1.8f));
        if (frame == null) {
            plot.setNoDataMessage("The slices appear with the first landscape");
            caption.set("");
            note.set("");
            return;
        }
        LandscapeGrid g = frame.grid();
        double[] alphas = g.alphas();
        double[] betas = g.betas();
        int ci = nearestToZero(alphas);
        int cj = nearestToZero(betas);
        XYSeries d1 = new XYSeries("along d1 (β = 0)", true, true);
        for (int i = 0; i < alphas.length; i++) {
            addFinite(d1, alphas[i], g.loss(i, cj));
        }
        XYSeries d2 = new XYSeries("along d2 (α = 0)", true, true);
        for (int j = 0; j < betas.length; j++) {
            addFinite(d2, betas[j], g.loss(ci, j));
        }
        data.addSeries(d1);
        data.addSeries(d2);
        plot.addDomainMarker(marker(0, "now"));
        caption.set(String.format(Locale.ROOT, "step %,d · loss here %.4g", g.step(), g.centreLoss()));
        note.set("The map's middle row and column: the loss along each direction through the current point ("
                + g.directions() + ").");
    }

    private void drawInterpolation() {
        data.removeAllSeries();
        plot.clearDomainMarkers();
        position.setLabel("t  (θ = θA + t·(θB − θA))");
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        if (line == null) {
            plot.setNoDataMessage("Choose checkpoints A and B above and press Interpolate");
            caption.set("");
            note.set("");
            return;
        }
        LossCurve c = line.curve();
        XYSeries s = new XYSeries(line.fromLabel() + " → " + line.toLabel(), true, true);
        double[] t = c.t();
        double[] losses = c.losses();
        for (int i = 0; i < t.length; i++) {
            addFinite(s, t[i], losses[i]);
        }
        data.addSeries(s);
        plot.addDomainMarker(marker(0, "A"));
        plot.addDomainMarker(marker(1, "B"));
        caption.set(Double.isFinite(line.barrier())
                ? String.format(Locale.ROOT, "barrier %.3g", line.barrier()) : "");
        note.set(describe(line));
    }

    /** e.g. "step 0 → now · loss 1.10 → 0.21 · no hill between them": the sentence under the chart. */
    static String describe(Interpolation line) {
        double barrier = line.barrier();
        double peak = line.peakAboveEndpoints();
        String verdict;
        if (Double.isNaN(barrier)) {
            verdict = "the loss overflowed at an endpoint";
        } else if (Double.isInfinite(barrier)) {
            verdict = "the loss overflows between them";
        } else {
            double tolerance = 0.05 * Math.max(Math.abs(line.startLoss()), Math.abs(line.endLoss())) + 1e-4;
            if (peak > tolerance) {
                verdict = String.format(Locale.ROOT, "a hill: the loss rises %.3g above the higher end, so A and B "
                        + "lie in different basins", peak);
            } else if (barrier > tolerance) {
                verdict = String.format(Locale.ROOT, "no hill, but the path bends up to %.3g above the straight "
                        + "line (not convex)", barrier);
            } else {
                verdict = "no hill and no bend: one basin";
            }
        }
        return String.format(Locale.ROOT, "%s → %s · loss %.4g → %.4g · %s · %.2f s (%s)", line.fromLabel(),
                line.toLabel(), line.startLoss(), line.endLoss(), verdict, line.curve().seconds(),
                line.curve().evaluation());
    }

    private static ValueMarker marker(double at, String label) {
        ValueMarker m = new ValueMarker(at, new Color(0x888888), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
        m.setLabel(label);
        m.setLabelFont(TICK_FONT);
        m.setLabelOffset(new RectangleInsets(2, 6, 2, 6));
        return m;
    }

    private static void addFinite(XYSeries s, double x, double y) {
        if (Double.isFinite(y)) {
            s.add(x, y);
        }
    }

    private static int nearestToZero(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) < Math.abs(v[best])) {
                best = i;
            }
        }
        return best;
    }
}
