package org.losslab.viz;

/**
 * The few drawing operations a landscape picture needs, in pixels with y pointing down, so that one painter serves
 * the screen (a JavaFX canvas), PNG files ({@link AwtPlotter}) and SVG files ({@link SvgPlotter}). Colours are
 * 0xAARRGGBB; the alpha byte is the opacity.
 */
public interface Plotter {

    /** Where a text's anchor point sits on the text. */
    enum Anchor {
        TOP_LEFT, TOP_CENTER, TOP_RIGHT, MIDDLE_LEFT, MIDDLE_CENTER, MIDDLE_RIGHT, BOTTOM_LEFT, BOTTOM_CENTER,
        BOTTOM_RIGHT
    }

    /**
     * Draws an image scaled to the rectangle (x, y, w, h).
     *
     * @param argb row-major [height, width] pixels, row 0 at the top
     */
    void image(int[] argb, int width, int height, double x, double y, double w, double h);

    void fillRect(double x, double y, double w, double h, int argb);

    void strokeRect(double x, double y, double w, double h, int argb, double lineWidth);

    /** A polyline through the first {@code n} points (closed back to the first when {@code closed}). */
    void polyline(double[] xs, double[] ys, int n, boolean closed, int argb, double lineWidth);

    void fillCircle(double cx, double cy, double r, int argb);

    void strokeCircle(double cx, double cy, double r, int argb, double lineWidth);

    void text(String text, double x, double y, Anchor anchor, double size, int argb);

    /** Limits drawing to the rectangle until {@link #unclip()}. */
    void clip(double x, double y, double w, double h);

    void unclip();

    /** Opens a named group (an SVG {@code <g id>}); other plotters ignore it. */
    default void beginGroup(String id) {}

    default void endGroup() {}

    /** A colour with its alpha byte replaced by {@code opacity} in [0, 1]. */
    static int withOpacity(int argb, double opacity) {
        int a = (int) Math.round(255 * Math.max(0, Math.min(1, opacity)));
        return a << 24 | argb & 0xFFFFFF;
    }
}
