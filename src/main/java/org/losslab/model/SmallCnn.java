package org.losslab.model;

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
 * A small convolutional network for 1-channel images (28×28 MNIST, 8×8 digits): two blocks of 3×3 convolution
 * (padding 1), activation and 2×2 max pooling, then a dense layer to the logits.
 * [N,1,H,W] → [N,c1,H/2,W/2] → [N,c2,H/4,W/4] → [N,classes].
 */
public final class SmallCnn implements Model {

    /** The CNN as a pickable model type. */
    public static final class Type implements ModelType {
        @Override
        public String id() {
            return "cnn";
        }

        @Override
        public String name() {
            return "Small CNN";
        }

        @Override
        public String description() {
            return "Two convolution + pooling blocks and a dense layer: sees images as images, for MNIST and digits.";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("channels1", 8, Range.closed(1, 128), "filters in the first convolution"),
                    ParamSpec.integer("channels2", 16, Range.closed(1, 256), "filters in the second convolution"),
                    ParamSpec.choice("activation", "relu", List.of("relu", "tanh", "gelu"), "non-linearity after each convolution"));
        }

        @Override
        public String incompatibility(int[] inputShape) {
            if (inputShape.length != 3) {
                return "the CNN needs image inputs [channels, height, width]; this dataset has points of shape "
                        + java.util.Arrays.toString(inputShape) + " (use the MLP)";
            }
            if (inputShape[1] < 4 || inputShape[2] < 4) {
                return "the CNN pools twice and needs images of at least 4×4";
            }
            return null;
        }

        @Override
        public Model build(ParamValues p, int[] inputShape, int outputs) {
            String why = incompatibility(inputShape);
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return new SmallCnn(inputShape, p.integer("channels1"), p.integer("channels2"), p.string("activation"), outputs);
        }
    }

    private final int[] inputShape;
    private final int c1;
    private final int c2;
    private final String activation;
    private final int outputs;
    private final int flat;

    public SmallCnn(int[] inputShape, int c1, int c2, String activation, int outputs) {
        this.inputShape = inputShape.clone();
        this.c1 = c1;
        this.c2 = c2;
        this.activation = activation;
        this.outputs = outputs;
        this.flat = c2 * (inputShape[1] / 2 / 2) * (inputShape[2] / 2 / 2);
    }

    @Override
    public String describe() {
        return "CNN " + inputShape[0] + "×" + inputShape[1] + "×" + inputShape[2] + " → conv" + c1 + " → conv" + c2
                + " → dense" + outputs + " (" + activation + ")";
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = Model.shapes();
        s.put("conv1.w", new int[] {c1, inputShape[0], 3, 3});
        s.put("conv1.b", new int[] {c1});
        s.put("conv2.w", new int[] {c2, c1, 3, 3});
        s.put("conv2.b", new int[] {c2});
        s.put("dense.w", new int[] {flat, outputs});
        s.put("dense.b", new int[] {outputs});
        return s;
    }

    @Override
    public Map<String, HostArray> initialParameters(Random rng) {
        Map<String, HostArray> p = new LinkedHashMap<>();
        int fan1 = inputShape[0] * 9;
        int fan2 = c1 * 9;
        p.put("conv1.w", Layers.heUniform(rng, fan1, c1, inputShape[0], 3, 3));
        p.put("conv1.b", Layers.biasUniform(rng, fan1, c1));
        p.put("conv2.w", Layers.heUniform(rng, fan2, c2, c1, 3, 3));
        p.put("conv2.b", Layers.biasUniform(rng, fan2, c2));
        p.put("dense.w", Layers.heUniform(rng, flat, flat, outputs));
        p.put("dense.b", Layers.biasUniform(rng, flat, outputs));
        return p;
    }

    @Override
    public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor h = x.rank() == 4 ? x : ops.reshape(x, x.dim(0), inputShape[0], inputShape[1], inputShape[2]);
        h = ops.conv2d(h, params.get("conv1.w"), params.get("conv1.b"), 1, 1);
        h = ops.maxPool2d(Layers.activate(ops, activation, h), 2, 2);
        h = ops.conv2d(h, params.get("conv2.w"), params.get("conv2.b"), 1, 1);
        h = ops.maxPool2d(Layers.activate(ops, activation, h), 2, 2);
        h = ops.reshape(h, h.dim(0), flat);
        return Layers.dense(ops, h, params.get("dense.w"), params.get("dense.b"));
    }
}
