package org.losslab.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Multi-layer perceptron: inputs flattened, {@code layers} hidden layers of {@code width} units with an activation
 * and optional dropout, then a linear layer (the head) to the logits. Parameters {@code dense<i>.w} [in,out] and
 * {@code dense<i>.b} [out].
 *
 * <p>Two options serve particular losses and leave the logits untouched:
 * <ul>
 *   <li>{@code heads = 2} adds a second linear head on the same features, {@code aux.w} [H,C] and {@code aux.b}
 *       [C], offered as {@code auxLogits} (dual-head distillation). Accuracy reads the first head.</li>
 *   <li>{@code headSamples = M ≥ 1} offers what multi-sample dropout needs: the head's input {@code features} [N,H],
 *       {@code headWeight} [C,H], {@code headBias} [C], and while training M scaled dropout masks {@code headMasks}
 *       [M,N,H] (rate {@code headDropout}), drawn in Java after the hidden layers' masks.</li>
 * </ul>
 * Both draw after everything the plain MLP draws, so switching them on changes no other initial value or mask.
 */
public final class Mlp implements StackedModel {

    /** The MLP as a pickable model type. */
    public static final class Type implements ModelType {
        @Override
        public String id() {
            return "mlp";
        }

        @Override
        public String name() {
            return "MLP";
        }

        @Override
        public String description() {
            return "Fully connected layers: the classic small network; draws curved decision boundaries in 2-D.";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("layers", 2, Range.closed(0, 8), "number of hidden layers"),
                    ParamSpec.integer("width", 32, Range.closed(1, 1024), "units per hidden layer"),
                    ParamSpec.choice("activation", "relu", List.of("relu", "tanh", "gelu"), "hidden-layer non-linearity"),
                    ParamSpec.real("dropout", 0.0, Range.closedOpen(0, 1), "fraction of hidden units dropped while training"),
                    ParamSpec.integer("heads", 1, Range.closed(1, 2),
                            "output heads: 2 adds an auxiliary head on the same features (dual-head distillation)"),
                    ParamSpec.integer("headSamples", 0, Range.closed(0, MAX_HEAD_SAMPLES),
                            "dropout samples M of the output layer's input for multi-sample dropout (0 = off, 8 in the paper)"),
                    ParamSpec.real("headDropout", 0.5, Range.closedOpen(0, 1),
                            "dropout rate p of each head sample (used when headSamples is on)"));
        }

        @Override
        public String incompatibility(int[] inputShape) {
            return null;
        }

