package org.losslab.viz;

import java.util.List;
import java.util.Locale;

/**
 * Paints a {@link LandscapePicture} on any {@link Plotter}: the heat map with iso-lines, a colour bar with tick
 * labels, α/β axes, the optimizer's path as a polyline that fades with age, and the current point as a ring with its
 * distance from the plane written beside it (a projection can put a far-away point on top of the basin).
 */
public final class LandscapePainter {
    static final double MARGIN_LEFT = 46;
    static final double MARGIN_BOTTOM = 34;
    static final double MARGIN_TOP_CAPTION = 22;
    static final double MARGIN = 8;
    static final double BAR_GAP = 14;
    static final double BAR_WIDTH = 14;
    static final double BAR_LABELS = 52;
    static final int TEXT = 0xFF333333;
    static final int FRAME = 0xFF888888;
    static final int CONTOUR = 0x99FFFFFF;
    /** Warm, apart from the white iso-lines and from every viridis colour. */
    static final int PATH = 0xFFFFA040;
    static final int PATH_EDGE = 0xFF222222;
    static final int CURRENT = 0xFFE4572E;

    /**
     * Where things go on a surface of a given size: the square map (α to the right, β up) and the colour bar.
     *
     * @param plotX left edge of the map
     * @param plotY top edge of the map
     * @param plotSize side of the map (equal scale on both axes)
     */
    public record Layout(double plotX, double plotY, double plotSize, double barX, double barY, double barHeight,
            double alphaMin, double alphaMax, double betaMin, double betaMax) {

        /** The pixel of (α, β): {x, y}. */
        public double[] toPixel(double alpha, double beta) {
            return new double[] {plotX + (alpha - alphaMin) / (alphaMax - alphaMin) * plotSize,
                    plotY + (betaMax - beta) / (betaMax - betaMin) * plotSize};
        }

        /** The (α, β) under a pixel, or null outside the map. */
        public double[] toPlane(double x, double y) {
            if (x < plotX || x > plotX + plotSize || y < plotY || y > plotY + plotSize) {
                return null;
            }
            return new double[] {alphaMin + (x - plotX) / plotSize * (alphaMax - alphaMin),
                    betaMax - (y - plotY) / plotSize * (betaMax - betaMin)};
        }

        public boolean isDrawable() {
            return plotSize >= 40;
        }
    }

    /** The colour bar's pixels, top (high loss) first; one shared array so plotters can cache its image. */
    private static final int[] COLOUR_BAR = new int[256];

    static {
        for (int k = 0; k < COLOUR_BAR.length; k++) {
            COLOUR_BAR[k] = ValuePalette.colour(1 - (k + 0.5) / COLOUR_BAR.length);
        }
    }

    private LandscapePainter() {}

    /** The layout of {@code picture} on a {@code width}×{@code height} surface. */
    public static Layout layout(LandscapePicture picture, double width, double height) {
        double top = picture.caption().isEmpty() ? MARGIN : MARGIN_TOP_CAPTION;
        double availW = width - MARGIN_LEFT - MARGIN - BAR_GAP - BAR_WIDTH - BAR_LABELS;
        double availH = height - top - MARGIN_BOTTOM;
        double side = Math.max(0, Math.min(availW, availH));
        double plotX = MARGIN_LEFT + Math.max(0, (availW - side) / 2);
        double plotY = top + Math.max(0, (availH - side) / 2);
        double[] a = picture.alphas();
        double[] b = picture.betas();
        return new Layout(plotX, plotY, side, plotX + side + BAR_GAP, plotY, side, a[0], a[a.length - 1], b[0],
                b[b.length - 1]);
    }

