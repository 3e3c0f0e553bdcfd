package org.losslab.model;

import java.util.ArrayList;
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
 * A U-Net (Ronneberger et al., 2015) for dense prediction: one logit map per class and pixel.
 *
 * <p>Encoder level {@code l} (0 ≤ l < depth) is a block of two 3×3 convolutions (padding 1) with ReLU at
 * {@code c_l = base·2^l} channels, followed by 2×2 max pooling; the bottom block has {@code c_depth} channels. Each
 * decoder level upsamples by 2 (nearest neighbour), applies a 3×3 convolution + ReLU down to {@code c_l} channels,
 * concatenates the encoder's level-{@code l} features on the channel axis (the skip connection) and applies another
 * two-convolution block. A final 1×1 convolution gives the logits.
 *
 * <p>Shapes: x [N,C,H,W] (or flattened [N,C·H·W]) → logits [N,K,H,W] with K = {@link #outputs()} (1 for a sigmoid
 * foreground map, 2 or more for a softmax over classes). H and W must be divisible by 2^depth.
 */
public final class UNet implements Model {

    /** The U-Net as a pickable model type. */
    public static final class Type implements ModelType {
        @Override
        public String id() {
            return "unet";
        }

        @Override
        public String name() {
            return "U-Net";
        }

        @Override
        public String description() {
            return "Shrinks the image to see context, grows it back and reuses the fine details through skip "
                    + "connections: one prediction per pixel, for segmentation.";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("depth", 3, Range.closed(1, 4),
                            "number of 2×2 poolings; image sides must be divisible by 2^depth"),
                    ParamSpec.integer("baseChannels", 8, Range.closed(2, 32),
                            "filters at full resolution; doubled at every level down"));
        }

        /**
         * Refuses non-image inputs and images whose sides are odd (no depth fits them); the exact divisibility by
         * 2^depth is checked in {@link #build} when the depth is known.
         */
        @Override
        public boolean dense() {
            return true;
        }

        @Override
        public String incompatibility(int[] inputShape) {
            return UNet.incompatibility(inputShape, 1);
        }

        @Override
        public Model build(ParamValues p, int[] inputShape, int outputs) {
            int depth = p.integer("depth");
            String why = UNet.incompatibility(inputShape, depth);
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return new UNet(inputShape, depth, p.integer("baseChannels"), outputs);
        }
    }

    private final int[] inputShape;
    private final int depth;
    private final int base;
    private final int outputs;

    /**
     * @param inputShape [C,H,W], H and W divisible by 2^depth
     * @param depth number of poolings, 1 to 4
     * @param baseChannels channels at full resolution, at least 1
     * @param outputs logit maps K, at least 1
     */
    public UNet(int[] inputShape, int depth, int baseChannels, int outputs) {
        if (depth < 1 || depth > 4) {
            throw new IllegalArgumentException("U-Net depth must be 1 to 4, got " + depth);
        }
        String why = incompatibility(inputShape, depth);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (baseChannels < 1) {
            throw new IllegalArgumentException("U-Net baseChannels must be at least 1, got " + baseChannels);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("U-Net outputs (logit maps) must be at least 1, got " + outputs);
        }
        this.inputShape = inputShape.clone();
        this.depth = depth;
        this.base = baseChannels;
        this.outputs = outputs;
    }

    /** Why a U-Net of {@code depth} cannot take inputs of {@code inputShape}, or null when it can. */
    public static String incompatibility(int[] inputShape, int depth) {
        if (inputShape.length != 3) {
            return "the U-Net needs image inputs [channels, height, width]; this dataset has points of shape "
                    + Arrays.toString(inputShape);
        }
        int factor = 1 << depth;
        if (inputShape[1] % factor != 0 || inputShape[2] % factor != 0) {
            return "the U-Net of depth " + depth + " halves the image " + depth + " time(s), so image height and width "
                    + "must be divisible by 2^depth = " + factor + "; got height " + inputShape[1] + " and width "
                    + inputShape[2] + " (crop or pad the images, or lower the depth)";
        }
        return null;
    }

    private int channels(int level) {
        return base << level;
    }

    public int depth() {
        return depth;
    }

    public int baseChannels() {
        return base;
    }

    @Override
    public String describe() {
        return "U-Net " + inputShape[0] + "×" + inputShape[1] + "×" + inputShape[2] + ", depth " + depth + ", "
                + channels(0) + "→" + channels(depth) + " channels → " + outputs + " map" + (outputs == 1 ? "" : "s");
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Logit maps per pixel (K): {@link #forward} returns [N,K,H,W]. */
    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = Model.shapes();
        int in = inputShape[0];
        for (int level = 0; level < depth; level++) {
            block(s, "enc" + level, in, channels(level));
            in = channels(level);
        }
        block(s, "bottom", in, channels(depth));
        for (int level = depth - 1; level >= 0; level--) {
            conv(s, "up" + level, channels(level + 1), channels(level), 3);
            block(s, "dec" + level, 2 * channels(level), channels(level));
        }
        conv(s, "head", channels(0), outputs, 1);
        return s;
    }

    private static void block(Map<String, int[]> s, String name, int in, int out) {
        conv(s, name + ".conv1", in, out, 3);
        conv(s, name + ".conv2", out, out, 3);
    }

    private static void conv(Map<String, int[]> s, String name, int in, int out, int kernel) {
        s.put(name + ".w", new int[] {out, in, kernel, kernel});
        s.put(name + ".b", new int[] {out});
    }

    /** He-uniform weights and small non-zero biases, drawn in {@link #parameterShapes()} order. */
    @Override
    public Map<String, HostArray> initialParameters(Random rng) {
        Map<String, HostArray> p = new LinkedHashMap<>();
        int fanIn = 1;
        for (Map.Entry<String, int[]> e : parameterShapes().entrySet()) {
            int[] shape = e.getValue();
            if (e.getKey().endsWith(".w")) {
                fanIn = shape[1] * shape[2] * shape[3];
                p.put(e.getKey(), Layers.heUniform(rng, fanIn, shape));
            } else {
                p.put(e.getKey(), Layers.biasUniform(rng, fanIn, shape[0]));
            }
        }
        return p;
    }

    /**
     * @param x [N,C,H,W] or [N,C·H·W]
     * @return logits [N,K,H,W]
     */
    @Override
    public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor h = x.rank() == 4 ? x : ops.reshape(x, x.dim(0), inputShape[0], inputShape[1], inputShape[2]);
        List<Tensor> skips = new ArrayList<>();
        for (int level = 0; level < depth; level++) {
            h = block(ops, h, params, "enc" + level);
            skips.add(h);
            h = ops.maxPool2d(h, 2, 2);
        }
        h = block(ops, h, params, "bottom");
        for (int level = depth - 1; level >= 0; level--) {
            h = convRelu(ops, ops.upsampleNearest2x(h), params, "up" + level);
            h = ops.concat(1, skips.get(level), h);
            h = block(ops, h, params, "dec" + level);
        }
        return ops.conv2d(h, params.get("head.w"), params.get("head.b"), 1, 0);
    }

    private static Tensor block(Ops ops, Tensor x, Map<String, Tensor> params, String name) {
        return convRelu(ops, convRelu(ops, x, params, name + ".conv1"), params, name + ".conv2");
    }

    private static Tensor convRelu(Ops ops, Tensor x, Map<String, Tensor> params, String name) {
        return ops.relu(ops.conv2d(x, params.get(name + ".w"), params.get(name + ".b"), 1, 1));
    }
}
