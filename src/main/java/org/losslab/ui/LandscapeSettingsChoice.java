package org.losslab.ui;

/**
 * What the user chose for the live loss landscape: how fine the grid is, how far it reaches, how its plane is
 * spanned and how often it is recomputed.
 *
 * @param resolution points per side of the n×n grid (e.g. 21, 41, 61, 81)
 * @param radius the grid spans α, β ∈ [−radius, radius] (in units of the directions, which are filter-normalised)
 * @param directions how the two directions are chosen
 * @param cadenceSteps training steps between two grids
 */
public record LandscapeSettingsChoice(int resolution, double radius, Directions directions, int cadenceSteps) {

    /** The ways of spanning the plane. */
    public enum Directions {
        /** Two random Gaussian directions, each filter rescaled to its layer's norm (Li et al. 2018). */
        RANDOM_FILTER_NORMALISED("random, filter-normalised"),
        /** The first two principal components of the parameters visited so far: the plane the path moves in. */
        PCA_OF_TRAJECTORY("PCA of the trajectory"),
        /** The plane through the current parameters and two chosen checkpoints A and B (steps, or other runs). */
        THROUGH_CHECKPOINTS("through checkpoints A and B");

        private final String label;

        Directions(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public LandscapeSettingsChoice {
        if (resolution < 3 || resolution > 201) {
            throw new IllegalArgumentException("resolution must be between 3 and 201 points a side, got "
                    + resolution);
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be a positive number, got " + radius);
        }
        if (directions == null) {
            throw new IllegalArgumentException("directions must be chosen");
        }
        if (cadenceSteps < 1) {
            throw new IllegalArgumentException("cadenceSteps must be at least 1, got " + cadenceSteps);
        }
    }

    /** 41×41 over [−1, 1]², the PCA plane of the path (random until it has three snapshots), every 50 steps. */
    public static LandscapeSettingsChoice defaults() {
        return new LandscapeSettingsChoice(41, 1.0, Directions.PCA_OF_TRAJECTORY, 50);
    }
}