    /**
     * Paints the whole picture.
     *
     * @param heatmap the picture's {@link LandscapePicture#heatmap} at {@code heatmapSize}² pixels (callers cache it
     *     across repaints that change nothing but the surface)
     * @param contours the picture's {@link LandscapePicture#contours()}, cached likewise
     */
    public static Layout paint(Plotter p, LandscapePicture picture, double width, double height, int[] heatmap,
            int heatmapSize, List<Contours.Line> contours) {
        p.fillRect(0, 0, width, height, 0xFFFFFFFF);
        Layout l = layout(picture, width, height);
        if (!l.isDrawable()) {
            return l;
        }
        if (!picture.caption().isEmpty()) {
            p.text(picture.caption(), l.plotX(), 4, Plotter.Anchor.TOP_LEFT, 12, TEXT);
        }
        p.image(heatmap, heatmapSize, heatmapSize, l.plotX(), l.plotY(), l.plotSize(), l.plotSize());
        p.clip(l.plotX(), l.plotY(), l.plotSize(), l.plotSize());
        drawContours(p, picture, l, contours);
        drawPath(p, picture, l);
        p.unclip();
        p.strokeRect(l.plotX(), l.plotY(), l.plotSize(), l.plotSize(), FRAME, 1);
        drawAxes(p, l);
        drawColourBar(p, picture.scale(), l);
        drawDistance(p, picture, l);
        return l;
    }

    /** Paints with a freshly computed heat map and contours (exports; the screen caches them). */
    public static Layout paint(Plotter p, LandscapePicture picture, double width, double height) {
        Layout l = layout(picture, width, height);
        int size = (int) Math.max(2, Math.min(600, Math.round(l.plotSize())));
        return paint(p, picture, width, height, picture.heatmap(size, size), size, picture.contours());
    }

    private static void drawContours(Plotter p, LandscapePicture picture, Layout l, List<Contours.Line> contours) {
        p.beginGroup("contours");
        for (Contours.Line line : contours) {
            double[] xs = new double[line.size()];
            double[] ys = new double[line.size()];
            for (int k = 0; k < line.size(); k++) {
                double[] px = l.toPixel(picture.alphaAt(line.xs()[k]), picture.betaAt(line.ys()[k]));
                xs[k] = px[0];
                ys[k] = px[1];
            }
            p.polyline(xs, ys, xs.length, false, CONTOUR, 0.9);
        }
        p.endGroup();
    }

    /** Opacity steps of the fading path: each is one polyline, so a long path costs a few strokes, not hundreds. */
    static final int PATH_BANDS = 8;

