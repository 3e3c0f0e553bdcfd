package org.losslab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.losslab.analysis.CompositionalNllExample;

/**
 * The paper panel of "Learning Unnormalized Statistical Models via Compositional Optimization": for the 1-D
 * Gaussian-mean example, the negative log-likelihood (exact, and as the compositional objective with the partition
 * function estimated from noise samples) over θ above the NCE objective over θ, each with its optimiser's iterates
 * up to the step chosen on the slider (or played as an animation). Iterates are drawn on their curve at their θ.
 */
public final class CompositionalNllPanel {
    private static final Color COMPOSITIONAL = new Color(0x1F77B4);
    private static final Color NCE = new Color(0xE6550D);
    private static final Color EXACT = new Color(0x888888);
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final double THETA_MIN = -3;
    private static final double THETA_MAX = 4;

    private final CompositionalNllExample example;
    private final XYSeries compositionalIterates = new XYSeries("compositional optimiser", false, true);
    private final XYSeries nceIterates = new XYSeries("SGD on NCE", false, true);
    private final XYSeries compositionalNow = new XYSeries("now (compositional)", false, true);
    private final XYSeries nceNow = new XYSeries("now (NCE)", false, true);
    private final Slider step;
    private final Label readout = new Label();
    private final Button play = new Button("▶ Play");
    private final Timeline animation;
    private final BorderPane root = new BorderPane();

    public CompositionalNllPanel() {
        this(CompositionalNllExample.run(CompositionalNllExample.Settings.defaults()));
    }

