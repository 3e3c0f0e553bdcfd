package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.analysis.ClassificationMetrics.ReliabilityBin;

/**
 * One reliability diagram (Guo et al. 2017): per confidence bin, a bar up to the bin's accuracy, and a red band
 * from there to the bin's mean confidence: the gap that ECE averages, weighted by the bin's share of examples. Bars
 * of bins holding few examples are paler, since their accuracy means little. The dashed diagonal is perfect
 * calibration: below it the model is over-confident, above it under-confident.
 */
final class CalibrationDiagram extends Pane {
    private static final Color BAR = Color.web("#4c78a8");
    private static final Color GAP = Color.web("#d62728");
    private static final double LEFT = 38;
    private static final double BOTTOM = 30;
    private static final double TOP = 8;
    private static final double RIGHT = 10;

    private final Canvas canvas = new Canvas();
    private List<ReliabilityBin> bins = List.of();

    CalibrationDiagram() {
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
    }

    /** Shows these bins (empty: the axes only). */
    void setBins(List<ReliabilityBin> newBins) {
        bins = List.copyOf(newBins);
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w < 80 || h < 80) {
            return;
        }
        // A square plot: confidence and accuracy share one scale.
        double side = Math.min(w - LEFT - RIGHT, h - TOP - BOTTOM);
        double left = LEFT + (w - LEFT - RIGHT - side) / 2;
        double top = TOP + (h - TOP - BOTTOM - side) / 2;
        int total = bins.stream().mapToInt(ReliabilityBin::count).sum();
        for (ReliabilityBin b : bins) {
            if (b.count() == 0) {
                continue;
            }
            double x0 = left + b.lower() * side + 0.5;
            double bw = (b.upper() - b.lower()) * side - 1;
            double share = (double) b.count() / Math.max(1, total);
            double accY = top + (1 - b.accuracy()) * side;
            g.setFill(BAR.deriveColor(0, 1, 1, 0.35 + 0.65 * Math.min(1, share * bins.size())));
            g.fillRect(x0, accY, bw, top + side - accY);
            double confY = top + (1 - b.meanConfidence()) * side;
            double bandTop = Math.min(accY, confY);
            double bandHeight = Math.abs(confY - accY);
            g.setFill(GAP.deriveColor(0, 1, 1, 0.3));
            g.fillRect(x0, bandTop, bw, bandHeight);
            g.setStroke(GAP.deriveColor(0, 1, 1, 0.8));
            g.setLineWidth(1);
            g.strokeRect(x0 + 0.5, bandTop + 0.5, Math.max(0, bw - 1), Math.max(0, bandHeight - 1));
        }
        g.setStroke(Color.web("#888"));
        g.setLineWidth(1);
        g.setLineDashes(4, 4);
        g.strokeLine(left, top + side, left + side, top);
        g.setLineDashes();
        g.setStroke(Color.web("#999"));
        g.strokeRect(left + 0.5, top + 0.5, side - 1, side - 1);
        axes(g, left, top, side);
    }

    private static void axes(GraphicsContext g, double left, double top, double side) {
        g.setFill(Color.web("#444"));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        for (double v : new double[] {0, 0.5, 1}) {
            g.setTextAlign(v == 0 ? TextAlignment.LEFT : v == 1 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(fmt(v), left + v * side, top + side + 3);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("confidence", left + side / 2, top + side + 15);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : new double[] {0, 0.5, 1}) {
            g.fillText(fmt(v), left - 4, top + (1 - v) * side);
        }
        g.save();
        g.translate(left - 28, top + side / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("accuracy", 0, 0);
        g.restore();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
    }
}
