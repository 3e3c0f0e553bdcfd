package org.losslab.loss.classification;

import java.util.Map;
import org.losslab.loss.LossTesting;

/** label-smoothing-ce: ℓ = −Σ q_k log p_k with q = (1−ε)onehot + ε/C. */
class LabelSmoothingCrossEntropyTest extends ClassificationLossCase {

    @Override
    String id() {
        return "label-smoothing-ce";
    }

    @Override
    Map<String, ?> referenceParams() {
        return Map.of("epsilon", 0.1);
    }

    /** By hand: ℓ = CE + ε(z_y − mean z) = 0.407606 + 0.1·(2 − 1) = 0.507606. */
    @Override
    double workedExample() {
        return 0.507606;
    }

    @Override
    double reference(double[] z, int y) {
        double eps = 0.1;
        double[] p = LossTesting.softmax(z);
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            double q = (k == y ? 1 - eps : 0) + eps / z.length;
            s -= q * Math.log(p[k]);
        }
        return s;
    }
}
