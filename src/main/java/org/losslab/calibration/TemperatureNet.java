package org.losslab.calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.model.Layers;

/**
 * The CA calibrator's network: T = clamp(Linear(ReLU(Linear(φ))), 0.1, 10), one temperature per example from its
 * features φ [N,F]. Parameters {@code ca.hidden.w} [F,H], {@code ca.hidden.b} [H], {@code ca.out.w} [H,1],
 * {@code ca.out.b} [1].
 *
 * <p>Not a {@link org.losslab.model.Model}: its output is a temperature, not class logits. It starts at T ≈ 1 for
 * every input (output weights 0.1× the usual scale, output bias 1), that is at the uncalibrated classifier, and
 * away from the clamp, where the gradient would be zero.
 */
final class TemperatureNet {
    static final double MIN_T = 0.1;
    static final double MAX_T = 10;

    private final int features;
    private final int hidden;

    TemperatureNet(int features, int hidden) {
        if (features < 1 || hidden < 1) {
            throw new IllegalArgumentException("a temperature network needs at least one feature and one hidden "
                    + "unit, got " + features + " and " + hidden);
        }
        this.features = features;
        this.hidden = hidden;
    }

    int features() {
        return features;
    }

    Map<String, HostArray> initialParameters(Random rng) {
        Map<String, HostArray> p = new LinkedHashMap<>();
        p.put("ca.hidden.w", Layers.heUniform(rng, features, features, hidden));
        p.put("ca.hidden.b", Layers.biasUniform(rng, features, hidden));
        p.put("ca.out.w", Layers.uniform(rng, 0.1 / Math.sqrt(hidden), hidden, 1));
        p.put("ca.out.b", HostArray.vector(1.0));
        return p;
    }

    /** T [N] for features φ [N,F]. */
    Tensor temperature(Ops ops, Tensor phi, Map<String, Tensor> params) {
        if (phi.rank() != 2 || phi.dim(1) != features) {
            throw new IllegalArgumentException("calibrator features must have shape [N, " + features + "], got "
                    + java.util.Arrays.toString(phi.shape()));
        }
        Tensor h = ops.relu(Layers.dense(ops, phi, params.get("ca.hidden.w"), params.get("ca.hidden.b")));
        Tensor t = Layers.dense(ops, h, params.get("ca.out.w"), params.get("ca.out.b"));
        return ops.clamp(ops.reshape(t, phi.dim(0)), MIN_T, MAX_T);
    }
}
