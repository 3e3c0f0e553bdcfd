package org.losslab.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.hyperbolic.PoincareBall;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * A hyperbolic classifier in the manner of Hyp-OC: an MLP backbone to D Euclidean features, clipped to norm ≤ r
 * and mapped into the Poincaré ball of curvature c by expmap0, then hyperbolic multiclass logistic regression.
 *
 * <p>Parameters: the backbone's {@code dense<i>.w} [in,out] and {@code dense<i>.b} [out] (the last layer is linear,
 * to D), and the raw MLR normals {@code mlr.a} and offsets {@code mlr.p}, each [C,D]. Outputs ({@link #outputs}):
 * {@code logits} [N,C] (the MLR logits, so accuracy and the decision boundary work as for any classifier),
 * {@code points} [N,D] in the ball, and the raw {@code mlrA}, {@code mlrP} [C,D] that the {@code hyp-ce} loss reads.
 * Trained with {@code hyp-ce} or with plain {@code cross-entropy}, it gives the same numbers.
 */
public final class PoincareMlp implements Model {
    /** Parameter holding the raw MLR normals a_k, [C,D]. */
    public static final String NORMALS = "mlr.a";
    /** Parameter holding the raw MLR offsets p_k (tangent vectors at the origin), [C,D]. */
    public static final String OFFSETS = "mlr.p";

    /** The Poincaré MLP as a pickable model type. */
    public static final class Type implements ModelType {
        @Override
        public String id() {
            return "poincare-mlp";
        }

        @Override
        public String name() {
            return "Poincaré MLP";
        }

        @Override
        public String description() {
            return "An MLP whose features live in a hyperbolic disk (Poincaré ball), classified by hyperbolic "
                    + "hyperplanes: with 2 dimensions you can watch the points and the boundaries in the disk.";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("dimension", 2, Range.closed(1, 256), "dimension D of the ball (2 draws the disk)"),
                    ParamSpec.integer("layers", 2, Range.closed(0, 8), "number of hidden layers of the backbone"),
                    ParamSpec.integer("width", 32, Range.closed(1, 1024), "units per hidden layer"),
                    ParamSpec.choice("activation", "relu", List.of("relu", "tanh", "gelu"), "hidden-layer non-linearity"),
                    ParamSpec.real("c", PoincareBall.DEFAULT_CURVATURE, Range.positive(),
                            "curvature of the ball (radius 1/√c); use the same c in the hyp-ce loss"),
                    ParamSpec.real("clipRadius", 2.0, Range.positive(),
                            "features are clipped to this norm before entering the ball (keeps them off the rim)"));
        }

        @Override
        public String incompatibility(int[] inputShape) {
            return null;
        }

        @Override
        public Model build(ParamValues p, int[] inputShape, int outputs) {
            return new PoincareMlp(inputShape, p.integer("layers"), p.integer("width"), p.string("activation"),
                    p.integer("dimension"), p.real("c"), p.real("clipRadius"), outputs);
        }
    }

    private final Mlp backbone;
    private final int dimension;
    private final double curvature;
    private final double clipRadius;
    private final int classes;
    private final String activation;
    private final int layers;
    private final int width;

    /**
     * @param dimension D, the ball's dimension
     * @param curvature c &gt; 0
     * @param clipRadius largest feature norm let into the ball
     * @param classes C, the number of logits
     */
    public PoincareMlp(int[] inputShape, int layers, int width, String activation, int dimension, double curvature,
            double clipRadius, int classes) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (!(clipRadius > 0) || !Double.isFinite(clipRadius)) {
            throw new IllegalArgumentException("clipRadius must be a positive number, got " + clipRadius);
        }
        if (!(curvature > 0) || !Double.isFinite(curvature)) {
            throw new IllegalArgumentException("curvature c must be a positive number, got " + curvature);
        }
        this.backbone = new Mlp(inputShape, layers, width, activation, 0.0, dimension);
        this.dimension = dimension;
        this.curvature = curvature;
        this.clipRadius = clipRadius;
        this.classes = classes;
        this.activation = activation;
        this.layers = layers;
        this.width = width;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    /** c: the ball has radius 1/√c. */
    public double curvature() {
        return curvature;
    }

    public double clipRadius() {
        return clipRadius;
    }

    @Override
    public String describe() {
        StringBuilder shape = new StringBuilder();
        shape.append(java.util.Arrays.stream(backbone.inputShape()).reduce(1, (a, b) -> a * b));
        for (int i = 0; i < layers; i++) {
            shape.append('-').append(width);
        }
        shape.append('-').append(dimension);
        return String.format(Locale.ROOT, "Poincaré MLP %s (%s) → ball (c = %s) → hyperbolic MLR %d", shape,
                activation, curvature, classes);
    }

    @Override
    public int[] inputShape() {
        return backbone.inputShape();
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = Model.shapes();
        s.putAll(backbone.parameterShapes());
        s.put(NORMALS, new int[] {classes, dimension});
        s.put(OFFSETS, new int[] {classes, dimension});
        return s;
    }

    /** The backbone as an MLP does it; then a_k and p_k from U(±1/√D), hyptorch's Kaiming-uniform with a = √5. */
    @Override
    public Map<String, HostArray> initialParameters(Random rng) {
        Map<String, HostArray> p = new LinkedHashMap<>(backbone.initialParameters(rng));
        double bound = 1 / Math.sqrt(dimension);
        p.put(NORMALS, Layers.uniform(rng, bound, classes, dimension));
        p.put(OFFSETS, Layers.uniform(rng, bound, classes, dimension));
        return p;
    }

    /** The features in the ball: expmap0 of the clipped backbone output, projected inside the rim. [N,...] → [N,D]. */
    public Tensor points(Ops ops, Tensor x, Map<String, Tensor> params) {
        PoincareBall ball = new PoincareBall(ops, curvature);
        Tensor features = backbone.forward(ops, x, params, Map.of());
        return ball.project(ball.expmap0(ball.clipNorm(features, clipRadius)));
    }

    @Override
    public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        return outputs(ops, x, params, noise).get("logits");
    }

    @Override
    public Map<String, Tensor> outputs(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
        Tensor points = points(ops, x, params);
        Tensor normals = params.get(NORMALS);
        Tensor offsets = params.get(OFFSETS);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("logits", new PoincareBall(ops, curvature).mlrLogitsFromRaw(points, normals, offsets));
        out.put("points", points);
        out.put("mlrA", normals);
        out.put("mlrP", offsets);
        return out;
    }

    @Override
    public Set<String> outputNames() {
        return Set.of("logits", "points", "mlrA", "mlrP");
    }
}
