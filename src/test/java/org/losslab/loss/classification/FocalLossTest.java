package org.losslab.loss.classification;

import java.util.Map;
import org.losslab.loss.LossTesting;

/** focal: ℓ = −α(1−p_y)^γ log p_y. */
class FocalLossTest extends ClassificationLossCase {

    @Override
    String id() {
        return "focal";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("gamma", 3.0, "alpha", 0.5);
    }

    /** By hand: −(1 − 0.665241)² · ln 0.665241 = 0.045678. */
    @Override
    double workedExample() {
        return 0.045678;
    }

    @Override
    double reference(double[] z, int y) {
        double[] p = LossTesting.softmax(z);
        return -0.5 * Math.pow(1 - p[y], 3) * Math.log(p[y]);
    }
}
