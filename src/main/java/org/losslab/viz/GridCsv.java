package org.losslab.viz;

/** A grid of values as CSV, one row per grid point, in full precision so the file can be re-plotted elsewhere. */
public final class GridCsv {
    private GridCsv() {}

    /**
     * Rows {@code alpha,beta,loss}, β in the outer loop, after a header row; NaN where the value is not finite.
     *
     * @param losses row-major [betas, alphas]
     */
    public static String format(double[] alphas, double[] betas, double[] losses) {
        if (losses.length != alphas.length * betas.length) {
            throw new IllegalArgumentException("losses must hold " + alphas.length + "×" + betas.length
                    + " values, got " + losses.length);
        }
        StringBuilder out = new StringBuilder("alpha,beta,loss\n");
        for (int j = 0; j < betas.length; j++) {
            for (int i = 0; i < alphas.length; i++) {
                double v = losses[j * alphas.length + i];
                out.append(num(alphas[i])).append(',').append(num(betas[j])).append(',')
                        .append(Double.isFinite(v) ? num(v) : "NaN").append('\n');
            }
        }
        return out.toString();
    }

    private static String num(double v) {
        // The shortest decimal that reads back as the same double.
        return Double.toString(v);
    }
}