    /**
     * Older steps fainter: the path is cut into {@link #PATH_BANDS} consecutive pieces of rising opacity (0.15 for
     * the oldest piece up to 1 for the newest), so the direction of travel reads at once.
     */
    private static void drawPath(Plotter p, LandscapePicture picture, Layout l) {
        double[] a = picture.pathAlphas();
        double[] b = picture.pathBetas();
        int n = a.length;
        if (n == 0) {
            return;
        }
        p.beginGroup("trajectory");
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            double[] px = l.toPixel(a[k], b[k]);
            xs[k] = px[0];
            ys[k] = px[1];
        }
        int bands = Math.min(PATH_BANDS, n - 1);
        for (int band = 0; band < bands; band++) {
            int from = (int) ((long) band * (n - 1) / bands);
            int to = (int) ((long) (band + 1) * (n - 1) / bands);
            double opacity = 0.15 + 0.85 * (band + 1) / bands;
            double[] bx = java.util.Arrays.copyOfRange(xs, from, to + 1);
            double[] by = java.util.Arrays.copyOfRange(ys, from, to + 1);
            p.polyline(bx, by, bx.length, false, Plotter.withOpacity(PATH_EDGE, opacity * 0.5), 3.2);
            p.polyline(bx, by, bx.length, false, Plotter.withOpacity(PATH, opacity), 1.6);
        }
        p.fillCircle(xs[n - 1], ys[n - 1], 6.5, 0x99FFFFFF);
        p.strokeCircle(xs[n - 1], ys[n - 1], 6.5, CURRENT, 2.6);
        p.endGroup();
    }

    private static void drawDistance(Plotter p, LandscapePicture picture, Layout l) {
        int n = picture.pathAlphas().length;
        if (n == 0 || Double.isNaN(picture.currentDistance())) {
            return;
        }
        double[] c = l.toPixel(picture.pathAlphas()[n - 1], picture.pathBetas()[n - 1]);
        if (c[0] < l.plotX() || c[0] > l.plotX() + l.plotSize() || c[1] < l.plotY()
                || c[1] > l.plotY() + l.plotSize()) {
            return;
        }
        String text = distanceLabel(picture.currentDistance());
        boolean right = c[0] < l.plotX() + l.plotSize() * 0.62;
        double x = right ? c[0] + 11 : c[0] - 11;
        double width = text.length() * 6.4 + 8;
        p.fillRect(right ? x - 3 : x - width + 3, c[1] - 9, width, 18, 0xD0FFFFFF);
        p.text(text, x, c[1], right ? Plotter.Anchor.MIDDLE_LEFT : Plotter.Anchor.MIDDLE_RIGHT, 11, 0xFF111111);
    }

    /** "0.83 off the plane". */
    public static String distanceLabel(double distance) {
        return String.format(Locale.ROOT, "%s off the plane", ValueScale.label(distance));
    }

    private static void drawAxes(Plotter p, Layout l) {
        double bottom = l.plotY() + l.plotSize();
        double right = l.plotX() + l.plotSize();
        p.text(ValueScale.label(l.alphaMin()), l.plotX(), bottom + 4, Plotter.Anchor.TOP_LEFT, 11, TEXT);
        p.text(ValueScale.label(l.alphaMax()), right, bottom + 4, Plotter.Anchor.TOP_RIGHT, 11, TEXT);
        p.text("α (direction 1)", l.plotX() + l.plotSize() / 2, bottom + 4, Plotter.Anchor.TOP_CENTER, 12, TEXT);
        p.text(ValueScale.label(l.betaMax()), l.plotX() - 5, l.plotY(), Plotter.Anchor.TOP_RIGHT, 11, TEXT);
        p.text(ValueScale.label(l.betaMin()), l.plotX() - 5, bottom, Plotter.Anchor.BOTTOM_RIGHT, 11, TEXT);
        p.text("β", l.plotX() - 8, l.plotY() + l.plotSize() / 2, Plotter.Anchor.MIDDLE_RIGHT, 13, TEXT);
        // The centre of the grid is θ itself: a small cross marks it.
        double[] centre = l.toPixel(0, 0);
        if (centre[0] > l.plotX() && centre[0] < right && centre[1] > l.plotY() && centre[1] < bottom) {
            p.polyline(new double[] {centre[0] - 4, centre[0] + 4}, new double[] {centre[1], centre[1]}, 2, false,
                    0xCCFFFFFF, 1);
            p.polyline(new double[] {centre[0], centre[0]}, new double[] {centre[1] - 4, centre[1] + 4}, 2, false,
                    0xCCFFFFFF, 1);
        }
    }

    private static void drawColourBar(Plotter p, ValueScale scale, Layout l) {
        p.image(COLOUR_BAR, 1, COLOUR_BAR.length, l.barX(), l.barY(), BAR_WIDTH, l.barHeight());
        p.strokeRect(l.barX(), l.barY(), BAR_WIDTH, l.barHeight(), FRAME, 1);
        for (double tick : scale.ticks(6)) {
            double y = l.barY() + (1 - scale.fraction(tick)) * l.barHeight();
            p.polyline(new double[] {l.barX() + BAR_WIDTH, l.barX() + BAR_WIDTH + 4}, new double[] {y, y}, 2, false,
                    FRAME, 1);
            p.text(ValueScale.label(tick), l.barX() + BAR_WIDTH + 6, y, Plotter.Anchor.MIDDLE_LEFT, 11, TEXT);
        }
        p.text(scale.log() ? "loss (log)" : "loss", l.barX(), l.barY() + l.barHeight() + 4, Plotter.Anchor.TOP_LEFT,
                11, TEXT);
    }
}
