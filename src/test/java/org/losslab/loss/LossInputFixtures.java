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
        GENERATORS = Collections.unmodifiableMap(g);
    }

    private LossInputFixtures() {}

    /** True when every input {@code spec} declares has a generator. */
    public static boolean covers(LossSpec spec) {
        return GENERATORS.keySet().containsAll(spec.inputs());
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
            BiFunction<Random, Sizes, HostArray> generator = GENERATORS.get(name);
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
