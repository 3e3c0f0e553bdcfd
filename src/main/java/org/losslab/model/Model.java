package org.losslab.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/**
 * A network written once against {@link Ops}: its parameter shapes, their seeded initialisation, and the forward
 * pass. Stateless: parameters live in an engine's store and arrive in {@link #forward}.
 */
public interface Model {

    /** What was built, e.g. {@code MLP 2-32-32-3 (relu)}. */
    String describe();

    /** Input shape of one example, e.g. [2] or [1,28,28]. */
    int[] inputShape();

    /**
     * Number of outputs (logits) per example; for a dense model (segmentation), the number of logit maps per pixel.
     */
    int outputs();

    /** Parameter names and shapes, in a fixed order. */
    Map<String, int[]> parameterShapes();

    /** Initial values drawn from {@code rng}; the same seed gives the same values on every engine. */
    Map<String, HostArray> initialParameters(Random rng);

    /**
     * Random inputs of one step (dropout masks), drawn in plain Java so both engines see identical noise.
     * Empty when the model has no stochastic layers or {@code training} is false.
     *
     * @param batch examples in the batch
     */
    default Map<String, HostArray> sampleNoise(int batch, Random rng, boolean training) {
        return Map.of();
    }

    /**
     * The forward pass.
     *
     * @param x [N, ...inputShape]
     * @param params the tensors of {@link #parameterShapes()}
     * @param noise the tensors of {@link #sampleNoise} (absent in evaluation: the layer is the identity)
     * @return logits [N, outputs]; a dense model (segmentation, e.g. {@link UNet}) returns one logit map per output
     *     instead, [N, outputs, H, W] for inputs [N, C, H, W]
     */
    Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise);

    /**
     * Everything the forward pass offers to a loss, by LOSSES.md input name: always {@code logits} [N, outputs]
     * (what accuracy and the probes read; [N, outputs, H, W] for a dense model), plus model-specific extras such as a second head's {@code auxLogits}
     * or the {@code features} [N,H] before the output layer. The loss picks the names it declares.
     */
    default Map<String, Tensor> outputs(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        return Map.of("logits", forward(ops, x, params, noise));
    }

    /** The keys of {@link #outputs}; always contains {@code logits}. */
    default Set<String> outputNames() {
        return Set.of("logits");
    }

    /** Total scalar parameters. */
    default long parameterCount() {
        long n = 0;
        for (int[] s : parameterShapes().values()) {
            long c = 1;
            for (int d : s) {
                c *= d;
            }
            n += c;
        }
        return n;
    }

    /** Helper for implementations: a shape map preserving insertion order. */
    static Map<String, int[]> shapes() {
        return new LinkedHashMap<>();
    }
}
