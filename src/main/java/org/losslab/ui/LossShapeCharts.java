package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.analysis.LossShapeProbe.Axis;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.analysis.LossShapeProbe.Shape;

/**
 * The two charts of one kind of plot, side by side: ℓ and its derivative against the margin, probability or residual.
 * A new set of curves replaces the datasets in one step each, so a refresh costs one repaint per chart.
 */
final class LossShapeCharts {
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Color ZERO_LINE = new Color(0x888888);

    private final Plot plot;
    private final JFreeChart lossChart;
    private final JFreeChart derivativeChart;
    private final HBox node;
    private final ValueMarker lossReference = new ValueMarker(0, ZERO_LINE, new BasicStroke(1f,
            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    private final ValueMarker derivativeReference = new ValueMarker(0, ZERO_LINE, new BasicStroke(1f,
            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    private XYSeriesCollection lossData = new XYSeriesCollection();
    private XYSeriesCollection derivativeData = new XYSeriesCollection();
    private boolean holdRanges;

    LossShapeCharts(Plot plot, String idPrefix) {
        this.plot = plot;
        boolean regression = plot == Plot.REGRESSION;
        lossChart = chart(regression ? "Loss ℓ(r)" : "Loss ℓ", lossData, "ℓ", true);
        derivativeChart = chart(regression ? "Pull on the prediction ∂ℓ/∂pred" : "Push on the true class ∂ℓ/∂z_y",
                derivativeData, regression ? "∂ℓ/∂pred" : "∂ℓ/∂z_y", false);
        derivativeChart.addSubtitle(new TextTitle(regression
                ? "gradient descent moves pred by −η·∂ℓ/∂pred: the further from 0, the harder the pull"
                : "gradient descent moves z_y by −η·∂ℓ/∂z_y: below 0 pushes the true class up", TICK_FONT));
        ((XYPlot) derivativeChart.getPlot()).addRangeMarker(new ValueMarker(0, ZERO_LINE, new BasicStroke(1f)));
        ((XYPlot) lossChart.getPlot()).addDomainMarker(lossReference);
        ((XYPlot) derivativeChart.getPlot()).addDomainMarker(derivativeReference);
        ChartViewer lossViewer = viewer(lossChart, idPrefix + "-loss-chart");
        ChartViewer derivativeViewer = viewer(derivativeChart, idPrefix + "-derivative-chart");
        node = new HBox(6, lossViewer, derivativeViewer);
        HBox.setHgrow(lossViewer, Priority.ALWAYS);
        HBox.setHgrow(derivativeViewer, Priority.ALWAYS);
        setAxisLabels(Settings.defaults());
    }

    private static JFreeChart chart(String title, XYSeriesCollection data, String rangeLabel, boolean legend) {
        NumberAxis x = new NumberAxis();
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(rangeLabel);
        y.setAutoRangeIncludesZero(true);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setLabelFont(AXIS_FONT);
            a.setTickLabelFont(TICK_FONT);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        XYPlot p = new XYPlot(data, x, y, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xDDDDDD));
        p.setRangeGridlinePaint(new Color(0xDDDDDD));
        p.setOutlinePaint(new Color(0xBBBBBB));
        p.setNoDataMessage("Tick a loss on the left");
        p.setNoDataMessageFont(AXIS_FONT);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, p, legend);
        chart.setPadding(new RectangleInsets(2, 2, 2, 12));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (legend) {
            LegendTitle l = chart.getLegend();
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(TICK_FONT);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static ChartViewer viewer(JFreeChart chart, String id) {
        ChartViewer v = new ChartViewer(chart);
        v.setId(id);
        v.setMinSize(150, 120);
        v.setPrefSize(400, 300);
        return v;
    }

    Node node() {
        return node;
    }

    /** Axis titles and the reference line for these settings: the tie (m = 0), chance (p = 1/C) or r = 0. */
    private void setAxisLabels(Settings settings) {
        String label;
        double reference;
        if (plot == Plot.REGRESSION) {
            label = "residual r = prediction − target";
            reference = 0;
        } else if (settings.axis() == Axis.PROBABILITY) {
            label = "probability of the true class p_y   (dashed: chance, 1/C)";
            reference = 1.0 / settings.classes();
        } else {
            label = "true-class margin m";
            reference = 0;
        }
        for (JFreeChart c : new JFreeChart[] {lossChart, derivativeChart}) {
            c.getXYPlot().getDomainAxis().setLabel(label);
        }
        lossReference.setValue(reference);
        derivativeReference.setValue(reference);
    }

    /**
     * Replaces the curves.
     *
     * @param shapes the computed curves of this plot, in the order of {@code colours}
     * @param name legend text of a curve
     * @param colour 0xAARRGGBB colour of a curve
     */
    void show(List<Shape> shapes, Settings settings, Function<Shape, String> name, Function<Shape, Integer> colour) {
        lossChart.setNotify(false);
        derivativeChart.setNotify(false);
        setAxisLabels(settings);
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection derivatives = new XYSeriesCollection();
        XYLineAndShapeRenderer lossRenderer = (XYLineAndShapeRenderer) lossChart.getXYPlot().getRenderer();
        XYLineAndShapeRenderer derivativeRenderer =
                (XYLineAndShapeRenderer) derivativeChart.getXYPlot().getRenderer();
        int i = 0;
        for (Shape s : shapes) {
            if (!s.ok()) {
                continue;
            }
            String key = name.apply(s);
            XYSeries l = new XYSeries(key, false, true);
            XYSeries d = new XYSeries(key, false, true);
            for (int k = 0; k < s.size(); k++) {
                // An infinite value would stretch the axis to nothing; a gap (NaN) is drawn as a break in the line.
                l.add(s.x()[k], finiteOrNaN(s.loss()[k]), false);
                d.add(s.x()[k], finiteOrNaN(s.derivative()[k]), false);
            }
            losses.addSeries(l);
            derivatives.addSeries(d);
            Color c = new Color(colour.apply(s), true);
            BasicStroke stroke = new BasicStroke(s.pointwise() ? 2.2f : 2f);
            lossRenderer.setSeriesPaint(i, c);
            derivativeRenderer.setSeriesPaint(i, c);
            lossRenderer.setSeriesStroke(i, stroke);
            derivativeRenderer.setSeriesStroke(i, stroke);
            i++;
        }
        lossData = losses;
        derivativeData = derivatives;
        lossChart.getXYPlot().setDataset(losses);
        derivativeChart.getXYPlot().setDataset(derivatives);
        if (!holdRanges) {
            fitRange(lossChart, losses);
            fitRange(derivativeChart, derivatives);
        }
        lossChart.setNotify(true);
        derivativeChart.setNotify(true);
    }

    /**
     * Keeps the y-axes where they are (so a slider's effect is seen against a fixed scale) or lets them follow the
     * curves again.
     */
    void holdRanges(boolean hold) {
        holdRanges = hold;
        if (!hold) {
            fitRange(lossChart, lossData);
            fitRange(derivativeChart, derivativeData);
        } else {
            for (JFreeChart c : new JFreeChart[] {lossChart, derivativeChart}) {
                ValueAxis y = c.getXYPlot().getRangeAxis();
                y.setRange(y.getRange());
            }
        }
    }

    /**
     * The y-range that shows the curves: all of every curve, unless a few points shoot far off (the derivative of a
     * standardising loss at exactly tied logits is ~1e14); then the range covers the central 99% of the values and the
     * spike leaves the chart, so the rest stays readable.
     */
    static double[] robustRange(XYSeriesCollection data) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            XYSeries series = data.getSeries(i);
            for (int k = 0; k < series.getItemCount(); k++) {
                double v = series.getY(k).doubleValue();
                if (Double.isFinite(v)) {
                    values.add(v);
                }
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int n = values.size();
        double min = Math.min(0, values.get(0));
        double max = Math.max(0, values.get(n - 1));
        double lo = Math.min(0, values.get((int) Math.floor(0.005 * (n - 1))));
        double hi = Math.max(0, values.get((int) Math.ceil(0.995 * (n - 1))));
        double span = Math.max(hi - lo, 1e-9);
        if (min < lo - 2 * span || max > hi + 2 * span) {
            min = lo;
            max = hi;
        }
        double pad = Math.max(max - min, 1e-9) * 0.04;
        return new double[] {min - (min < 0 ? pad : 0), max + (max > 0 ? pad : 0)};
    }

    private static void fitRange(JFreeChart chart, XYSeriesCollection data) {
        double[] range = robustRange(data);
        ValueAxis y = chart.getXYPlot().getRangeAxis();
        if (range == null) {
            y.setAutoRange(true);
        } else {
            y.setRange(range[0], range[1]);
        }
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** The plotted ℓ curves (for tests). */
    XYSeriesCollection lossData() {
        return lossData;
    }

    /** The plotted derivative curves (for tests). */
    XYSeriesCollection derivativeData() {
        return derivativeData;
    }

    /** The x-axis title now shown (for tests). */
    String axisLabel() {
        return lossChart.getXYPlot().getDomainAxis().getLabel();
    }
}
