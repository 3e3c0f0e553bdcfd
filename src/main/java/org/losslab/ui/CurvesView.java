package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.train.MetricPoint;
import org.losslab.viz.Curve;
import org.losslab.viz.Smoothing;

/**
 * The loss and accuracy charts (JFreeChart): train and validation curves, a log-scale switch and an EMA smoothing
 * slider for the loss; the accuracy chart also shows the validation top-k accuracy (dashed) and ECE (dotted) once the
 * run reports them. Points are appended with notification off and each chart is told once per frame, so a frame
 * costs at most one repaint per chart however many points arrived.
 */
public final class CurvesView implements FrameCoalescer.Redrawable {
    private static final Color TRAIN = new Color(0x1F77B4);
    private static final Color VALIDATION = new Color(0xE6550D);
    private static final Color CALIBRATION = new Color(0x756BB1);
    /** The expected pass@N curve (DCO's metric), apart from the accuracies in hue. */
    private static final Color PASS_AT_N = new Color(0x7B3294);
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final CurvesModel model = new CurvesModel();
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;
    private final ChartViewer lossViewer;
    private final ChartViewer accuracyViewer;
    private final Map<String, XYSeries> series = new HashMap<>();
    private final Map<String, Integer> rendered = new HashMap<>();
    private final CheckBox logScale = new CheckBox("log scale");
    private final Slider smoothing = new Slider(0, Smoothing.MAX_WEIGHT, 0);
    private final Label smoothingValue = new Label();
    private final Label lossNote = new Label();
    private long renderedLayout = -1;
    private boolean dirty = true;
    private long redraws;

