package org.losslab.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.viz.Plotter;

/**
 * A {@link Plotter} on a JavaFX canvas. Images are uploaded once per pixel array: the painter hands the same cached
 * heat-map array on every repaint, so a resize does not re-create the texture.
 */
final class CanvasPlotter implements Plotter {
    private final GraphicsContext g;
    private final java.util.Map<int[], WritableImage> images = new java.util.IdentityHashMap<>();

    CanvasPlotter(GraphicsContext g) {
        this.g = g;
    }

    /** Forgets uploaded images whose arrays are no longer drawn. */
    void retainOnly(int[]... arrays) {
        images.keySet().removeIf(k -> {
            for (int[] a : arrays) {
                if (a == k) {
                    return false;
                }
            }
            return true;
        });
    }

    static Color colour(int argb) {
        return Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF, (argb >>> 24) / 255.0);
    }

    @Override
    public void image(int[] argb, int width, int height, double x, double y, double w, double h) {
        WritableImage img = images.computeIfAbsent(argb, a -> {
            WritableImage i = new WritableImage(width, height);
            i.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), a, 0, width);
            return i;
        });
        g.setImageSmoothing(true);
        g.drawImage(img, x, y, w, h);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setFill(colour(argb));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int argb, double lineWidth) {
        g.setStroke(colour(argb));
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, boolean closed, int argb, double lineWidth) {
        if (n < 2) {
            return;
        }
        g.setStroke(colour(argb));
        g.setLineWidth(lineWidth);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        if (closed) {
            g.strokePolygon(xs, ys, n);
        } else {
            g.strokePolyline(xs, ys, n);
        }
    }

    @Override
    public void fillCircle(double cx, double cy, double r, int argb) {
        g.setFill(colour(argb));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, int argb, double lineWidth) {
        g.setStroke(colour(argb));
        g.setLineWidth(lineWidth);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void text(String text, double x, double y, Anchor anchor, double size, int argb) {
        String a = anchor.name();
        g.setFont(Font.font(size));
        g.setFill(colour(argb));
        g.setTextAlign(a.endsWith("LEFT") ? TextAlignment.LEFT : a.endsWith("RIGHT") ? TextAlignment.RIGHT
                : TextAlignment.CENTER);
        g.setTextBaseline(a.startsWith("TOP") ? VPos.TOP : a.startsWith("BOTTOM") ? VPos.BOTTOM : VPos.CENTER);
        g.fillText(text, x, y);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.closePath();
        g.clip();
    }

    @Override
    public void unclip() {
        g.restore();
    }
}
