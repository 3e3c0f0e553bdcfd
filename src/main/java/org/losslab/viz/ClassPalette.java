package org.losslab.viz;

/**
 * Colours for classes as 0xAARRGGBB ints: a saturated colour per class for points and a light tint for the area a
 * class owns, lighter where the model is unsure (as in TensorFlow Playground).
 */
public final class ClassPalette {
    /** Tableau 10 order, blue and orange first: distinguishable for the common forms of colour blindness. */
    private static final int[] COLOURS = {
        0xFF1F77B4, 0xFFFF7F0E, 0xFF2CA02C, 0xFF9467BD, 0xFF8C564B,
        0xFFE377C2, 0xFF7F7F7F, 0xFFBCBD22, 0xFF17BECF, 0xFFD62728
    };
    /** Tint strength at chance-level confidence: still shows which class wins. */
    private static final double MIN_TINT = 0.12;
    /** Tint strength at full confidence: light enough that points stay visible on top. */
    private static final double MAX_TINT = 0.62;

    private ClassPalette() {}

    /** The point colour of class {@code c} (colours repeat after ten classes). */
    public static int colour(int c) {
        return COLOURS[Math.floorMod(c, COLOURS.length)];
    }

    /**
     * The area colour of a cell predicted as {@code c} with probability {@code confidence} among {@code classes}.
     * Chance level (1/classes) gives the faintest tint, certainty the strongest.
     */
    public static int area(int c, double confidence, int classes) {
        double chance = classes > 1 ? 1.0 / classes : 0;
        double t = classes > 1 ? (confidence - chance) / (1 - chance) : 1;
        t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        return mix(0xFFFFFFFF, colour(c), MIN_TINT + (MAX_TINT - MIN_TINT) * t);
    }

    /** {@code (1−t)·a + t·b} per channel, opaque. */
    public static int mix(int a, int b, double t) {
        int r = channel(a, b, 16, t);
        int g = channel(a, b, 8, t);
        int bl = channel(a, b, 0, t);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    private static int channel(int a, int b, int shift, double t) {
        int ca = a >> shift & 0xFF;
        int cb = b >> shift & 0xFF;
        return (int) Math.round(ca + (cb - ca) * t);
    }

    /** Relative lightness in [0, 1] (Rec. 709 luma), for tests and for choosing a readable text colour. */
    public static double luma(int argb) {
        return (0.2126 * (argb >> 16 & 0xFF) + 0.7152 * (argb >> 8 & 0xFF) + 0.0722 * (argb & 0xFF)) / 255.0;
    }
}
