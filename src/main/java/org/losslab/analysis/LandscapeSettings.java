package org.losslab.analysis;

import java.util.Objects;

/**
 * What the live landscape probe computes and how often. The scale of the colours (linear or log) is a view matter
 * and not here.
 *
 * @param resolution grid points per side, {@value #MIN_RESOLUTION}…{@value #MAX_RESOLUTION}
 * @param radius the grid covers [−radius, radius]² in units of the directions, &gt; 0
 * @param directions how the plane is chosen; {@link LandscapeDirections.Kind#CHECKPOINTS} needs
 *     {@link LandscapeProbe#useCheckpoints} first
 * @param cadenceSteps a refresh at most every this many training steps, ≥ 1
 * @param sharpness whether each refresh also estimates λ_max of the Hessian ({@link Sharpness})
 */
public record LandscapeSettings(int resolution, double radius, LandscapeDirections.Kind directions, int cadenceSteps,
        boolean sharpness) {
    public static final int MIN_RESOLUTION = 3;
    public static final int MAX_RESOLUTION = 201;
    public static final int DEFAULT_RESOLUTION = 41;
    public static final double DEFAULT_RADIUS = 1.0;
    public static final int DEFAULT_CADENCE = 100;

    /** 41×41 over [−1, 1]², PCA directions (random until the trajectory has three snapshots), every 100 steps. */
    public static final LandscapeSettings DEFAULT = new LandscapeSettings(DEFAULT_RESOLUTION, DEFAULT_RADIUS,
            LandscapeDirections.Kind.PCA, DEFAULT_CADENCE, false);

    public LandscapeSettings {
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("resolution must be between " + MIN_RESOLUTION + " and "
                    + MAX_RESOLUTION + ", got " + resolution);
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
        }
        Objects.requireNonNull(directions, "directions");
        if (cadenceSteps < 1) {
            throw new IllegalArgumentException("cadenceSteps must be at least 1, got " + cadenceSteps);
        }
    }

    public LandscapeSettings withResolution(int newResolution) {
        return new LandscapeSettings(newResolution, radius, directions, cadenceSteps, sharpness);
    }

    public LandscapeSettings withRadius(double newRadius) {
        return new LandscapeSettings(resolution, newRadius, directions, cadenceSteps, sharpness);
    }

    public LandscapeSettings withDirections(LandscapeDirections.Kind kind) {
        return new LandscapeSettings(resolution, radius, kind, cadenceSteps, sharpness);
    }

    public LandscapeSettings withCadence(int steps) {
        return new LandscapeSettings(resolution, radius, directions, steps, sharpness);
    }

    public LandscapeSettings withSharpness(boolean on) {
        return new LandscapeSettings(resolution, radius, directions, cadenceSteps, on);
    }
}
