package org.losslab.viz;

/**
 * One colour per arm of a comparison, as 0xAARRGGBB ints: the same arm has the same colour in every view (curves,
 * decision-boundary headers, table). Okabe–Ito colours, chosen to stay apart for the common forms of colour
 * blindness and dark enough to read as thin lines on white; they repeat after eight arms.
 */
public final class ArmPalette {
    private static final int[] COLOURS = {
        0xFF0072B2, 0xFFD55E00, 0xFF009E73, 0xFFCC79A7, 0xFFE69F00, 0xFF56B4E9, 0xFF000000, 0xFFF0E442
    };

    private ArmPalette() {}

    /** The colour of arm {@code arm} (0-based). */
    public static int colour(int arm) {
        return COLOURS[Math.floorMod(arm, COLOURS.length)];
    }

    /** {@code #rrggbb} of arm {@code arm}, for style sheets. */
    public static String web(int arm) {
        return String.format("#%06x", colour(arm) & 0xFFFFFF);
    }
}
