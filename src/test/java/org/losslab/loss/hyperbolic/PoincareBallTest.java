package org.losslab.loss.hyperbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PoincareBall} on every engine, in double precision: each operation equals its {@link HostPoincareBall}
 * twin to 1e-12, and the gradient of a random projection of its output matches central finite differences.
 */
class PoincareBallTest {
    private static final double C = 0.3;
    private static final HostPoincareBall HOST = new HostPoincareBall(C);

    static List<String> engines() {
        return Engines.ids();
    }

    /** Points well inside the ball of radius 1/√0.3 ≈ 1.83. */
    static double[][] ballPoints(long seed, int n, int d) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian();
            }
            x[i] = HOST.expmap0(x[i]);
        }
        return x;
    }

    static double[][] gaussian(long seed, int n, int d, double scale) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return x;
    }

    /** Output [rows][D] of a per-row twin. */
    interface RowOp {
        double[] apply(int row);
    }

    /** The operation under test, built in a program. */
    interface BallOp {
        Tensor apply(Ops ops, PoincareBall ball, Map<String, Tensor> inputs);
    }

    private static void check(String engineId, String label, Map<String, HostArray> inputs,
            BallOp op, double[][] expected) {
        try (Engine engine = Engines.create(engineId, Precision.FLOAT64);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, params) -> {
                    Tensor out = op.apply(ops, new PoincareBall(ops, C), in);
                    // A fixed random projection makes a scalar whose gradient reaches every output element.
                    Tensor weights = ops.constant(projection(out.shape()));
                    return Map.of("out", out, "scalar", ops.sum(ops.mul(out, weights), false));
                })) {
            RunRequest request = RunRequest.of(inputs).fetch("out").gradientOf("scalar")
                    .inputGradients(inputs.keySet().toArray(String[]::new));
            RunResult r = program.run(request, none);
            HostArray expectedArray = HostArray.matrix(expected);
            assertThat(GradientCheck.maxRelativeError(r.output("out").reshape(expectedArray.shape()), expectedArray))
                    .as("%s on %s: value vs the double twin", label, engineId).isLessThan(1e-12);
            for (String name : inputs.keySet()) {
                HostArray numeric = GradientCheck.numerical(program, none, inputs, "scalar", name, 1e-6);
                assertThat(GradientCheck.maxRelativeError(r.inputGradients().get(name), numeric))
                        .as("%s on %s: gradient w.r.t. %s", label, engineId, name).isLessThan(1e-7);
            }
        }
    }

    private static HostArray projection(long[] shape) {
        int[] s = new int[shape.length];
        int size = 1;
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) shape[i];
            size *= s[i];
        }
        Random r = new Random(99);
        double[] w = new double[size];
        for (int i = 0; i < size; i++) {
            w[i] = r.nextGaussian();
        }
        return HostArray.wrap(w, s);
    }

    private static double[][] rows(int n, RowOp op) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(i);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mobiusAddition(String engine) {
        double[][] x = ballPoints(1, 4, 3);
        double[][] y = ballPoints(2, 4, 3);
        check(engine, "x ⊕ y", Map.of("x", HostArray.matrix(x), "y", HostArray.matrix(y)),
                (o, b, t) -> b.mobiusAdd(t.get("x"), t.get("y")), rows(4, i -> HOST.mobiusAdd(x[i], y[i])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mobiusAdditionBroadcastsClassesAgainstPoints(String engine) {
        double[][] p = ballPoints(3, 2, 3);
        double[][] x = ballPoints(4, 5, 3);
        double[][] expected = new double[10][];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 2; k++) {
                expected[i * 2 + k] = HOST.mobiusAdd(p[k], x[i]);
            }
        }
        check(engine, "p[1,C,D] ⊕ x[N,1,D]", Map.of("p", HostArray.matrix(p), "x", HostArray.matrix(x)),
                (o, b, t) -> b.mobiusAdd(o.unsqueeze(t.get("p"), 0), o.unsqueeze(t.get("x"), 1)), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void expmap0AndExpmap(String engine) {
        double[][] v = gaussian(5, 4, 3, 1.5);
        double[][] base = ballPoints(6, 4, 3);
        check(engine, "expmap0", Map.of("v", HostArray.matrix(v)), (o, b, t) -> b.expmap0(t.get("v")),
                rows(4, i -> HOST.expmap0(v[i])));
        check(engine, "expmap", Map.of("base", HostArray.matrix(base), "v", HostArray.matrix(v)),
                (o, b, t) -> b.expmap(t.get("base"), t.get("v")), rows(4, i -> HOST.expmap(base[i], v[i])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void projectAndClip(String engine) {
        // Rows 0 and 2 lie beyond the rim (radius ≈ 1.83) and beyond the clip radius 1.5; rows 1 and 3 inside both.
        double[][] x = {{2.0, 1.5, 0.2}, {0.3, -0.4, 0.5}, {-3, 0.1, 2}, {0.1, 0.2, -0.9}};
        check(engine, "project", Map.of("x", HostArray.matrix(x)), (o, b, t) -> b.project(t.get("x")),
                rows(4, i -> HOST.project(x[i])));
        check(engine, "clipNorm", Map.of("x", HostArray.matrix(x)), (o, b, t) -> b.clipNorm(t.get("x"), 1.5),
                rows(4, i -> HostPoincareBall.clipNorm(x[i], 1.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mlrLogitsFromRawParameters(String engine) {
        double[][] x = ballPoints(7, 6, 3);
        double[][] a = gaussian(8, 4, 3, 0.8);
        double[][] p = gaussian(9, 4, 3, 0.6);
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("x", HostArray.matrix(x));
        in.put("a", HostArray.matrix(a));
        in.put("p", HostArray.matrix(p));
        check(engine, "MLR logits", in, (o, b, t) -> b.mlrLogitsFromRaw(t.get("x"), t.get("a"), t.get("p")),
                HOST.mlrLogitsFromRaw(x, a, p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void asinhIsExactAcrossSignsAndAtZero(String engine) {
        double[][] x = {{-40, -2.5, -1e-3, 0.0, 0.7, 25}};
        check(engine, "asinh", Map.of("x", HostArray.matrix(x)), (o, b, t) -> b.asinh(t.get("x")),
                new double[][] {java.util.Arrays.stream(x[0]).map(HostPoincareBall::asinh).toArray()});
    }
}
