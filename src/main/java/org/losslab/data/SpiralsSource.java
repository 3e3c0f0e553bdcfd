package org.losslab.data;

import java.util.ArrayList;
import java.util.List;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Interleaved Archimedean spirals, one class per arm: the classic test of whether a model (and its loss) can learn a
 * boundary that is far from linear. Two spirals is the default experiment.
 *
 * <p>Arm {@code j} of {@code k}: for {@code t} uniform in [0, 1), radius {@code r = 0.1 + 0.9 t} and angle
 * {@code θ = 2π·turns·t + 2πj/k}, so the radius grows linearly with the angle. Clean points lie in [-1, 1]². Adjacent
 * arms are {@code 0.9 / (turns·k)} apart along any ray (0.3 at the defaults), so the default jitter of 0.03 keeps the
 * arms separate and a small MLP can reach about 99% validation accuracy.
 */
public final class SpiralsSource extends SyntheticSource {
    /** Radius where the arms start: away from the centre, where all arms would otherwise meet. */
    static final double INNER_RADIUS = 0.1;

    public SpiralsSource() {
        super(0.03);
    }

    @Override
    public String id() {
        return "spirals";
    }

    @Override
    public String displayName() {
        return "Spirals";
    }

    @Override
    public String description() {
        return "Points on interleaved spiral arms, one class per arm: a curved boundary that a linear model cannot "
                + "learn but a small neural network can.";
    }

    @Override
    List<ParamSpec> extraParams() {
        return List.of(ParamSpec.integer("arms", 2, Range.closed(2, 8), "number of spiral arms, one class each"),
                ParamSpec.real("turns", 1.5, Range.closed(0.25, 4), "how many times each arm winds around the centre"));
    }

    @Override
    int numClasses(ParamValues p) {
        return p.integer("arms");
    }

    @Override
    List<String> classNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            names.add("spiral " + (c + 1));
        }
        return names;
    }

    @Override
    void place(ParamValues p, int[] labels, double[] xy, Rng rng) {
        int k = p.integer("arms");
        double turns = p.real("turns");
        for (int i = 0; i < labels.length; i++) {
            double t = rng.uniform();
            double r = INNER_RADIUS + (1 - INNER_RADIUS) * t;
            double theta = 2 * Math.PI * turns * t + 2 * Math.PI * labels[i] / k;
            xy[2 * i] = r * Math.cos(theta);
            xy[2 * i + 1] = r * Math.sin(theta);
        }
    }
}
