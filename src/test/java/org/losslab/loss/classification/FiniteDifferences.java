package org.losslab.loss.classification;

import java.util.HashMap;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;

/** Central finite differences of a catalogue loss's reduced value w.r.t. one of its inputs, in double precision. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    static HostArray gradient(String engine, String id, Map<String, ?> params, Map<String, HostArray> inputs,
            String wrt) {
        double h = 1e-6;
        HostArray x = inputs.get(wrt);
        double[] grad = new double[x.size()];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (shifted(engine, id, params, inputs, wrt, i, h) - shifted(engine, id, params, inputs, wrt, i, -h))
                    / (2 * h);
        }
        return HostArray.wrap(grad, x.shape());
    }

    private static double shifted(String engine, String id, Map<String, ?> params, Map<String, HostArray> inputs,
            String wrt, int index, double delta) {
        double[] moved = inputs.get(wrt).data().clone();
        moved[index] += delta;
        Map<String, HostArray> copy = new HashMap<>(inputs);
        copy.put(wrt, HostArray.wrap(moved, inputs.get(wrt).shape()));
        return LossTesting.evaluate(engine, id, params, copy, false).loss();
    }

    /** A [rows, cols] matrix of values uniform in [lo, hi). */
    static double[][] uniform(java.util.Random r, int rows, int cols, double lo, double hi) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = lo + (hi - lo) * r.nextDouble();
            }
        }
        return m;
    }
}
