package org.losslab.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.losslab.engine.HostArray;

/**
 * Seeded random inputs for any loss, built from the input names its spec declares. One generator per LOSSES.md input
 * name; a loss with a new input name needs one more line in {@link #GENERATORS}, and every catalogue-wide test then
 * covers it. Values stay away from kinks and ties (continuous draws), so finite differences are meaningful.
 */
public final class LossInputFixtures {

    /** The sizes all inputs of one draw share: batch N, classes C, regression width D. */
    public record Sizes(int batch, int classes, int features) {
        public Sizes {
            if (batch < 1 || classes < 2 || features < 1) {
                throw new IllegalArgumentException("sizes need N ≥ 1, C ≥ 2, D ≥ 1, got " + this);
            }
        }
    }

    private static final Map<String, BiFunction<Random, Sizes, HostArray>> GENERATORS;

    /**
     * Image size of segmentation inputs: small enough for per-pixel finite differences, large enough for a 3×3
     * soft skeleton to have an inside.
     */
    public static final int IMAGE_HEIGHT = 5;
    public static final int IMAGE_WIDTH = 6;

    /** Number of views V of multi-view contrastive inputs ({@code views} [V,N,D]). */
    public static final int METRIC_VIEWS = 3;

    /**
     * Image size of autoencoder reconstructions ({@link Family#DENSITY} {@code pred}/{@code target} (N,1,H,W)): the
     * smallest that holds ms-ssim's default 7×7 window at its third scale (7·2²).
     */
    public static final int DENSITY_IMAGE_SIDE = 28;

    /**
     * Images per draw for {@link Family#DENSITY}, whatever the batch size asked: each of the 784 pixels costs two
     * evaluations per engine in the finite-difference check, so one image keeps it to seconds.
     */
    public static final int DENSITY_IMAGES = 1;

    /** Multi-label scores in the metric-learning family have C + this many labels (soft-topk needs L > K = 5). */
    public static final int LABEL_SET_EXTRA = 5;

    /**
     * Where one input name means differently shaped data in another family (regression's {@code target} [N,D] vs
     * segmentation's {@code target} [N,H,W]), the family's own generator wins over {@link #GENERATORS}.
     */
    private static final Map<Family, Map<String, BiFunction<Random, Sizes, HostArray>>> FAMILY_GENERATORS;

