package org.losslab.data;

import org.losslab.param.ParamValues;

/**
 * Two interleaving half-circles (scikit-learn's {@code make_moons}), rescaled by 1/1.5 and centred: clean points lie
 * in [-1, 1] × [-0.5, 0.5]. The upper moon is class 0, the lower one class 1.
 */
public final class MoonsSource extends SyntheticSource {

    public MoonsSource() {
        super(0.08);
    }

    @Override
    public String id() {
        return "moons";
    }

    @Override
    public String displayName() {
        return "Moons";
    }

    @Override
    public String description() {
        return "Two interleaving half-moons: almost separable, but only by a curved boundary.";
    }

    @Override
    int numClasses(ParamValues p) {
        return 2;
    }

    @Override
    void place(ParamValues p, int[] labels, double[] xy, Rng rng) {
        for (int i = 0; i < labels.length; i++) {
            double t = rng.uniform(0, Math.PI);
            double x;
            double y;
            if (labels[i] == 0) {
                x = Math.cos(t);
                y = Math.sin(t);
            } else {
                x = 1 - Math.cos(t);
                y = 0.5 - Math.sin(t);
            }
            // make_moons spans [-1, 2] × [-0.5, 1]; centre it and shrink to [-1, 1] × [-0.5, 0.5]
            xy[2 * i] = (x - 0.5) / 1.5;
            xy[2 * i + 1] = (y - 0.25) / 1.5;
        }
    }
}
