package org.losslab.viz;

import java.util.List;

/**
 * What the Poincaré-disk view draws for one parameter snapshot of a hyperbolic classifier with a 2-D ball: the
 * embedded points coloured by their true class, the class each is predicted as, every class's MLR hyperplane, and
 * the disk tinted by the predicted class. Arrays are copied in and read-only by contract afterwards.
 *
 * @param curvature c; the disk has radius 1/√c
 * @param reach the Euclidean radius no embedded point can pass (the image of the model's feature clipping), at most
 *     the disk's radius
 * @param points the embedded points (ball coordinates) with their true labels
 * @param predicted the predicted class of each point
 * @param hyperplanes one per class, in class order
 * @param regions predicted class and confidence on a grid over [−R, R]²; cells outside the disk hold class −1
 * @param step the training step of the parameters
 * @param costNanos wall time the probe spent
 */
public record PoincareDisk(double curvature, double reach, Scatter2D points, int[] predicted, List<DiskHyperplane> hyperplanes,
        DecisionMap regions, long step, long costNanos) {

    public PoincareDisk {
        if (!(curvature > 0) || !Double.isFinite(curvature)) {
            throw new IllegalArgumentException("curvature must be a positive number, got " + curvature);
        }
        if (!(reach > 0) || reach > 1 / Math.sqrt(curvature)) {
            throw new IllegalArgumentException("reach must be in (0, 1/√c], got " + reach);
        }
        if (predicted.length != points.size()) {
            throw new IllegalArgumentException(points.size() + " points need as many predictions, got "
                    + predicted.length);
        }
        if (hyperplanes.size() != regions.classes()) {
            throw new IllegalArgumentException(regions.classes() + " classes need as many hyperplanes, got "
                    + hyperplanes.size());
        }
        predicted = predicted.clone();
        hyperplanes = List.copyOf(hyperplanes);
    }

    /** R = 1/√c. */
    public double radius() {
        return 1 / Math.sqrt(curvature);
    }

    /** The square around the disk, [−R, R]². */
    public static Bounds2D bounds(double curvature) {
        double r = 1 / Math.sqrt(curvature);
        return new Bounds2D(-r, -r, r, r);
    }

    public int classes() {
        return regions.classes();
    }

    /** Points whose predicted class is not their label. */
    public int mistakes() {
        int wrong = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] != points.label(i)) {
                wrong++;
            }
        }
        return wrong;
    }

    /** The hyperbolic distance from the centre of the farthest point: how far out the model pushes them. */
    public double farthestDistance() {
        double largest = 0;
        for (int i = 0; i < points.size(); i++) {
            largest = Math.max(largest, Math.hypot(points.x(i), points.y(i)));
        }
        return distanceFromCentre(largest);
    }

    /** The hyperbolic distance from the centre of the reach ring. */
    public double reachDistance() {
        return distanceFromCentre(reach);
    }

    /** (2/√c) artanh(√c ρ): the hyperbolic distance from the centre of a point at Euclidean radius ρ. */
    public double distanceFromCentre(double euclideanRadius) {
        double scaled = Math.sqrt(curvature) * euclideanRadius;
        return Math.log((1 + scaled) / (1 - scaled)) / Math.sqrt(curvature);
    }

    public double costMillis() {
        return costNanos / 1e6;
    }
}
