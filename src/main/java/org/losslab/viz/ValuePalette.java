package org.losslab.viz;

/**
 * Colours for real values as 0xAARRGGBB ints: a perceptually ordered sequential map (viridis: dark blue through
 * green to yellow, readable in grey and by the common forms of colour blindness), for heat maps of a fitted surface.
 */
public final class ValuePalette {
    /** Viridis at t = 0, 0.125, …, 1 (matplotlib's table, rounded). */
    private static final int[] ANCHORS = {
        0xFF440154, 0xFF472D7B, 0xFF3B528B, 0xFF2C728E, 0xFF21918C, 0xFF28AE80, 0xFF5EC962, 0xFFADDC30, 0xFFFDE725
    };

    private ValuePalette() {}

    /** The colour of {@code t} in [0, 1] (clamped; NaN gives the lowest colour). */
    public static int colour(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = u * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) Math.floor(pos));
        return ClassPalette.mix(ANCHORS[i], ANCHORS[i + 1], pos - i);
    }

    /** The colour of {@code value} on a scale from {@code lo} to {@code hi} (a flat scale gives the middle colour). */
    public static int colour(double value, double lo, double hi) {
        return colour(hi > lo ? (value - lo) / (hi - lo) : 0.5);
    }
}
