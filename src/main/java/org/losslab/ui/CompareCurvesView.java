package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
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
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.train.MetricPoint;
import org.losslab.viz.ArmPalette;
import org.losslab.viz.Curve;
import org.losslab.viz.Smoothing;

/**
 * The loss and accuracy curves of every arm of a comparison overlaid in two charts: one colour per arm (the
 * {@link ArmPalette} colour it has in every view), training dashed, validation solid. The legend is the
 * workspace's, shared by all views. Points are appended with notification off and each chart repaints at most once
 * per frame.
 */
public final class CompareCurvesView implements FrameCoalescer.Redrawable {
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final float WIDTH = 1.8f;
    private static final BasicStroke SOLID = new BasicStroke(WIDTH);
    private static final BasicStroke DASHED = new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);

    /** One charted series: which arm, which metric, and how much of it is drawn. */
    private static final class Line {
        final int arm;
        final String key;
        final XYSeries series;
        int rendered;

        Line(int arm, String key, XYSeries series) {
            this.arm = arm;
            this.key = key;
            this.series = series;
        }
    }

    public static final String ACCURACY = "accuracy";
    public static final String TOP_K = "top-k accuracy";
    public static final String ECE = "calibration error (ECE)";
    public static final String PASS_AT_N = "expected pass@N";

    private final List<CurvesModel> models = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection accuracies = new XYSeriesCollection();
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;
    private final ChartViewer lossViewer;
    private final ChartViewer accuracyViewer;
    private final CheckBox logScale = new CheckBox("log scale");
    /** What the second chart shows: one metric family at a time, or four arms would draw sixteen lines. */
    private final ComboBox<String> metric = new ComboBox<>();
    private List<String> labels = List.of();
    private final Slider smoothing = new Slider(0, Smoothing.MAX_WEIGHT, 0);
    private final Label smoothingValue = new Label("0.00");
    private long layout;
    private long renderedLayout = -1;
    private boolean dirty = true;

    /** The second chart's choices and the metric keys each draws per arm (training dashed, validation solid). */
    private static final Map<String, List<String>> METRICS = Map.of(
            ACCURACY, List.of(CurvesModel.TRAIN_ACCURACY, CurvesModel.VAL_ACCURACY),
            TOP_K, List.of(CurvesModel.VAL_TOP_K),
            ECE, List.of(CurvesModel.VAL_ECE),
            PASS_AT_N, List.of(CurvesModel.VAL_PASS_AT_N));

    public CompareCurvesView() {
        lossChart = chart(losses, linearLossAxis());
        NumberAxis percent = new NumberAxis("accuracy");
        percent.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        percent.setRange(0.0, 1.0);
        percent.setAutoRange(false);
        style(percent);
        accuracyChart = chart(accuracies, percent);
        lossViewer = viewer(lossChart, "compare-loss-chart");
        accuracyViewer = viewer(accuracyChart, "compare-accuracy-chart");
        logScale.setId("compare-log-scale");
        logScale.setTooltip(new Tooltip("Logarithmic loss axis; values ≤ 0 cannot be shown on it and are left out."));
        logScale.selectedProperty().addListener((o, was, on) -> {
            models.forEach(m -> m.setLogScale(on));
            relayout();
        });
        smoothing.setId("compare-smoothing");
        smoothing.setPrefWidth(100);
        smoothing.setTooltip(new Tooltip("Exponential moving average of every curve (0 shows the raw values)."));
        smoothing.valueProperty().addListener((o, was, v) -> {
            double w = Math.min(Smoothing.MAX_WEIGHT, Math.round(v.doubleValue() * 100) / 100.0);
            models.forEach(m -> m.setSmoothing(w));
            smoothingValue.setText(String.format(Locale.ROOT, "%.2f", w));
            relayout();
        });
        smoothingValue.setMinWidth(32);
        metric.getItems().setAll(ACCURACY, TOP_K, ECE, PASS_AT_N);
        metric.setValue(ACCURACY);
        metric.setId("compare-metric");
        metric.setTooltip(new Tooltip("The metric of the second chart. Top-k and pass@N appear when the experiment "
                + "reports them (its metrics section); ECE is the expected calibration error, lower is better."));
        metric.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                rebuildMetricLines();
            }
        });
    }

    /** Shows {@code choice} (one of {@link #metricChoices()}) in the second chart. */
    public void showMetric(String choice) {
        if (!METRICS.containsKey(choice)) {
            throw new IllegalArgumentException("no metric '" + choice + "'; choices: " + metricChoices());
        }
        metric.setValue(choice);
    }

    public String shownMetric() {
        return metric.getValue();
    }

    public List<String> metricChoices() {
        return List.copyOf(metric.getItems());
    }

    /** The metric chooser for the second chart's title bar. */
    public Node metricControls() {
        return metric;
    }

    private void rebuildMetricLines() {
        lines.removeIf(l -> !CurvesModel.LOSS_KEYS.contains(l.key));
        accuracies.removeAllSeries();
        for (int arm = 0; arm < labels.size(); arm++) {
            for (String key : METRICS.get(metric.getValue())) {
                accuracies.addSeries(line(arm, labels.get(arm), key));
            }
        }
        NumberAxis axis = (NumberAxis) accuracyChart.getXYPlot().getRangeAxis();
        boolean ece = metric.getValue().equals(ECE);
        axis.setLabel(ece ? "ECE (lower is better)" : metric.getValue());
        // ECE lives near zero; a fixed 0–100 % axis would flatten it.
        axis.setNumberFormatOverride(ece ? null : NumberFormat.getPercentInstance(Locale.ROOT));
        if (ece) {
            axis.setAutoRangeIncludesZero(true);
            axis.setAutoRange(true);
        } else {
            axis.setRange(0.0, 1.0);
            axis.setAutoRange(false);
        }
        style(accuracyChart, accuracies);
        relayout();
    }

    private static NumberAxis linearLossAxis() {
        NumberAxis axis = new NumberAxis("loss");
        axis.setAutoRangeIncludesZero(false);
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
        XYPlot plot = new XYPlot(data, steps, rangeAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setNoDataMessage("No points yet: press Train");
        plot.setNoDataMessageFont(AXIS_FONT);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setPadding(new RectangleInsets(2, 2, 2, 16));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    private static ChartViewer viewer(JFreeChart chart, String id) {
        ChartViewer v = new ChartViewer(chart);
        v.setId(id);
        v.setMinSize(100, 80);
        return v;
    }

    /** Starts over with {@code labels.size()} arms and no points. */
    public void setArms(List<String> labels) {
        models.clear();
        lines.clear();
        losses.removeAllSeries();
        accuracies.removeAllSeries();
        this.labels = List.copyOf(labels);
        for (int arm = 0; arm < labels.size(); arm++) {
            CurvesModel m = new CurvesModel();
            m.setLogScale(logScale.isSelected());
            m.setSmoothing(Math.min(Smoothing.MAX_WEIGHT, Math.round(smoothing.getValue() * 100) / 100.0));
            models.add(m);
            for (String key : CurvesModel.LOSS_KEYS) {
                losses.addSeries(line(arm, labels.get(arm), key));
            }
        }
        style(lossChart, losses);
        rebuildMetricLines();
    }

    private XYSeries line(int arm, String label, String key) {
        XYSeries s = new XYSeries(label + " · " + CurvesModel.label(key), false, true);
        lines.add(new Line(arm, key, s));
        return s;
    }

    /** Colour by arm, dashes for training. */
    private void style(JFreeChart chart, XYSeriesCollection data) {
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Line line = lineOf(data.getSeries(i));
            renderer.setSeriesPaint(i, new Color(ArmPalette.colour(line.arm), true));
            renderer.setSeriesStroke(i, line.key.startsWith("train") ? DASHED : SOLID);
        }
    }

    private Line lineOf(XYSeries series) {
        for (Line l : lines) {
            if (l.series == series) {
                return l;
            }
        }
        throw new IllegalStateException("series without a line: " + series.getKey());
    }

    public Node lossNode() {
        return lossViewer;
    }

    public Node accuracyNode() {
        return accuracyViewer;
    }

    /** Log-scale switch and smoothing slider for a title bar. */
    public Node lossControls() {
        HBox box = new HBox(6, logScale, new Label("smoothing"), smoothing, smoothingValue);
        box.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        return box;
    }

    public void add(int arm, List<MetricPoint> points) {
        if (arm < models.size() && !points.isEmpty()) {
            models.get(arm).addAll(points);
            dirty = true;
        }
    }

    /** The numbers of one arm. */
    public CurvesModel model(int arm) {
        return models.get(arm);
    }

    public int arms() {
        return models.size();
    }

    /** Series in the loss chart (two per arm). */
    public int lossSeries() {
        return losses.getSeriesCount();
    }

    /** Series in the second chart: two per arm for accuracy, one for the other metrics. */
    public int accuracySeries() {
        return accuracies.getSeriesCount();
    }

    private void relayout() {
        layout++;
        dirty = true;
    }

    @Override
    public boolean redrawIfDirty() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        lossChart.setNotify(false);
        accuracyChart.setNotify(false);
        if (layout != renderedLayout) {
            XYPlot plot = lossChart.getXYPlot();
            boolean logNow = plot.getRangeAxis() instanceof LogAxis;
            if (logNow != logScale.isSelected()) {
                plot.setRangeAxis(logScale.isSelected() ? logLossAxis() : linearLossAxis());
            }
            for (Line l : lines) {
                l.series.setNotify(false);
                l.series.clear();
                l.rendered = 0;
            }
            renderedLayout = layout;
        }
        for (Line l : lines) {
            Curve c = models.get(l.arm).displayed(l.key);
            l.series.setNotify(false);
            for (int i = l.rendered; i < c.size(); i++) {
                l.series.add(c.x()[i], c.y()[i], false);
            }
            l.rendered = c.size();
            l.series.setNotify(true);
        }
        lossChart.setNotify(true);
        accuracyChart.setNotify(true);
        return true;
    }
}