    static {
        Map<String, BiFunction<Random, Sizes, HostArray>> g = new LinkedHashMap<>();
        g.put("logits", (r, s) -> uniform(r, -3, 3, s.batch(), s.classes()));
        g.put("labels", (r, s) -> classIndices(r, s.classes(), s.batch()));
        g.put("teacherLogits", (r, s) -> uniform(r, -3, 3, s.batch(), s.classes()));
        g.put("auxLogits", (r, s) -> uniform(r, -3, 3, s.batch(), s.classes()));
        // ca-calibration's per-example temperatures: positive, away from 0 where softmax(z/T) saturates
        g.put("temperature", (r, s) -> uniform(r, 0.3, 3, s.batch()));
        // multi-sample dropout's output layer: features h [N,D], W [C,D], b [C] and two masks at rate ½
        g.put("features", (r, s) -> uniform(r, -2, 2, s.batch(), s.features()));
        g.put("headWeight", (r, s) -> uniform(r, -1, 1, s.classes(), s.features()));
        g.put("headBias", (r, s) -> uniform(r, -0.5, 0.5, s.classes()));
        g.put("headMasks", (r, s) -> dropoutMasks(r, 2, s.batch(), s.features()));
        g.put("pred", (r, s) -> uniform(r, -2, 2, s.batch(), s.features()));
        g.put("target", (r, s) -> uniform(r, -2, 2, s.batch(), s.features()));
        // Poincaré-ball points: |x_i| ≤ 1 per coordinate keeps them inside the ball of the default c = 0.1 (radius
        // √10) for D ≤ 9; raw MLR normals and offsets of one class per row.
        g.put("points", (r, s) -> uniform(r, -1, 1, s.batch(), s.features()));
        g.put("mlrA", (r, s) -> uniform(r, -1, 1, s.classes(), s.features()));
        g.put("mlrP", (r, s) -> uniform(r, -1, 1, s.classes(), s.features()));
        // metric learning (LOSSES.md §2): embeddings [N,D]; query-to-prototype losses add prototypes [C,D]; two-view
        // losses take view1/view2 [N,D] and multi-view ones views [V,N,D]. Rows normalised inside a loss keep their
        // norm in [0.5, 1.5], away from the kink of the normalisation at 0.
        g.put("embeddings", (r, s) -> uniform(r, -1, 1, s.batch(), s.features()));
        g.put("prototypes", (r, s) -> uniform(r, -1, 1, s.classes(), s.features()));
        g.put("view1", (r, s) -> rowsAwayFromOrigin(r, s.batch(), s.features()));
        g.put("view2", (r, s) -> rowsAwayFromOrigin(r, s.batch(), s.features()));
        g.put("views", (r, s) -> rowsAwayFromOrigin(r, METRIC_VIEWS * s.batch(), s.features())
                .reshape(METRIC_VIEWS, s.batch(), s.features()));
        // nt-xent's optional pretext task (e.g. rotation): logits [N,C] and class indices [N]
        g.put("pretextLogits", (r, s) -> uniform(r, -3, 3, s.batch(), s.classes()));
        g.put("pretextLabels", (r, s) -> classIndices(r, s.classes(), s.batch()));
        // amcl: C = 3 heads of dimension 2 per view, temperatures per (anchor, head) and per (anchor, partner, head)
        g.put("view1Heads", (r, s) -> uniform(r, -1, 1, s.batch(), s.features(), 2));
        g.put("view2Heads", (r, s) -> uniform(r, -1, 1, s.batch(), s.features(), 2));
        g.put("tauPositive", (r, s) -> uniform(r, 0.2, 1.5, s.batch(), s.features()));
        g.put("tauNegative", (r, s) -> uniform(r, 0.2, 1.5, s.batch(), s.batch(), s.features()));
        GENERATORS = Collections.unmodifiableMap(g);

        Map<String, BiFunction<Random, Sizes, HostArray>> seg = new LinkedHashMap<>();
        // binary segmentation (LOSSES.md conventions): foreground probability away from 0 and 1, a 0/1 mask
        seg.put("prob", (r, s) -> uniform(r, 0.05, 0.95, s.batch(), IMAGE_HEIGHT, IMAGE_WIDTH));
        seg.put("target", (r, s) -> binary(r, s.batch(), IMAGE_HEIGHT, IMAGE_WIDTH));
        // softmax forms: two-class logits per pixel; the target then holds class indices 0/1
        seg.put("logits", (r, s) -> uniform(r, -3, 3, s.batch(), 2, IMAGE_HEIGHT, IMAGE_WIDTH));
        Map<Family, Map<String, BiFunction<Random, Sizes, HostArray>>> byFamily = new LinkedHashMap<>();
        byFamily.put(Family.SEGMENTATION, Collections.unmodifiableMap(seg));
        Map<String, BiFunction<Random, Sizes, HostArray>> density = new LinkedHashMap<>();
        // reconstruction x̂ and image x: the same smooth texture plus independent noise, so that they are
        // correlated in every window at every scale (a similarity loss far from its clamps), values in (0.1, 0.9)
        density.put("pred", (r, s) -> texture(r, DENSITY_IMAGES, DENSITY_IMAGE_SIDE, DENSITY_IMAGE_SIDE));
        density.put("target", (r, s) -> texture(r, DENSITY_IMAGES, DENSITY_IMAGE_SIDE, DENSITY_IMAGE_SIDE));
        byFamily.put(Family.DENSITY, Collections.unmodifiableMap(density));
        Map<String, BiFunction<Random, Sizes, HostArray>> metric = new LinkedHashMap<>();
        // multi-label retrieval: scores of L = C + LABEL_SET_EXTRA labels per query, wide enough for soft-topk's
        // default K = 5, and a 0/1 positive set of the same shape
        metric.put("logits", (r, s) -> uniform(r, -3, 3, s.batch(), s.classes() + LABEL_SET_EXTRA));
        metric.put("positives", (r, s) -> binary(r, s.batch(), s.classes() + LABEL_SET_EXTRA));
        byFamily.put(Family.METRIC_LEARNING, Collections.unmodifiableMap(metric));
        FAMILY_GENERATORS = Collections.unmodifiableMap(byFamily);
    }