    CompositionalNllPanel(CompositionalNllExample example) {
        this.example = example;
        XYSeries exact = new XYSeries("exact NLL (Z = √2π)", false, true);
        XYSeries compositional = new XYSeries("compositional NLL (Z from noise)", false, true);
        XYSeries nce = new XYSeries("NCE (best c for each θ)", false, true);
        int points = 281;
        for (int k = 0; k < points; k++) {
            double t = THETA_MIN + (THETA_MAX - THETA_MIN) * k / (points - 1);
            exact.add(t, example.exactNll(t));
            compositional.add(t, example.compositionalObjective(t));
            nce.add(t, example.nceProfile(t));
        }
        XYSeriesCollection top = new XYSeriesCollection();
        top.addSeries(compositional);
        top.addSeries(exact);
        top.addSeries(compositionalIterates);
        top.addSeries(compositionalNow);
        XYSeriesCollection bottom = new XYSeriesCollection();
        bottom.addSeries(nce);
        bottom.addSeries(nceIterates);
        bottom.addSeries(nceNow);
        NumberAxis theta = axis("θ (model mean)");
        theta.setRange(THETA_MIN, THETA_MAX);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(theta);
        plot.setGap(8);
        XYPlot nllPlot = subplot(top, axis("negative log-likelihood"), COMPOSITIONAL, true);
        XYPlot ncePlot = subplot(bottom, axis("NCE loss"), NCE, false);
        for (XYPlot p : new XYPlot[] {nllPlot, ncePlot}) {
            ValueMarker mean = new ValueMarker(example.dataMean(), new Color(0x555555), new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {3, 3}, 0));
            p.addDomainMarker(mean);
        }
        plot.add(nllPlot, 1);
        plot.add(ncePlot, 1);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 12));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(TICK_FONT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("paper-chart");
        viewer.setMinSize(100, 200);
        viewer.setPrefWidth(300);

        int steps = example.compositionalPath().steps();
        step = new Slider(0, steps, steps);
        step.setId("paper-step");
        step.setBlockIncrement(1);
        step.setMajorTickUnit(100);
        step.setShowTickMarks(true);
        HBox.setHgrow(step, Priority.ALWAYS);
        step.valueProperty().addListener((o, was, now) -> showStep((int) Math.round(now.doubleValue())));
        play.setId("paper-play");
        animation = new Timeline(new KeyFrame(Duration.millis(40), e -> advance()));
        animation.setCycleCount(Timeline.INDEFINITE);
        play.setOnAction(e -> toggle());
        readout.setId("paper-readout");
        readout.getStyleClass().add("legend-text");
        readout.setWrapText(true);
        Label about = new Label(String.format(Locale.ROOT, "\"Learning Unnormalized Statistical Models via "
                + "Compositional Optimization\", 1-D Gaussian mean: E_θ(x) = (x − θ)²/2 on %d points from N(%.1f, 1); "
                + "noise q = N(0, %.0f²); both optimisers start at θ = %.0f with the same minibatches of %d. The dashed "
                + "line is the data mean, where both objectives are minimal.", example.settings().dataSize(),
                example.settings().trueMean(), example.settings().noiseSigma(), example.settings().start(),
                example.settings().batch()));
        about.setWrapText(true);
        about.getStyleClass().add("legend-text");
        HBox controls = new HBox(8, play, new Label("step"), step);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox bottomBox = new VBox(4, controls, readout, about);
        bottomBox.setPadding(new Insets(4, 8, 6, 8));
        root.setCenter(viewer);
        root.setBottom(bottomBox);
        root.setId("paper-panel");
        root.setMinWidth(0);
        root.setPrefWidth(300);
        for (Label l : new Label[] {readout, about}) {
            l.setMinWidth(0);
            l.setPrefWidth(300);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        step.setMinWidth(60);
        showStep(steps);
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        a.setLabelFont(AXIS_FONT);
        a.setTickLabelFont(TICK_FONT);
        return a;
    }

    /** Curve (series 0) as a line; the reference curve dashed; iterates as dots; the current iterate as a ring. */
    private static XYPlot subplot(XYSeriesCollection data, NumberAxis range, Color colour, boolean withExact) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int iterates = withExact ? 2 : 1;
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        r.setSeriesShapesVisible(0, false);
        if (withExact) {
            r.setSeriesPaint(1, EXACT);
            r.setSeriesStroke(1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                    new float[] {5, 4}, 0));
            r.setSeriesShapesVisible(1, false);
        }
        r.setSeriesPaint(iterates, colour.darker());
        r.setSeriesLinesVisible(iterates, false);
        r.setSeriesShape(iterates, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(iterates + 1, new Color(0xD62728));
        r.setSeriesLinesVisible(iterates + 1, false);
        r.setSeriesShape(iterates + 1, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        r.setSeriesShapesFilled(iterates + 1, false);
        r.setSeriesStroke(iterates + 1, new BasicStroke(2.2f));
        r.setSeriesVisibleInLegend(iterates + 1, false);
        XYPlot p = new XYPlot(data, null, range, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xDDDDDD));
        p.setRangeGridlinePaint(new Color(0xDDDDDD));
        p.setOutlinePaint(new Color(0xBBBBBB));
        return p;
    }

    /** The iterates of steps 0 … {@code k} on their curves, step k ringed. */
    void showStep(int k) {
        CompositionalNllExample.Path comp = example.compositionalPath();
        CompositionalNllExample.Path nce = example.ncePath();
        int last = Math.max(0, Math.min(k, comp.steps()));
        fill(compositionalIterates, compositionalNow, comp, last, example::compositionalObjective);
        fill(nceIterates, nceNow, nce, last, example::nceProfile);
        readout.setText(String.format(Locale.ROOT, "step %d: compositional θ = %.3f · NCE θ = %.3f, c = %.3f "
                + "(log √2π = %.3f) · data mean %.3f · true mean %.1f", last, comp.theta(last), nce.theta(last),
                nce.logNormalisers()[last], CompositionalNllExample.LOG_PARTITION, example.dataMean(),
                example.settings().trueMean()));
    }

    private static void fill(XYSeries dots, XYSeries now, CompositionalNllExample.Path path, int last,
            java.util.function.DoubleUnaryOperator curve) {
        dots.setNotify(false);
        dots.clear();
        for (int s = 0; s <= last; s++) {
            double t = path.theta(s);
            if (t >= THETA_MIN && t <= THETA_MAX) {
                dots.add(t, curve.applyAsDouble(t));
            }
        }
        dots.setNotify(true);
        now.clear();
        now.add(path.theta(last), curve.applyAsDouble(path.theta(last)));
    }

    private void toggle() {
        if (animation.getStatus() == Timeline.Status.RUNNING) {
            animation.stop();
            play.setText("▶ Play");
            return;
        }
        if (step.getValue() >= step.getMax()) {
            step.setValue(0);
        }
        play.setText("⏸ Pause");
        animation.play();
    }

    private void advance() {
        double next = Math.min(step.getMax(), step.getValue() + 2);
        step.setValue(next);
        if (next >= step.getMax()) {
            animation.stop();
            play.setText("▶ Play");
        }
    }

    public Node root() {
        return root;
    }

    public CompositionalNllExample example() {
        return example;
    }

    Slider stepSlider() {
        return step;
    }

    int shownIterates() {
        return compositionalIterates.getItemCount();
    }

    public String readout() {
        return readout.getText();
    }

    /** Stops the animation (the window is closing). */
    public void stop() {
        animation.stop();
    }
}
