package org.losslab.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Multi-layer perceptron: inputs flattened, {@code layers} hidden layers of {@code width} units with an activation
 * and optional dropout, then a linear layer to the logits. Parameters {@code dense<i>.w} [in,out] and
 * {@code dense<i>.b} [out].
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
                    ParamSpec.real("dropout", 0.0, Range.closedOpen(0, 1), "fraction of hidden units dropped while training"));
        }

        @Override
        public String incompatibility(int[] inputShape) {
            return null;
        }

        @Override
        public Model build(ParamValues p, int[] inputShape, int outputs) {
            return new Mlp(inputShape, p.integer("layers"), p.integer("width"), p.string("activation"),
                    p.real("dropout"), outputs);
        }
    }

    private final int[] inputShape;
    private final int inputSize;
    private final int[] widths;
    private final String activation;
    private final double dropout;
    private final int outputs;

    public Mlp(int[] inputShape, int layers, int width, String activation, double dropout, int outputs) {
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

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = Model.shapes();
        for (int i = 0; i < denseLayers(); i++) {
            s.put("dense" + i + ".w", new int[] {widths[i], widths[i + 1]});
            s.put("dense" + i + ".b", new int[] {widths[i + 1]});
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
        return p;
    }

    @Override
    public Map<String, HostArray> sampleNoise(int batch, Random rng, boolean training) {
        if (!training || dropout == 0) {
            return Map.of();
        }
        Map<String, HostArray> masks = new LinkedHashMap<>();
        for (int i = 1; i < denseLayers(); i++) {
            masks.put("dropout" + i, Layers.dropoutMask(rng, dropout, batch, widths[i]));
        }
        return masks;
    }

    @Override
    public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor h = x.rank() == 2 && x.dim(1) == inputSize ? x : ops.reshape(x, x.dim(0), inputSize);
        for (int i = 0; i < denseLayers(); i++) {
            h = Layers.dense(ops, h, params.get("dense" + i + ".w"), params.get("dense" + i + ".b"));
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

    @Override
    public boolean stacksWith(Model other) {
        return other instanceof Mlp m && Arrays.equals(inputShape, m.inputShape) && Arrays.equals(widths, m.widths)
                && activation.equals(m.activation) && dropout == m.dropout;
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
}
