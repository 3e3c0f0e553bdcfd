package org.losslab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A loss landscape as a picture: the grid as a heat map (viridis, bilinear between grid points), contour lines, the
 * optimizer's projected path as a white polyline ending in a red dot at the current point, axes α and β and a colour
 * bar. Plain data in, so the CLI and the app's PNG export draw the same image (writing the file, with
 * {@code javax.imageio}, is theirs: this package uses only {@code java.*}).
 */
public final class LandscapeImage {
    private static final int LEFT = 48;
    private static final int BOTTOM = 36;
    private static final int TOP = 18;
    private static final int RIGHT = 84;
    private static final int BAR = 14;
    private static final int CONTOURS = 12;
    private static final int NOT_FINITE = 0xFF3A3A3A;

    private LandscapeImage() {}

    /**
     * @param alphas grid coordinates along d1, ascending [n]
     * @param betas grid coordinates along d2, ascending [m]
     * @param losses row-major [m, n]: {@code losses[j * n + i]} at (alphas[i], betas[j])
     * @param pathAlpha the trajectory's α, oldest first (may be empty)
     * @param pathBeta the trajectory's β
     * @param size the heat map's side in pixels, ≥ 16
     * @param logScale colour by log(loss) (falls back to linear when some loss is ≤ 0)
     */
    public static BufferedImage render(double[] alphas, double[] betas, double[] losses, double[] pathAlpha,
            double[] pathBeta, int size, boolean logScale) {
        int n = alphas.length;
        int m = betas.length;
        if (n < 2 || m < 2 || losses.length != n * m) {
            throw new IllegalArgumentException("losses must hold alphas × betas values (each at least 2), got "
                    + losses.length + " for " + n + "×" + m);
        }
        if (pathAlpha.length != pathBeta.length) {
            throw new IllegalArgumentException("pathAlpha and pathBeta differ in length: " + pathAlpha.length
                    + " and " + pathBeta.length);
        }
        if (size < 16) {
            throw new IllegalArgumentException("size must be at least 16 pixels, got " + size);
        }
        boolean log = logScale;
        for (double v : losses) {
            if (Double.isFinite(v) && v <= 0) {
                log = false;
            }
        }
        double[] scaled = new double[losses.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < losses.length; k++) {
            scaled[k] = log ? Math.log(losses[k]) : losses[k];
            if (Double.isFinite(scaled[k])) {
                lo = Math.min(lo, scaled[k]);
                hi = Math.max(hi, scaled[k]);
            }
        }
        BufferedImage image = new BufferedImage(LEFT + size + RIGHT, TOP + size + BOTTOM, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());

        double[] t = new double[size * size];
        for (int py = 0; py < size; py++) {
            // Row 0 of the picture is the largest β: β grows upwards.
            double gy = (size - 1 - py) * (m - 1.0) / (size - 1);
            for (int px = 0; px < size; px++) {
                double gx = px * (n - 1.0) / (size - 1);
                double v = bilinear(scaled, n, m, gx, gy);
                t[py * size + px] = hi > lo ? (v - lo) / (hi - lo) : 0.5;
            }
        }
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                double v = t[py * size + px];
                int colour = Double.isFinite(v) ? ValuePalette.colour(v) : NOT_FINITE;
                if (Double.isFinite(v) && isContour(t, size, px, py)) {
                    colour = ClassPalette.mix(colour, 0xFFFFFFFF, 0.45);
                }
                image.setRGB(LEFT + px, TOP + py, colour);
            }
        }

        double a0 = alphas[0];
        double a1 = alphas[n - 1];
        double b0 = betas[0];
        double b1 = betas[m - 1];
        if (pathAlpha.length > 0) {
            g.setClip(LEFT, TOP, size, size);
            Path2D.Double line = new Path2D.Double();
            for (int k = 0; k < pathAlpha.length; k++) {
                double x = LEFT + (pathAlpha[k] - a0) / (a1 - a0) * (size - 1);
                double y = TOP + (b1 - pathBeta[k]) / (b1 - b0) * (size - 1);
                if (k == 0) {
                    line.moveTo(x, y);
                } else {
                    line.lineTo(x, y);
                }
            }
            g.setStroke(new BasicStroke(1.6f));
            g.setColor(Color.WHITE);
            g.draw(line);
            int last = pathAlpha.length - 1;
            double x = LEFT + (pathAlpha[last] - a0) / (a1 - a0) * (size - 1);
            double y = TOP + (b1 - pathBeta[last]) / (b1 - b0) * (size - 1);
            g.setColor(new Color(0xE0, 0x30, 0x30));
            g.fill(new java.awt.geom.Ellipse2D.Double(x - 4, y - 4, 8, 8));
            g.setClip(null);
        }

        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT - 1, TOP - 1, size + 1, size + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k < 3; k++) {
            double f = k / 2.0;
            int x = LEFT + (int) Math.round(f * (size - 1));
            int y = TOP + (int) Math.round((1 - f) * (size - 1));
            String av = number(a0 + f * (a1 - a0));
            String bv = number(b0 + f * (b1 - b0));
            g.drawLine(x, TOP + size, x, TOP + size + 4);
            g.drawString(av, x - g.getFontMetrics().stringWidth(av) / 2, TOP + size + 16);
            g.drawLine(LEFT - 5, y, LEFT - 1, y);
            g.drawString(bv, LEFT - 7 - g.getFontMetrics().stringWidth(bv), y + 4);
        }
        g.drawString("α", LEFT + size / 2 - 3, TOP + size + 31);
        g.drawString("β", 6, TOP + size / 2 + 4);

        int barX = LEFT + size + 14;
        for (int py = 0; py < size; py++) {
            int colour = ValuePalette.colour(1 - py / (size - 1.0));
            for (int px = 0; px < BAR; px++) {
                image.setRGB(barX + px, TOP + py, colour);
            }
        }
        g.drawRect(barX - 1, TOP - 1, BAR + 1, size + 1);
        String top = number(log ? Math.exp(hi) : hi);
        String bottom = number(log ? Math.exp(lo) : lo);
        g.drawString(top, barX + BAR + 4, TOP + 10);
        g.drawString(bottom, barX + BAR + 4, TOP + size);
        g.drawString(log ? "loss (log)" : "loss", barX - 2, TOP - 5);
        g.dispose();
        return image;
    }

    /** A pixel on a contour: its level differs from its right or lower neighbour's. */
    private static boolean isContour(double[] t, int size, int px, int py) {
        int level = level(t[py * size + px]);
        return (px + 1 < size && Double.isFinite(t[py * size + px + 1]) && level(t[py * size + px + 1]) != level)
                || (py + 1 < size && Double.isFinite(t[(py + 1) * size + px])
                        && level(t[(py + 1) * size + px]) != level);
    }

    private static int level(double t) {
        return (int) Math.floor(Math.min(t, 1 - 1e-12) * CONTOURS);
    }

    /** Bilinear interpolation at fractional grid position (gx, gy); NaN when a corner is not finite. */
    private static double bilinear(double[] v, int n, int m, double gx, double gy) {
        int i = Math.min(n - 2, (int) Math.floor(gx));
        int j = Math.min(m - 2, (int) Math.floor(gy));
        double fx = gx - i;
        double fy = gy - j;
        double v00 = v[j * n + i];
        double v10 = v[j * n + i + 1];
        double v01 = v[(j + 1) * n + i];
        double v11 = v[(j + 1) * n + i + 1];
        double out = (1 - fx) * (1 - fy) * v00 + fx * (1 - fy) * v10 + (1 - fx) * fy * v01 + fx * fy * v11;
        return Double.isFinite(out) ? out : Double.NaN;
    }

    private static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-2 ? String.format(Locale.ROOT, "%.2g", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
