package org.losslab.loss.classification;

import java.util.Map;
import org.losslab.loss.LossTesting;

/** mae: ℓ = mean_k |p_k − onehot_k|. */
class MeanAbsoluteErrorTest extends ClassificationLossCase {

    @Override
    String id() {
        return "mae";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of();
    }

    /** By hand: (0.334759 + 0.244728 + 0.090031)/3 = 0.223173. */
    @Override
    double workedExample() {
        return 0.223173;
    }

    @Override
    double reference(double[] z, int y) {
        double[] p = LossTesting.softmax(z);
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s += Math.abs(p[k] - (k == y ? 1 : 0));
        }
        return s / z.length;
    }
}