    private static BiFunction<Random, Sizes, HostArray> generator(Family family, String name) {
        BiFunction<Random, Sizes, HostArray> own = FAMILY_GENERATORS.getOrDefault(family, Map.of()).get(name);
        return own != null ? own : GENERATORS.get(name);
    }

    private LossInputFixtures() {}

    /** True when every input {@code spec} declares has a generator. */
    public static boolean covers(LossSpec spec) {
        return spec.inputs().stream().allMatch(name -> generator(spec.family(), name) != null);
    }

    /**
     * One value per declared input of {@code spec}, drawn in declaration order from one seeded source.
     *
     * @throws IllegalArgumentException naming the loss and the input that has no generator yet
     */
    public static Map<String, HostArray> forSpec(LossSpec spec, long seed, Sizes sizes) {
        Random random = new Random(seed);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : spec.inputs()) {
            BiFunction<Random, Sizes, HostArray> generator = generator(spec.family(), name);
            if (generator == null) {
                throw new IllegalArgumentException("loss '" + spec.id() + "' reads input '" + name
                        + "', which LossInputFixtures cannot generate yet; known inputs: " + GENERATORS.keySet());
            }
            out.put(name, generator.apply(random, sizes));
        }
        return out;
    }

    private static HostArray uniform(Random r, double lo, double hi, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return HostArray.wrap(v, shape);
    }

    /**
     * Images (n,1,h,w): the texture 0.5 + 0.3·sin(0.35·row + 0.2·col + 0.7·image), the same for every draw, plus
     * uniform noise in ±0.06 drawn from {@code r}.
     */
    private static HostArray texture(Random r, int n, int h, int w) {
        double[] v = new double[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    v[(i * h + row) * w + col] = 0.5 + 0.3 * Math.sin(0.35 * row + 0.2 * col + 0.7 * i)
                            + 0.12 * (r.nextDouble() - 0.5);
                }
            }
        }
        return HostArray.wrap(v, n, 1, h, w);
    }

    /** Entries 0 or 1, each with probability ½. */
    private static HostArray binary(Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? 1 : 0;
        }
        return HostArray.wrap(v, shape);
    }

    /** Rows in random directions with norms uniform in [0.5, 1.5]. */
    private static HostArray rowsAwayFromOrigin(Random r, int rows, int columns) {
        double[] v = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            double squared = 0;
            for (int j = 0; j < columns; j++) {
                v[i * columns + j] = r.nextGaussian();
                squared += v[i * columns + j] * v[i * columns + j];
            }
            double scale = (0.5 + r.nextDouble()) / Math.sqrt(squared);
            for (int j = 0; j < columns; j++) {
                v[i * columns + j] *= scale;
            }
        }
        return HostArray.wrap(v, rows, columns);
    }

    /** Scaled dropout masks at rate ½: entries 0 or 2. */
    private static HostArray dropoutMasks(Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? 2 : 0;
        }
        return HostArray.wrap(v, shape);
    }

    private static HostArray classIndices(Random r, int classes, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(classes);
        }
        return HostArray.wrap(v, n);
    }
}
