package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.analysis.SharpnessPoint;

/**
 * Sharpness over training: the top Hessian eigenvalue λ_max of the training loss against the step. Points may arrive
 * from any thread; they are added to the chart once per frame.
 */
public final class SharpnessChart implements FrameCoalescer.Redrawable {
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final ConcurrentLinkedQueue<SharpnessPoint> incoming = new ConcurrentLinkedQueue<>();
    private volatile boolean clearRequested;
    private final XYSeries series = new XYSeries("λ_max", true, true);
    private final ChartViewer viewer;
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private long redraws;

    public SharpnessChart() {
        NumberAxis steps = new NumberAxis("training step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis eigen = new NumberAxis("λ_max (Hessian)");
        eigen.setAutoRangeIncludesZero(false);
        eigen.setAutoRangeMinimumSize(1e-3);
        for (NumberAxis axis : new NumberAxis[] {steps, eigen}) {
            axis.setLabelFont(AXIS_FONT);
            axis.setTickLabelFont(TICK_FONT);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x7B3294));
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), steps, eigen, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setNoDataMessage("λ_max appears as the run estimates it");
        plot.setNoDataMessageFont(AXIS_FONT);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 12));
        viewer = new ChartViewer(chart);
        viewer.setId("sharpness-chart");
        viewer.setMinSize(100, 80);
    }

    public Node node() {
        return viewer;
    }

    /** "λ_max 12.3 at step 500 · 20 iterations in 0.80 s". */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Any thread. */
    public void add(SharpnessPoint point) {
        incoming.add(point);
    }

    /** Any thread. */
    public void clear() {
        incoming.clear();
        clearRequested = true;
    }

    public int size() {
        return series.getItemCount();
    }

    public long redraws() {
        return redraws;
    }

    @Override
    public boolean redrawIfDirty() {
        boolean changed = false;
        if (clearRequested) {
            clearRequested = false;
            series.clear();
            caption.set("");
            changed = true;
        }
        if (!incoming.isEmpty()) {
            SharpnessPoint last = null;
            SharpnessPoint p;
            series.setNotify(false);
            while ((p = incoming.poll()) != null) {
                series.addOrUpdate(p.step(), p.topEigenvalue());
                last = p;
            }
            series.setNotify(true); // one change event for the whole batch
            if (last != null) {
                caption.set(String.format(Locale.ROOT, "λ_max %.4g · step %,d · %d iter. in %.2f s",
                        last.topEigenvalue(), last.step(), last.iterations(), last.seconds()));
            }
            changed = true;
        }
        if (changed) {
            redraws++;
        }
        return changed;
    }
}
