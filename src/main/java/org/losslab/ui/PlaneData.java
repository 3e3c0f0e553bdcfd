package org.losslab.ui;

import java.util.Arrays;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.viz.Bounds2D;
import org.losslab.viz.Scatter2D;

/**
 * The points of a 2-D data set as the decision-boundary view draws them: training and validation points and the
 * area around them.
 *
 * @param bounds every point plus a margin, so none sits on the edge
 * @param train training points
 * @param validation validation points
 * @param classNames one name per class
 */
public record PlaneData(Bounds2D bounds, Scatter2D train, Scatter2D validation, java.util.List<String> classNames) {
    /** Margin around the points, as a share of the larger side. */
    static final double PADDING = 0.08;

    /** Train then validation coordinates in one array: the order the probe's point predictions come back in. */
    public double[] allPoints() {
        double[] all = Arrays.copyOf(train.xy(), train.xy().length + validation.xy().length);
        System.arraycopy(validation.xy(), 0, all, train.xy().length, validation.xy().length);
        return all;
    }

    /** The plane view of {@code data}, or null when its examples are not labelled points in the plane. */
    public static PlaneData of(DataSplit data) {
        if (!data.train().isTwoDimensional() || data.train().isRegression()) {
            return null;
        }
        Scatter2D train = scatter(data.train());
        Scatter2D validation = scatter(data.validation());
        double[] both = Arrays.copyOf(train.xy(), train.xy().length + validation.xy().length);
        System.arraycopy(validation.xy(), 0, both, train.xy().length, validation.xy().length);
        return new PlaneData(Bounds2D.around(both, PADDING), train, validation, data.train().classNames());
    }

    private static Scatter2D scatter(Dataset d) {
        return new Scatter2D(d.features(), d.labels());
    }

    /**
     * Why a data set gets no decision boundary, in a sentence a student understands, e.g. for 8×8 digit images.
     */
    public static String whyNotShown(DataSplit data) {
        Dataset d = data.train();
        int[] shape = d.featureShape();
        String what = shape.length == 3
                ? "a " + shape[1] + "×" + shape[2] + " image" + (shape[0] == 1 ? "" : " with " + shape[0] + " channels")
                : Arrays.toString(shape) + " numbers";
        return "No decision boundary for " + d.name().replace(" (train)", "") + ": each example has "
                + d.featureSize() + " features (" + what + "), and a boundary can only be drawn over a plane of "
                + "2-D points. Pick spirals, moons, blobs, circles or XOR to watch one form.";
    }
}
