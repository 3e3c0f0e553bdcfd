package org.losslab.viz;

import java.util.Locale;

/**
 * How loss values map to colour positions in [0, 1]: linearly, or linearly in log10(value) so that the detail of a
 * basin is not flattened by a few large values at the rim. On a log scale values at or below zero (impossible for
 * most losses, but a shifted loss may have them) sit at the bottom of the scale.
 *
 * @param lo the value at the bottom of the scale (positive on a log scale)
 * @param hi the value at the top (above {@code lo})
 * @param log whether positions are linear in log10(value)
 */
public record ValueScale(double lo, double hi, boolean log) {

    public ValueScale {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("a value scale needs finite lo < hi, got " + lo + " … " + hi);
        }
        if (log && !(lo > 0)) {
            throw new IllegalArgumentException("a log value scale needs lo > 0, got " + lo);
        }
    }

    /**
     * The scale that spans the finite values of {@code values}. A log scale starts at the smallest positive value; if
     * no value is positive, or all are equal, it falls back to a linear scale (widened around a constant).
     */
    public static ValueScale spanning(double[] values, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v > 0) {
                    minPositive = Math.min(minPositive, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new ValueScale(0, 1, false);
        }
        if (log && minPositive < max) {
            return new ValueScale(minPositive, max, true);
        }
        if (max > min) {
            return new ValueScale(min, max, false);
        }
        double pad = Math.max(1e-9, Math.abs(min) * 0.01);
        return new ValueScale(min - pad, max + pad, false);
    }

    /** The position of {@code value} on the scale, clamped to [0, 1]; NaN stays NaN. */
    public double fraction(double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        double t = log ? (Math.log10(Math.max(value, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (value - lo) / (hi - lo);
        return Math.max(0, Math.min(1, t));
    }

    /** The value at position {@code t} in [0, 1]. */
    public double valueAt(double t) {
        return log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
    }

    /**
     * Round values for a colour bar, inside [lo, hi]: multiples of 1, 2 or 5 × 10^k on a linear scale (about
     * {@code target} of them), and on a log scale the powers of ten in range, or {@code target} evenly spaced values
     * in log when the range spans less than two decades.
     */
    public double[] ticks(int target) {
        int wanted = Math.max(2, target);
        if (log) {
            int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
            int last = (int) Math.floor(Math.log10(hi) + 1e-9);
            if (last - first >= 1) {
                double[] out = new double[last - first + 1];
                for (int k = first; k <= last; k++) {
                    out[k - first] = Math.pow(10, k);
                }
                return out;
            }
            double[] out = new double[wanted];
            for (int m = 0; m < wanted; m++) {
                out[m] = valueAt((double) m / (wanted - 1));
            }
            return out;
        }
        double rough = (hi - lo) / (wanted - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude * (rough / magnitude < 1.5 ? 1 : rough / magnitude < 3.5 ? 2 : rough / magnitude < 7.5
                ? 5 : 10);
        double start = Math.ceil(lo / step - 1e-9) * step;
        int count = (int) Math.floor((hi - start) / step + 1e-9) + 1;
        double[] out = new double[Math.max(count, 0)];
        for (int m = 0; m < out.length; m++) {
            double v = start + m * step;
            out[m] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return out;
    }

    /** A short label for a value of this scale ("0.25", "1.2e-03"). */
    public static String label(double value) {
        double a = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        String s = String.format(Locale.ROOT, "%.3g", value);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
