package org.losslab.viz;

import java.util.Objects;

/**
 * Everything a loss-landscape picture shows, as plain numbers: the loss on a grid over the plane's coordinates
 * (α, β), the optimizer's path projected onto the plane (oldest first, the last point is the current one) and how
 * far the current point lies off the plane.
 *
 * @param alphas the grid coordinates along the first direction, ascending [n]
 * @param betas the grid coordinates along the second direction, ascending [m]
 * @param losses row-major [m, n]: {@code losses[j * n + i]} at ({@code alphas[i]}, {@code betas[j]}); NaN where the
 *     model overflowed
 * @param pathAlphas the path's α coordinates [k]
 * @param pathBetas the path's β coordinates [k]
 * @param currentDistance the current point's distance from the plane, NaN when unknown
 * @param logScale colours and contour levels linear in log10(loss)
 * @param contourCount how many iso-lines to draw
 * @param caption one line over the map (step, grid size, cost), empty for none
 */
public record LandscapePicture(double[] alphas, double[] betas, double[] losses, double[] pathAlphas,
        double[] pathBetas, double currentDistance, boolean logScale, int contourCount, String caption) {

    public LandscapePicture {
        Objects.requireNonNull(caption, "caption");
        if (alphas.length < 2 || betas.length < 2) {
            throw new IllegalArgumentException("a landscape grid needs at least 2×2 points, got " + alphas.length
                    + "×" + betas.length);
        }
        if (losses.length != alphas.length * betas.length) {
            throw new IllegalArgumentException("losses must hold " + alphas.length + "×" + betas.length
                    + " values, got " + losses.length);
        }
        if (pathAlphas.length != pathBetas.length) {
            throw new IllegalArgumentException("pathAlphas and pathBetas differ in length: " + pathAlphas.length
                    + " vs " + pathBetas.length);
        }
        if (contourCount < 0) {
            throw new IllegalArgumentException("contourCount must be ≥ 0, got " + contourCount);
        }
    }

    public int columns() {
        return alphas.length;
    }

    public int rows() {
        return betas.length;
    }

    public ValueScale scale() {
        return ValueScale.spanning(losses, logScale);
    }

    /** The iso-lines at {@link #contourCount} levels spread over the scale, in grid coordinates. */
    public java.util.List<Contours.Line> contours() {
        if (contourCount == 0) {
            return java.util.List.of();
        }
        ValueScale s = scale();
        return Contours.trace(losses, columns(), rows(), Contours.levels(s.lo(), s.hi(), contourCount, s.log()));
    }

    /**
     * The loss at (α, β) by bilinear interpolation between the four surrounding grid values; NaN outside the grid or
     * next to a NaN value.
     */
    public double lossAt(double alpha, double beta) {
        double gx = gridCoordinate(alphas, alpha);
        double gy = gridCoordinate(betas, beta);
        if (Double.isNaN(gx) || Double.isNaN(gy)) {
            return Double.NaN;
        }
        int n = columns();
        int i = Math.min(n - 2, (int) Math.floor(gx));
        int j = Math.min(rows() - 2, (int) Math.floor(gy));
        double tx = gx - i;
        double ty = gy - j;
        double v00 = losses[j * n + i];
        double v10 = losses[j * n + i + 1];
        double v01 = losses[(j + 1) * n + i];
        double v11 = losses[(j + 1) * n + i + 1];
        return (1 - ty) * ((1 - tx) * v00 + tx * v10) + ty * ((1 - tx) * v01 + tx * v11);
    }

    /** The fractional index of {@code value} in the ascending {@code axis}, NaN outside it. */
    static double gridCoordinate(double[] axis, double value) {
        if (!(value >= axis[0] && value <= axis[axis.length - 1])) {
            return Double.NaN;
        }
        int hi = 1;
        while (hi < axis.length - 1 && axis[hi] < value) {
            hi++;
        }
        double span = axis[hi] - axis[hi - 1];
        return hi - 1 + (span > 0 ? (value - axis[hi - 1]) / span : 0);
    }

    /** The grid-space α of a fractional column index (for contour points). */
    public double alphaAt(double column) {
        return interpolate(alphas, column);
    }

    /** The grid-space β of a fractional row index. */
    public double betaAt(double row) {
        return interpolate(betas, row);
    }

    private static double interpolate(double[] axis, double index) {
        int i = Math.max(0, Math.min(axis.length - 2, (int) Math.floor(index)));
        return axis[i] + (axis[i + 1] - axis[i]) * (index - i);
    }

    /**
     * The map as an image of {@code width}×{@code height} pixels (row 0 at the top = largest β): each pixel's loss
     * interpolated bilinearly and coloured on the viridis scale; overflowed (NaN) regions in light grey.
     */
    public int[] heatmap(int width, int height) {
        ValueScale s = scale();
        int n = columns();
        double a0 = alphas[0];
        double a1 = alphas[n - 1];
        double b0 = betas[0];
        double b1 = betas[rows() - 1];
        // Each pixel column and row has one grid coordinate: look them up once, not per pixel.
        double[] gx = new double[width];
        for (int x = 0; x < width; x++) {
            gx[x] = gridCoordinate(alphas, a0 + (a1 - a0) * (x + 0.5) / width);
        }
        double[] gy = new double[height];
        for (int y = 0; y < height; y++) {
            gy[y] = gridCoordinate(betas, b1 - (b1 - b0) * (y + 0.5) / height);
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int j = Math.min(rows() - 2, (int) Math.floor(gy[y]));
            double ty = gy[y] - j;
            for (int x = 0; x < width; x++) {
                int i = Math.min(n - 2, (int) Math.floor(gx[x]));
                double tx = gx[x] - i;
                double v = (1 - ty) * ((1 - tx) * losses[j * n + i] + tx * losses[j * n + i + 1])
                        + ty * ((1 - tx) * losses[(j + 1) * n + i] + tx * losses[(j + 1) * n + i + 1]);
                out[y * width + x] = Double.isFinite(v) ? ValuePalette.colour(s.fraction(v)) : NAN_COLOUR;
            }
        }
        return out;
    }

    /** Where the loss overflowed. */
    public static final int NAN_COLOUR = 0xFFE0E0E0;
}