        @Override
        public Model build(ParamValues p, int[] inputShape, int outputs) {
            return new Mlp(inputShape, p.integer("layers"), p.integer("width"), p.string("activation"),
                    p.real("dropout"), outputs, p.integer("heads"), p.integer("headSamples"), p.real("headDropout"));
        }
    }

    /** The upper bound of {@code headSamples}: each sample is one more [N,H]×[H,C] product per step. */
    public static final int MAX_HEAD_SAMPLES = 16;

    private final int[] inputShape;
    private final int inputSize;
    private final int[] widths;
    private final String activation;
    private final double dropout;
    private final int outputs;
    private final int heads;
    private final int headSamples;
    private final double headDropout;

    /** A one-head MLP without head samples. */
    public Mlp(int[] inputShape, int layers, int width, String activation, double dropout, int outputs) {
        this(inputShape, layers, width, activation, dropout, outputs, 1, 0, 0.5);
    }

    /**
     * @param heads 1, or 2 for an auxiliary head ({@code auxLogits})
     * @param headSamples M dropout samples of the head's input offered to multi-sample dropout; 0 = off
     * @param headDropout rate p of those samples, in [0, 1)
     */
    public Mlp(int[] inputShape, int layers, int width, String activation, double dropout, int outputs, int heads,
            int headSamples, double headDropout) {
        if (heads < 1 || heads > 2) {
            throw new IllegalArgumentException("heads must be 1 or 2, got " + heads);
        }
        if (headSamples < 0 || headSamples > MAX_HEAD_SAMPLES) {
            throw new IllegalArgumentException("headSamples must be between 0 and " + MAX_HEAD_SAMPLES + ", got "
                    + headSamples);
        }
        if (!(headDropout >= 0 && headDropout < 1)) {
            throw new IllegalArgumentException("headDropout must be in [0, 1), got " + headDropout);
        }
        this.heads = heads;
        this.headSamples = headSamples;
        this.headDropout = headDropout;
        this.inputShape = inputShape.clone();
        int size = 1;
        for (int d : inputShape) {
            size *= d;
        }
        this.inputSize = size;
        this.widths = new int[layers + 2];
        widths[0] = size;
        for (int i = 1; i <= layers; i++) {
            widths[i] = width;
        }
        widths[layers + 1] = outputs;
        this.activation = activation;
        this.dropout = dropout;
        this.outputs = outputs;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("MLP ");
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : "-").append(widths[i]);
        }
        sb.append(" (").append(activation);
        if (dropout > 0) {
            sb.append(", dropout ").append(dropout);
        }
        if (heads == 2) {
            sb.append(", 2 heads");
        }
        if (headSamples > 0) {
            sb.append(", ").append(headSamples).append(" head samples at p ").append(headDropout);
        }
        return sb.append(')').toString();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int outputs() {
        return outputs;
    }

    private int denseLayers() {
        return widths.length - 1;
    }

    /** Width H of the features the head reads (the input size when there are no hidden layers). */
    private int featureWidth() {
        return widths[widths.length - 2];
    }

    private String headName() {
        return "dense" + (denseLayers() - 1);
    }

    /** Output heads: 1, or 2 with {@code auxLogits}. */
    public int heads() {
        return heads;
    }

    /** Dropout samples M of the head's input offered to multi-sample dropout; 0 when off. */
    public int headSamples() {
        return headSamples;
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = Model.shapes();
        for (int i = 0; i < denseLayers(); i++) {
            s.put("dense" + i + ".w", new int[] {widths[i], widths[i + 1]});
            s.put("dense" + i + ".b", new int[] {widths[i + 1]});
        }
        if (heads == 2) {
            s.put("aux.w", new int[] {featureWidth(), outputs});
            s.put("aux.b", new int[] {outputs});
        }
        return s;
    }

    @Override
    public Map<String, HostArray> initialParameters(Random rng) {
        Map<String, HostArray> p = new LinkedHashMap<>();
        for (int i = 0; i < denseLayers(); i++) {
            p.put("dense" + i + ".w", Layers.heUniform(rng, widths[i], widths[i], widths[i + 1]));
            p.put("dense" + i + ".b", Layers.biasUniform(rng, widths[i], widths[i + 1]));
        }
        if (heads == 2) {
            p.put("aux.w", Layers.heUniform(rng, featureWidth(), featureWidth(), outputs));
            p.put("aux.b", Layers.biasUniform(rng, featureWidth(), outputs));
        }
        return p;
    }

    /** Hidden-layer masks {@code dropout<i>} [N,width], then (with head samples) {@code headMasks} [M,N,H]. */
    @Override
    public Map<String, HostArray> sampleNoise(int batch, Random rng, boolean training) {
        if (!training || (dropout == 0 && headSamples == 0)) {
            return Map.of();
        }
        Map<String, HostArray> masks = new LinkedHashMap<>();
        if (dropout > 0) {
            for (int i = 1; i < denseLayers(); i++) {
                masks.put("dropout" + i, Layers.dropoutMask(rng, dropout, batch, widths[i]));
            }
        }
        if (headSamples > 0) {
            masks.put("headMasks", Layers.dropoutMask(rng, headDropout, headSamples * batch, featureWidth())
                    .reshape(headSamples, batch, featureWidth()));
        }
        return masks;
    }

    @Override
    public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        return head(ops, features(ops, x, params, noise), params, headName());
    }

    /**
     * {@code logits} [N,C] from the first head; with two heads {@code auxLogits} [N,C]; with head samples
     * {@code features} [N,H], {@code headWeight} [C,H], {@code headBias} [C] and, while training,
     * {@code headMasks} [M,N,H] (the noise input, passed on; it is not in {@link #outputNames()} because
     * evaluation has none).
     */
    @Override
    public Map<String, Tensor> outputs(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor h = features(ops, x, params, noise);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("logits", head(ops, h, params, headName()));
        if (heads == 2) {
            out.put("auxLogits", head(ops, h, params, "aux"));
        }
        if (headSamples > 0) {
            out.put("features", h);
            out.put("headWeight", ops.transpose(params.get(headName() + ".w")));
            out.put("headBias", params.get(headName() + ".b"));
            Tensor masks = noise.get("headMasks");
            if (masks != null) {
                out.put("headMasks", masks);
            }
        }
        return out;
    }

    @Override
    public Set<String> outputNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("logits");
        if (heads == 2) {
            names.add("auxLogits");
        }
        if (headSamples > 0) {
            names.addAll(List.of("features", "headWeight", "headBias"));
        }
        return names;
    }

    /** The hidden layers: x [N,...] → the head's input [N,H]. */
    private Tensor features(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor h = x.rank() == 2 && x.dim(1) == inputSize ? x : ops.reshape(x, x.dim(0), inputSize);
        for (int i = 0; i < denseLayers() - 1; i++) {
            h = Layers.dense(ops, h, params.get("dense" + i + ".w"), params.get("dense" + i + ".b"));
            h = Layers.activate(ops, activation, h);
            Tensor mask = noise.get("dropout" + (i + 1));
            if (mask != null) {
                h = ops.mul(h, mask);
            }
        }
        return h;
    }

    @Override
    public boolean stacksWith(Model other) {
        return other instanceof Mlp m && Arrays.equals(inputShape, m.inputShape) && Arrays.equals(widths, m.widths)
                && activation.equals(m.activation) && dropout == m.dropout && plain() && m.plain();
    }

    @Override
    public Tensor forwardStacked(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise,
            int copies) {
        Tensor h;
        if (x.rank() == inputShape.length + 2 && x.dim(0) == copies) {
            h = x.rank() == 3 ? x : ops.reshape(x, copies, x.dim(1), inputSize);
        } else {
            Tensor flat = x.rank() == 2 && x.dim(1) == inputSize ? x : ops.reshape(x, x.dim(0), inputSize);
            // The seam's batched matmul wants equal leading dimensions on both sides, so shared inputs are repeated
            // once per copy; every later layer is already [copies, N, width].
            Tensor one = ops.unsqueeze(flat, 0);
            Tensor[] repeated = new Tensor[copies];
            Arrays.fill(repeated, one);
            h = copies == 1 ? one : ops.concat(0, repeated);
        }
        for (int i = 0; i < denseLayers(); i++) {
            Tensor w = params.get("dense" + i + ".w");
            Tensor b = params.get("dense" + i + ".b");
            h = ops.add(ops.matmul(h, w), ops.reshape(b, copies, 1, widths[i + 1]));
            if (i < denseLayers() - 1) {
                h = Layers.activate(ops, activation, h);
                Tensor mask = noise.get("dropout" + (i + 1));
                if (mask != null) {
                    h = ops.mul(h, mask);
                }
            }
        }
        return h;
    }

    /** One head and no head samples: the only outputs are the logits, which is what stacking evaluates. */
    private boolean plain() {
        return heads == 1 && headSamples == 0;
    }

    private static Tensor head(Ops ops, Tensor h, Map<String, Tensor> params, String name) {
        return Layers.dense(ops, h, params.get(name + ".w"), params.get(name + ".b"));
    }
}
