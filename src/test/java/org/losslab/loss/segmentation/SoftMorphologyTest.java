package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Soft morphology on both engines in float64: values against naive clipped-window min/max filters, gradients
 * against central finite differences on untied inputs, and, on inputs full of ties, one-sided gradients: each
 * pixel's gradient lies between its two one-sided difference quotients, and the gradients sum to the derivative of
 * a uniform shift (which a tie-doubling min/max would exceed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoftMorphologyTest {
    private static final int N = 2;
    private static final int H = 5;
    private static final int W = 6;
    private final Map<String, Engine> engines = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        for (String id : Engines.ids()) {
            engines.put(id, Engines.create(id, Precision.FLOAT64));
        }
    }

    @AfterAll
    void stop() {
        engines.values().forEach(Engine::close);
    }

    Stream<String> engineIds() {
        return engines.keySet().stream();
    }

    /** An op under test, with its naive per-image reference ([h·w] → [h·w]). */
    enum Op {
        ERODE((ops, x) -> SoftMorphology.erode(ops, x), SegmentationTesting::erode),
        DILATE((ops, x) -> SoftMorphology.dilate(ops, x), SegmentationTesting::dilate),
        OPEN((ops, x) -> SoftMorphology.open(ops, x),
                (x, h, w) -> SegmentationTesting.dilate(SegmentationTesting.erode(x, h, w), h, w)),
        SKELETON((ops, x) -> SoftMorphology.softSkeleton(ops, x, 3),
                (x, h, w) -> SegmentationTesting.softSkeleton(x, h, w, 3));

        final BiFunction<Ops, Tensor, Tensor> tensor;
        final NaiveFilter naive;

        Op(BiFunction<Ops, Tensor, Tensor> tensor, NaiveFilter naive) {
            this.tensor = tensor;
            this.naive = naive;
        }
    }

    /** A naive per-image filter, [h·w] → [h·w]. */
    @FunctionalInterface
    interface NaiveFilter {
        double[] apply(double[] image, int h, int w);
    }

    Stream<Object[]> opsOnEngines() {
        return engineIds().flatMap(e -> Stream.of(Op.values()).map(op -> new Object[] {e, op}));
    }

    private static HostArray random(long seed) {
        return HostArray.wrap(SegmentationTesting.uniform(new Random(seed), 0, 1, N * H * W), N, H, W);
    }

    /** Values from {0, ½, 1}: almost every window has ties. */
    private static HostArray tied(long seed) {
        Random r = new Random(seed);
        double[] v = new double[N * H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3) / 2.0;
        }
        return HostArray.wrap(v, N, H, W);
    }

    private static double[] naive(Op op, HostArray x) {
        double[] out = new double[x.size()];
        for (int i = 0; i < N; i++) {
            double[] image = SegmentationTesting.image(x, i);
            System.arraycopy(op.naive.apply(image, H, W), 0, out, i * H * W, H * W);
        }
        return out;
    }

    /** Program: out = op(x), projection = Σ weights·out. */
    private CompiledProgram compile(String engine, BiFunction<Ops, Tensor, Tensor> op, HostArray weights) {
        return engines.get(engine).compile((ops, in, params) -> {
            Tensor out = op.apply(ops, in.get("x"));
            return Map.of("out", out, "projection", ops.sum(ops.mul(out, ops.constant(weights)), false));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("opsOnEngines")
    void valuesMatchNaiveFiltersOnRandomAndTiedImages(String engine, Op op) {
        for (HostArray x : new HostArray[] {random(1), tied(2)}) {
            try (CompiledProgram program = compile(engine, op.tensor, HostArray.zeros(N, H, W));
                    ParameterStore none = engines.get(engine).createParameters(Map.of())) {
                HostArray out = program.run(RunRequest.of(Map.of("x", x)).fetch("out"), none).output("out");
                assertThat(out.data()).as("%s on %s", op, engine).containsExactly(naive(op, x), within(1e-15));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("opsOnEngines")
    void gradientsMatchFiniteDifferencesWithoutTies(String engine, Op op) {
        HostArray x = random(3);
        HostArray weights = HostArray.wrap(SegmentationTesting.uniform(new Random(4), -1, 1, N * H * W), N, H, W);
        try (CompiledProgram program = compile(engine, op.tensor, weights);
                ParameterStore none = engines.get(engine).createParameters(Map.of())) {
            Map<String, HostArray> in = Map.of("x", x);
            RunResult r = program.run(RunRequest.of(in).gradientOf("projection").inputGradients("x"), none);
            HostArray numerical = GradientCheck.numerical(program, none, in, "projection", "x", 1e-6);
            assertThat(GradientCheck.maxRelativeError(r.inputGradients().get("x"), numerical))
                    .as("%s on %s", op, engine).isLessThan(1e-8);
        }
    }

    Stream<Object[]> filtersOnEngines() {
        return engineIds().flatMap(e -> Stream.of(Op.ERODE, Op.DILATE).map(op -> new Object[] {e, op}));
    }

    Stream<Object[]> shiftEquivariantOnEngines() {
        return engineIds().flatMap(e -> Stream.of(Op.ERODE, Op.DILATE, Op.OPEN).map(op -> new Object[] {e, op}));
    }

    /**
     * Erosion and dilation are one min or max per output. With positive weights, on tied inputs, each pixel's
     * gradient lies between its one-sided difference quotients: a one-sided choice among the tied pixels.
     * (Opening chains a min and a max, where both one-sided quotients of a pixel can be 0 while the chosen path
     * still runs through it; it gets the shift check below.)
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("filtersOnEngines")
    void tiedInputsGetOneSidedGradients(String engine, Op op) {
        HostArray x = tied(5);
        HostArray weights = HostArray.wrap(SegmentationTesting.uniform(new Random(6), 0.5, 1.5, N * H * W), N, H, W);
        double h = 1e-3; // exact: the map is linear on each side of a tie
        try (CompiledProgram program = compile(engine, op.tensor, weights);
                ParameterStore none = engines.get(engine).createParameters(Map.of())) {
            double[] g = program.run(RunRequest.of(Map.of("x", x)).gradientOf("projection").inputGradients("x"), none)
                    .inputGradients().get("x").data();
            double base = projection(program, none, x.data(), -1, 0);
            int ties = 0;
            for (int i = 0; i < g.length; i++) {
                double forward = (projection(program, none, x.data(), i, h) - base) / h;
                double backward = (base - projection(program, none, x.data(), i, -h)) / h;
                assertThat(g[i]).as("%s on %s, pixel %d: between %s and %s", op, engine, i, forward, backward)
                        .isBetween(Math.min(forward, backward) - 1e-9, Math.max(forward, backward) + 1e-9);
                ties += Math.abs(forward - backward) > 1e-9 ? 1 : 0;
            }
            assertThat(ties).as("the input really has ties").isGreaterThan(10);
        }
    }

    /**
     * Erosion, dilation and opening commute with a uniform shift, so the derivative of the shift is Σ weights; on
     * tied inputs the gradients must sum to exactly that (each output passes its gradient to one pixel, not to every
     * tied one, which would inflate the sum).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shiftEquivariantOnEngines")
    void tiedGradientsSumToTheShiftDerivative(String engine, Op op) {
        HostArray x = tied(5);
        double[] w = SegmentationTesting.uniform(new Random(6), 0.5, 1.5, N * H * W);
        double h = 1e-3;
        try (CompiledProgram program = compile(engine, op.tensor, HostArray.wrap(w, N, H, W));
                ParameterStore none = engines.get(engine).createParameters(Map.of())) {
            double[] g = program.run(RunRequest.of(Map.of("x", x)).gradientOf("projection").inputGradients("x"), none)
                    .inputGradients().get("x").data();
            double base = projection(program, none, x.data(), -1, 0);
            double shifted = (projection(program, none, shift(x.data(), h), -1, 0) - base) / h;
            double weightSum = 0;
            for (double v : w) {
                weightSum += v;
            }
            double total = 0;
            for (double v : g) {
                total += v;
            }
            assertThat(shifted).isCloseTo(weightSum, within(1e-9));
            assertThat(total).as("%s on %s: gradients sum to the uniform-shift derivative", op, engine)
                    .isCloseTo(weightSum, within(1e-9));
        }
    }

    /** The soft skeleton ignores a uniform shift, so on tied inputs its gradients must sum to 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engineIds")
    void tiedSkeletonGradientsSumToZero(String engine) {
        HostArray x = tied(7);
        HostArray weights = HostArray.wrap(SegmentationTesting.uniform(new Random(8), 0.5, 1.5, N * H * W), N, H, W);
        try (CompiledProgram program = compile(engine, Op.SKELETON.tensor, weights);
                ParameterStore none = engines.get(engine).createParameters(Map.of())) {
            double[] g = program.run(RunRequest.of(Map.of("x", x)).gradientOf("projection").inputGradients("x"), none)
                    .inputGradients().get("x").data();
            double total = 0;
            double size = 0;
            for (double v : g) {
                total += v;
                size += Math.abs(v);
            }
            assertThat(size).as("the skeleton has a gradient").isGreaterThan(0.1);
            assertThat(total).isCloseTo(0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineIds")
    void maxOverProjectsAndSendsOneGradientPerRayEvenOnTies(String engine) {
        HostArray x = tied(9); // [2,5,6]; project along H (axis 1, odd length) and W (axis 2, even length)
        for (int axis = 1; axis <= 2; axis++) {
            int a = axis;
            int rays = N * (a == 1 ? W : H);
            try (CompiledProgram program = engines.get(engine).compile((ops, in, params) -> {
                        Tensor out = SoftMorphology.maxOver(ops, in.get("x"), a);
                        return Map.of("out", out, "projection", ops.sum(out, false));
                    });
                    ParameterStore none = engines.get(engine).createParameters(Map.of())) {
                RunResult r = program.run(RunRequest.of(Map.of("x", x)).gradientOf("projection").inputGradients("x")
                        .fetch("out"), none);
                double[] out = r.output("out").data();
                assertThat(out.length).isEqualTo(rays);
                double[] g = r.inputGradients().get("x").data();
                double[] gradientPerRay = new double[rays];
                double[] expected = new double[rays];
                java.util.Arrays.fill(expected, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < N; i++) {
                    for (int row = 0; row < H; row++) {
                        for (int col = 0; col < W; col++) {
                            int k = (i * H + row) * W + col;
                            int ray = a == 1 ? i * W + col : i * H + row;
                            expected[ray] = Math.max(expected[ray], x.data()[k]);
                            gradientPerRay[ray] += g[k];
                            assertThat(g[k] == 0 || (g[k] == 1 && x.data()[k] == out[ray]))
                                    .as("axis %d, element %d gets %s", a, k, g[k]).isTrue();
                        }
                    }
                }
                assertThat(out).containsExactly(expected, within(0.0));
                assertThat(gradientPerRay).containsOnly(1.0);
            }
        }
    }

    private static double projection(CompiledProgram program, ParameterStore none, double[] x, int index, double d) {
        double[] moved = x.clone();
        if (index >= 0) {
            moved[index] += d;
        }
        return program.run(RunRequest.of(Map.of("x", HostArray.wrap(moved, N, H, W))).fetch("projection"), none)
                .output("projection").item();
    }

    private static double[] shift(double[] x, double d) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }
}
