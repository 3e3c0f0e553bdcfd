package org.losslab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Plotter} on a {@code java.awt} image, for PNG files written without a screen. */
public final class AwtPlotter implements Plotter {
    private final BufferedImage image;
    private final Graphics2D g;

    public AwtPlotter(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }

    /** The pixels drawn so far, row-major [height, width]. */
    public int[] pixels() {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The picture as PNG bytes. */
    public byte[] png() {
        return PngEncoder.encode(pixels(), image.getWidth(), image.getHeight());
    }

    public void dispose() {
        g.dispose();
    }

    private static Color colour(int argb) {
        return new Color(argb, true);
    }

    @Override
    public void image(int[] argb, int width, int height, double x, double y, double w, double h) {
        BufferedImage src = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        src.setRGB(0, 0, width, height, argb, 0, width);
        g.drawImage(src, (int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h), null);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setColor(colour(argb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int argb, double lineWidth) {
        g.setColor(colour(argb));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, boolean closed, int argb, double lineWidth) {
        if (n < 2) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int k = 1; k < n; k++) {
            path.lineTo(xs[k], ys[k]);
        }
        if (closed) {
            path.closePath();
        }
        g.setColor(colour(argb));
        g.setStroke(new BasicStroke((float) lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, int argb) {
        g.setColor(colour(argb));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, int argb, double lineWidth) {
        g.setColor(colour(argb));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void text(String text, double x, double y, Anchor anchor, double size, int argb) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        g.setColor(colour(argb));
        FontMetrics m = g.getFontMetrics();
        double w = m.stringWidth(text);
        String a = anchor.name();
        double left = a.endsWith("LEFT") ? x : a.endsWith("RIGHT") ? x - w : x - w / 2;
        double baseline = a.startsWith("TOP") ? y + m.getAscent() : a.startsWith("BOTTOM") ? y - m.getDescent()
                : y + (m.getAscent() - m.getDescent()) / 2.0;
        g.drawString(text, (float) left, (float) baseline);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }
}
