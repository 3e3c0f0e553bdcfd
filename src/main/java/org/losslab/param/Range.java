package org.losslab.param;

/**
 * The allowed values of a numeric hyperparameter: an interval whose ends are open or closed.
 *
 * @param min lower end (may be -Infinity)
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper end (may be +Infinity)
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

    public static Range any() {
        return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** (0, ∞). */
    public static Range positive() {
        return new Range(0, false, Double.POSITIVE_INFINITY, false);
    }

    /** [0, ∞). */
    public static Range nonNegative() {
        return new Range(0, true, Double.POSITIVE_INFINITY, false);
    }

    /** [lo, hi]. */
    public static Range closed(double lo, double hi) {
        return new Range(lo, true, hi, true);
    }

    /** [lo, hi). */
    public static Range closedOpen(double lo, double hi) {
        return new Range(lo, true, hi, false);
    }

    /** [lo, ∞). */
    public static Range atLeast(double lo) {
        return new Range(lo, true, Double.POSITIVE_INFINITY, false);
    }

    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = maxInclusive ? v <= max : v < max;
        return aboveMin && belowMax;
    }

    /** Interval notation, e.g. {@code (0, ∞)} or {@code [0, 1)}. */
    @Override
    public String toString() {
        return (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
    }

    private static String fmt(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "∞";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