    public CurvesView() {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection accuracies = new XYSeriesCollection();
        for (String key : CurvesModel.LOSS_KEYS) {
            losses.addSeries(newSeries(key));
        }
        for (String key : CurvesModel.ACCURACY_KEYS) {
            accuracies.addSeries(newSeries(key));
        }
        lossChart = chart(losses, linearLossAxis());
        NumberAxis percent = new NumberAxis("accuracy");
        percent.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        percent.setRange(0.0, 1.0);
        percent.setAutoRange(false);
        style(percent);
        accuracyChart = chart(accuracies, percent);
        XYLineAndShapeRenderer accuracyLines = (XYLineAndShapeRenderer) accuracyChart.getXYPlot().getRenderer();
        int topK = CurvesModel.ACCURACY_KEYS.indexOf(CurvesModel.VAL_TOP_K);
        int ece = CurvesModel.ACCURACY_KEYS.indexOf(CurvesModel.VAL_ECE);
        accuracyLines.setSeriesPaint(topK, VALIDATION);
        accuracyLines.setSeriesStroke(topK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                new float[] {6, 4}, 0));
        accuracyLines.setSeriesPaint(ece, CALIBRATION);
        accuracyLines.setSeriesStroke(ece, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1,
                new float[] {1, 4}, 0));
        int pass = CurvesModel.ACCURACY_KEYS.indexOf(CurvesModel.VAL_PASS_AT_N);
        accuracyLines.setSeriesPaint(pass, PASS_AT_N);
        accuracyLines.setSeriesStroke(pass, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                new float[] {8, 3, 2, 3}, 0));
        lossViewer = viewer(lossChart, "loss-chart");
        accuracyViewer = viewer(accuracyChart, "accuracy-chart");

        logScale.setId("log-scale");
        logScale.setTooltip(new Tooltip("Logarithmic loss axis: shows progress when the loss is already small. "
                + "Values ≤ 0 cannot be shown on it and are left out."));
        logScale.selectedProperty().addListener((o, was, on) -> {
            model.setLogScale(on);
            markDirty();
        });
        smoothing.setId("smoothing");
        smoothing.setPrefWidth(110);
        smoothing.setTooltip(new Tooltip("Exponential moving average of both charts (as in TensorBoard): "
                + "0 shows the raw values."));
        smoothing.valueProperty().addListener((o, was, v) -> {
            double w = Math.min(Smoothing.MAX_WEIGHT, Math.round(v.doubleValue() * 100) / 100.0);
            model.setSmoothing(w);
            smoothingValue.setText(String.format(Locale.ROOT, "%.2f", w));
            markDirty();
        });
        smoothingValue.setText("0.00");
        smoothingValue.setMinWidth(32);
        lossNote.getStyleClass().add("tile-caption");
    }

    private XYSeries newSeries(String key) {
        XYSeries s = new XYSeries(model.legend(key), false, true);
        series.put(key, s);
        rendered.put(key, 0);
        return s;
    }

    private static NumberAxis linearLossAxis() {
        NumberAxis axis = new NumberAxis("loss");
        axis.setAutoRangeIncludesZero(false);
        // A single point (step 0) would otherwise get a range of 1e-4 and tick labels such as "2.57155E0".
        axis.setAutoRangeMinimumSize(0.01);
        style(axis);
        return axis;
    }

    private static LogAxis logLossAxis() {
        LogAxis axis = new LogAxis("loss (log scale)");
        axis.setNumberFormatOverride(new DecimalFormat("0.###E0"));
        axis.setSmallestValue(1e-12);
        style(axis);
        return axis;
    }

    private static void style(ValueAxis axis) {
        axis.setLabelFont(AXIS_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    private static JFreeChart chart(XYSeriesCollection data, ValueAxis rangeAxis) {
        NumberAxis steps = new NumberAxis("training step");
        steps.setAutoRangeIncludesZero(true);
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        style(steps);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false) {
            // A curve of one point (step 0, before training) has no line to draw: show it as a dot.
            @Override
            public boolean getItemShapeVisible(int seriesIndex, int item) {
                return data.getItemCount(seriesIndex) == 1;
            }
        };
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, VALIDATION);
        renderer.setSeriesStroke(0, new BasicStroke(1.8f));
        renderer.setSeriesStroke(1, new BasicStroke(1.8f));
        XYPlot plot = new XYPlot(data, steps, rangeAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setNoDataMessage("No points yet: press Train");
        plot.setNoDataMessageFont(AXIS_FONT);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        // Room on the right for the last step label (e.g. "2,000"), which would otherwise be cut.
        chart.setPadding(new RectangleInsets(2, 2, 2, 16));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(TICK_FONT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    private static ChartViewer viewer(JFreeChart chart, String id) {
        ChartViewer v = new ChartViewer(chart);
        v.setId(id);
        v.setMinSize(100, 80);
        return v;
    }

    public Node lossNode() {
        return lossViewer;
    }

    public Node accuracyNode() {
        return accuracyViewer;
    }

    /** Log-scale switch and smoothing slider for a title bar. */
    public Node[] lossControls() {
        Label label = new Label("smoothing");
        HBox box = new HBox(6, lossNote, logScale, label, smoothing, smoothingValue);
        box.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        return new Node[] {box};
    }

    public CurvesModel model() {
        return model;
    }

    public void add(List<MetricPoint> points) {
        if (!points.isEmpty()) {
            model.addAll(points);
            markDirty();
        }
    }

    public void clear() {
        model.clear();
        markDirty();
    }

    /** Tells the legend that the run's training labels were flipped on purpose and validation labels were not. */
    public void setNoisyTrainingLabels(boolean noisy) {
        model.setNoisyTrainingLabels(noisy);
        markDirty();
    }

    public void markDirty() {
        dirty = true;
    }

    /** Redraws done so far (one per frame at most). */
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
        lossChart.setNotify(false);
        accuracyChart.setNotify(false);
        if (model.layoutVersion() != renderedLayout) {
            XYPlot plot = lossChart.getXYPlot();
            boolean logNow = plot.getRangeAxis() instanceof LogAxis;
            if (logNow != model.logScale()) {
                plot.setRangeAxis(model.logScale() ? logLossAxis() : linearLossAxis());
            }
            for (Map.Entry<String, XYSeries> e : series.entrySet()) {
                e.getValue().setNotify(false);
                e.getValue().clear();
                e.getValue().setKey(model.legend(e.getKey()));
                rendered.put(e.getKey(), 0);
            }
            renderedLayout = model.layoutVersion();
        }
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
            Curve c = model.displayed(e.getKey());
            XYSeries s = e.getValue();
            s.setNotify(false);
            for (int i = rendered.get(e.getKey()); i < c.size(); i++) {
                s.add(c.x()[i], c.y()[i], false);
            }
            rendered.put(e.getKey(), c.size());
            s.setNotify(true);
        }
        // A metric the run does not report (no top-k for two classes) gets no legend entry.
        XYLineAndShapeRenderer accuracyLines = (XYLineAndShapeRenderer) accuracyChart.getXYPlot().getRenderer();
        for (int i = 0; i < CurvesModel.ACCURACY_KEYS.size(); i++) {
            accuracyLines.setSeriesVisibleInLegend(i, model.size(CurvesModel.ACCURACY_KEYS.get(i)) > 0, false);
        }
        int hidden = model.hiddenOnLogScale();
        lossNote.setText(hidden == 0 ? "" : hidden + " points ≤ 0 hidden");
        // One change event per chart: one repaint each.
        lossChart.setNotify(true);
        accuracyChart.setNotify(true);
        return true;
    }
}
