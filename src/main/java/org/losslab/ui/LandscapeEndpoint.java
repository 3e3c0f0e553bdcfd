package org.losslab.ui;

import java.util.Locale;

/**
 * One end of a checkpoint plane or an interpolation, as the Landscape tab offers it: a recorded step of the run on
 * screen, its current parameters, or (in a comparison) another arm's current parameters.
 *
 * @param kind which of the three
 * @param step the recorded step ({@link Kind#STEP} only, else −1)
 * @param arm the arm's index ({@link Kind#ARM} only, else −1)
 * @param label what the user reads, e.g. {@code step 400} or {@code GCE q=0.7 (now)}
 */
record LandscapeEndpoint(Kind kind, long step, int arm, String label) {
    enum Kind { STEP, NOW, ARM }

    static LandscapeEndpoint step(long step) {
        return new LandscapeEndpoint(Kind.STEP, step, -1,
                step == 0 ? "step 0 (start)" : String.format(Locale.ROOT, "step %,d", step));
    }

    static LandscapeEndpoint now() {
        return new LandscapeEndpoint(Kind.NOW, -1, -1, "now (current parameters)");
    }

    static LandscapeEndpoint arm(int arm, String armLabel) {
        return new LandscapeEndpoint(Kind.ARM, -1, arm, armLabel + " (now)");
    }

    @Override
    public String toString() {
        return label;
    }
}
