package org.losslab.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What a landscape view draws at one refresh: the grid around the current parameters and the path the optimizer
 * took, projected onto the same plane (oldest first; the last point is the current one).
 */
public record LandscapeFrame(LandscapeGrid grid, List<TrajectoryPoint> trajectory) {
    public LandscapeFrame {
        Objects.requireNonNull(grid, "grid");
        trajectory = List.copyOf(trajectory);
    }
}
