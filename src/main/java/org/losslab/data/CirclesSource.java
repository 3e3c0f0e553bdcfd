package org.losslab.data;

import org.losslab.param.ParamValues;

/**
 * A disc inside a ring (as in TensorFlow Playground): class 0 has radius in [0, 0.5], class 1 in [0.7, 1]; clean
 * points lie in [-1, 1]². No straight line separates them; a circle does.
 */
public final class CirclesSource extends SyntheticSource {

    public CirclesSource() {
        super(0.05);
    }

    @Override
    public String id() {
        return "circles";
    }

    @Override
    public String displayName() {
        return "Circles";
    }

    @Override
    public String description() {
        return "A disc of one class inside a ring of the other: separable only by a closed, round boundary.";
    }

    @Override
    int numClasses(ParamValues p) {
        return 2;
    }

    @Override
    void place(ParamValues p, int[] labels, double[] xy, Rng rng) {
        for (int i = 0; i < labels.length; i++) {
            double r = labels[i] == 0 ? rng.uniform(0, 0.5) : rng.uniform(0.7, 1.0);
            double angle = rng.uniform(0, 2 * Math.PI);
            xy[2 * i] = r * Math.cos(angle);
            xy[2 * i + 1] = r * Math.sin(angle);
        }
    }
}
