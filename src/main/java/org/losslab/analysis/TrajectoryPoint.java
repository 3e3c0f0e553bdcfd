package org.losslab.analysis;

/**
 * Where the optimizer was at one step, seen in the plane of a {@link LandscapeGrid}: the parameters θ_t projected
 * onto the plane through the grid's centre spanned by its two directions.
 *
 * @param step the training step
 * @param alpha coordinate along the first direction
 * @param beta coordinate along the second direction
 * @param distanceFromPlane ‖θ_t − projection‖: how far the true point lies off the plane, in parameter-space units
 *     (a projection can put distant points close together, so views show it next to the point)
 * @param loss the training loss recorded at that step, NaN when unknown
 */
public record TrajectoryPoint(long step, double alpha, double beta, double distanceFromPlane, double loss) {}
