package org.losslab.viz;

import java.util.Base64;
import java.util.Locale;

/**
 * A {@link Plotter} that writes SVG text: vector lines, circles and text, the heat map embedded as a PNG image. Each
 * polyline becomes one {@code <path>}, and {@link #beginGroup} opens a {@code <g id>}, so a file's contour lines can
 * be picked out (or counted) by their group.
 */
public final class SvgPlotter implements Plotter {
    private final StringBuilder body = new StringBuilder();
    private final double width;
    private final double height;
    private int clips;
    private boolean clipped;

    public SvgPlotter(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** The whole document. */
    public String svg() {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" "
                + "font-family=\"sans-serif\">\n", n(width), n(height), n(width), n(height)));
        out.append(body);
        if (clipped) {
            out.append("</g>\n");
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    private static String rgb(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    private static String opacity(int argb) {
        int a = argb >>> 24;
        return a == 255 ? "" : String.format(Locale.ROOT, "%.3f", a / 255.0);
    }

    private static String fill(int argb) {
        String o = opacity(argb);
        return "fill=\"" + rgb(argb) + "\"" + (o.isEmpty() ? "" : " fill-opacity=\"" + o + "\"");
    }

    private static String stroke(int argb, double lineWidth) {
        String o = opacity(argb);
        return "fill=\"none\" stroke=\"" + rgb(argb) + "\" stroke-width=\"" + n(lineWidth) + "\""
                + (o.isEmpty() ? "" : " stroke-opacity=\"" + o + "\"");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh) {
        String data = Base64.getEncoder().encodeToString(PngEncoder.encode(argb, w, h));
        body.append(String.format(Locale.ROOT, "<image x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                + "preserveAspectRatio=\"none\" image-rendering=\"optimizeQuality\" "
                + "xlink:href=\"data:image/png;base64,%s\"/>\n", n(x), n(y), n(dw), n(dh), data));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" %s/>\n", n(x),
                n(y), n(w), n(h), fill(argb)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int argb, double lineWidth) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" %s/>\n", n(x),
                n(y), n(w), n(h), stroke(argb, lineWidth)));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, boolean closed, int argb, double lineWidth) {
        if (count < 2) {
            return;
        }
        StringBuilder d = new StringBuilder();
        for (int k = 0; k < count; k++) {
            d.append(k == 0 ? "M" : "L").append(n(xs[k])).append(',').append(n(ys[k]));
        }
        if (closed) {
            d.append('Z');
        }
        body.append("<path d=\"").append(d).append("\" ").append(stroke(argb, lineWidth))
                .append(" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
    }

    @Override
    public void fillCircle(double cx, double cy, double r, int argb) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" %s/>\n", n(cx), n(cy), n(r),
                fill(argb)));
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, int argb, double lineWidth) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" %s/>\n", n(cx), n(cy), n(r),
                stroke(argb, lineWidth)));
    }

    @Override
    public void text(String text, double x, double y, Anchor anchor, double size, int argb) {
        String a = anchor.name();
        String textAnchor = a.endsWith("LEFT") ? "start" : a.endsWith("RIGHT") ? "end" : "middle";
        String baseline = a.startsWith("TOP") ? "hanging" : a.startsWith("BOTTOM") ? "auto" : "central";
        body.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"%s\" "
                + "dominant-baseline=\"%s\" %s>%s</text>\n", n(x), n(y), n(size), textAnchor, baseline, fill(argb),
                escape(text)));
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        unclip();
        String id = "clip" + clips++;
        body.append(String.format(Locale.ROOT, "<clipPath id=\"%s\"><rect x=\"%s\" y=\"%s\" width=\"%s\" "
                + "height=\"%s\"/></clipPath>\n<g clip-path=\"url(#%s)\">\n", id, n(x), n(y), n(w), n(h), id));
        clipped = true;
    }

    @Override
    public void unclip() {
        if (clipped) {
            body.append("</g>\n");
            clipped = false;
        }
    }

    @Override
    public void beginGroup(String id) {
        body.append("<g id=\"").append(escape(id)).append("\">\n");
    }

    @Override
    public void endGroup() {
        body.append("</g>\n");
    }
}
