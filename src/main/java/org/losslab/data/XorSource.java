package org.losslab.data;

import org.losslab.param.ParamValues;

/**
 * Exclusive or: class 0 in the quadrants where x and y have the same sign, class 1 where they differ. Clean points are
 * uniform in [-1, 1]² with a margin of 0.05 around the axes (so the clean classes are separable); no single line
 * separates them, two do.
 */
public final class XorSource extends SyntheticSource {
    static final double MARGIN = 0.05;

    public XorSource() {
        super(0.05);
    }

    @Override
    public String id() {
        return "xor";
    }

    @Override
    public String displayName() {
        return "XOR";
    }

    @Override
    public String description() {
        return "Four squares in a chequerboard, opposite corners sharing a class: the smallest problem a model without "
                + "a hidden layer cannot solve.";
    }

    @Override
    int numClasses(ParamValues p) {
        return 2;
    }

    @Override
    void place(ParamValues p, int[] labels, double[] xy, Rng rng) {
        for (int i = 0; i < labels.length; i++) {
            double x = rng.uniform(MARGIN, 1);
            double y = rng.uniform(MARGIN, 1);
            boolean flip = rng.uniform() < 0.5; // which of the class's two quadrants
            double sx = flip ? -1 : 1;
            double sy = labels[i] == 0 ? sx : -sx;
            xy[2 * i] = sx * x;
            xy[2 * i + 1] = sy * y;
        }
    }
}
