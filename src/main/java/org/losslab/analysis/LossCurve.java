package org.losslab.analysis;

import java.util.Objects;

/**
 * The loss along a line in parameter space: a 1-D slice θ + t·d, or the linear interpolation θa + t·(θb − θa)
 * between two checkpoints (t = 0 is θa, t = 1 is θb).
 *
 * @param t the n coordinates along the line, ascending
 * @param losses the n losses at those coordinates; NaN or infinite where the model overflowed
 * @param evaluation {@link LandscapeGrid#BATCHED} or {@link LandscapeGrid#PER_POINT}
 * @param seconds wall time of the evaluation
 */
public record LossCurve(double[] t, double[] losses, String evaluation, double seconds) {
    public LossCurve {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(losses, "losses");
        if (t.length != losses.length) {
            throw new IllegalArgumentException("t has " + t.length + " values but losses " + losses.length);
        }
        t = t.clone();
        losses = losses.clone();
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }
}
