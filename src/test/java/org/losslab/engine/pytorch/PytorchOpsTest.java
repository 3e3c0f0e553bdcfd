package org.losslab.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

/**
 * What the engine-neutral contract test cannot see: the native overrides of composites against the composites
 * themselves, CTC against brute-force enumeration of alignments, exact zeros through stopGradient, and the branches
 * of reductions over several axes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PytorchOpsTest {
    private Engine engine;
    private ParameterStore none;

    @BeforeAll
    void start() {
        engine = Engines.create("pytorch", Precision.FLOAT64);
        none = engine.createParameters(Map.of());
    }

    @AfterAll
    void stop() {
        none.close();
        engine.close();
    }

    static HostArray random(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        HostArray zeros = HostArray.zeros(shape);
        double[] d = new double[zeros.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return HostArray.wrap(d, shape);
    }

    /** Value of {@code op} on {@code x}, and the gradient of Σ w·op(x) with respect to {@code x}. */
    private HostArray[] valueAndGradient(HostArray x, BiFunction<Ops, Tensor, Tensor> op) {
        HostArray[] out = new HostArray[2];
        try (CompiledProgram probe = engine.compile((o, in, p) -> Map.of("out", op.apply(o, in.get("x"))))) {
            out[0] = probe.run(RunRequest.of(Map.of("x", x)).fetch("out"), none).output("out");
        }
        HostArray w = random(77, -1, 1, out[0].shape());
        try (CompiledProgram projected = engine.compile((o, in, p) ->
                Map.of("s", o.sum(o.mul(op.apply(o, in.get("x")), o.constant(w)), false)))) {
            out[1] = projected.run(RunRequest.of(Map.of("x", x)).gradientOf("s").inputGradients("x"), none)
                    .inputGradients().get("x");
        }
        return out;
    }

    private void assertSame(HostArray x, BiFunction<Ops, Tensor, Tensor> a, BiFunction<Ops, Tensor, Tensor> b, double tol) {
        HostArray[] ra = valueAndGradient(x, a);
        HostArray[] rb = valueAndGradient(x, b);
        assertThat(GradientCheck.maxRelativeError(ra[0], rb[0])).as("value").isLessThan(tol);
        assertThat(GradientCheck.maxRelativeError(ra[1], rb[1])).as("gradient").isLessThan(tol);
    }

    @Test
    void nativeLogSoftmaxAndSoftmaxEqualTheSeamComposites() {
        // Wide logits, so the max-shift in the composite matters.
        HostArray x = random(1, -30, 30, 5, 7);
        for (int axis : new int[] {0, 1, -1}) {
            assertSame(x, (o, t) -> o.logSoftmax(t, axis), (o, t) -> o.sub(t, o.logSumExp(t, axis, true)), 1e-13);
            assertSame(x, (o, t) -> o.softmax(t, axis), (o, t) -> o.exp(o.sub(t, o.logSumExp(t, axis, true))), 1e-13);
        }
    }

    @Test
    void stopGradientPassesValuesAndNoGradient() {
        HostArray x = random(2, -2, 2, 3, 4);
        // The x·0 term keeps x connected to the output, so a backward pass runs and must stop at stopGradient.
        HostArray[] r = valueAndGradient(x, (o, t) -> o.add(o.stopGradient(o.exp(t)), o.mul(t, 0.0)));
        for (int i = 0; i < x.size(); i++) {
            assertThat(r[0].data()[i]).isCloseTo(Math.exp(x.data()[i]), org.assertj.core.api.Assertions.within(1e-14));
            assertThat(Math.abs(r[1].data()[i])).isZero();
        }
    }

    @Test
    void reductionsOverSeveralOrAllAxes() {
        HostArray x = random(3, -1, 1, 2, 3, 4);
        double[] d = x.data();
        HostArray[] maxAll = valueAndGradient(x, (o, t) -> o.max(t, false));
        double best = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] > best) {
                best = d[i];
                arg = i;
            }
        }
        assertThat(maxAll[0].rank()).isZero();
        assertThat(maxAll[0].item()).isEqualTo(best);
        for (int i = 0; i < d.length; i++) {
            assertThat(maxAll[1].data()[i] != 0).as("gradient only at the arg-max").isEqualTo(i == arg);
        }
        assertThat(valueAndGradient(x, (o, t) -> o.max(t, true))[0].shape()).containsExactly(1, 1, 1);

        HostArray[] max02 = valueAndGradient(x, (o, t) -> o.max(t, false, 0, -1));
        assertThat(max02[0].shape()).containsExactly(3);
        for (int j = 0; j < 3; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 4; k++) {
                    m = Math.max(m, x.get(i, j, k));
                }
            }
            assertThat(max02[0].get(j)).isEqualTo(m);
        }
        assertThat(valueAndGradient(x, (o, t) -> o.max(t, true, 0, 2))[0].shape()).containsExactly(1, 3, 1);

        HostArray[] mean02 = valueAndGradient(x, (o, t) -> o.mean(t, true, 0, 2));
        assertThat(mean02[0].shape()).containsExactly(1, 3, 1);
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 4; k++) {
                    s += x.get(i, j, k);
                }
            }
            assertThat(mean02[0].get(0, j, 0)).isCloseTo(s / 8, org.assertj.core.api.Assertions.within(1e-15));
        }
        for (double g : mean02[1].data()) {
            assertThat(Math.abs(g)).isLessThanOrEqualTo(1.0 / 8);
        }
        assertThat(valueAndGradient(x, (o, t) -> o.mean(t, true))[0].shape()).containsExactly(1, 1, 1);
        assertThat(valueAndGradient(x, (o, t) -> o.sum(t, true))[0].shape()).containsExactly(1, 1, 1);
    }

    @Test
    void constantsAndMasksCarryNoGradient() {
        HostArray x = random(4, -1, 1, 2, 3);
        HostArray[] r = valueAndGradient(x, (o, t) -> o.add(o.add(o.zerosLike(t), o.onesLike(t)), o.greaterThan(t, 0.0)));
        assertThat(r[1].data()).containsOnly(0.0);
        for (int i = 0; i < x.size(); i++) {
            assertThat(r[0].data()[i]).isEqualTo(x.data()[i] > 0 ? 2.0 : 1.0);
        }
    }

    @Test
    void shapesHandedOutAreCopies() {
        HostArray x = random(9, -1, 1, 3, 4);
        try (CompiledProgram program = engine.compile((o, in, p) -> {
            Tensor t = in.get("x");
            t.shape()[0] = 99;
            Tensor g = o.gather(t, o.constant(HostArray.vector(0, 0)), 1);
            assertThat(t.shape()).containsExactly(3, 4);
            assertThat(g.shape()).containsExactly(3, 2);
            return Map.of("g", g, "sum", o.add(t, t));
        })) {
            RunResult r = program.run(RunRequest.of(Map.of("x", x)).fetch("g", "sum"), none);
            assertThat(r.output("sum").shape()).containsExactly(3, 4);
        }
    }

    // ---- CTC ------------------------------------------------------------------------------------------------

    /** -log Σ over all label paths π of length T that collapse to {@code target}, of Π_t p_t(π_t). */
    static double bruteForceCtc(double[][] logProbs, int[] target) {
        int t = logProbs.length;
        int v = logProbs[0].length;
        int[] path = new int[t];
        double total = 0;
        long paths = (long) Math.pow(v, t);
        for (long code = 0; code < paths; code++) {
            long c = code;
            for (int i = 0; i < t; i++) {
                path[i] = (int) (c % v);
                c /= v;
            }
            if (collapsesTo(path, target)) {
                double lp = 0;
                for (int i = 0; i < t; i++) {
                    lp += logProbs[i][path[i]];
                }
                total += Math.exp(lp);
            }
        }
        return -Math.log(total);
    }

    private static boolean collapsesTo(int[] path, int[] target) {
        int k = 0;
        int previous = -1;
        for (int label : path) {
            if (label != previous && label != 0) {
                if (k >= target.length || target[k] != label) {
                    return false;
                }
                k++;
            }
            previous = label;
        }
        return k == target.length;
    }

    @Test
    void ctcMatchesBruteForceEnumerationOfAlignments() {
        int n = 5;
        int t = 6;
        int v = 4;
        HostArray z = random(5, -2, 2, n, t, v);
        // Repeated labels (need a blank between), a shorter input, an empty target, padding past the lengths.
        double[][] targets = {{1, 2, 3}, {3, 3, 0}, {2, 0, 0}, {1, 1, 2}, {9, 9, 9}};
        double[] inLen = {6, 5, 4, 6, 3};
        double[] tgtLen = {3, 2, 1, 3, 0};
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("z", z);
        inputs.put("targets", HostArray.matrix(targets));
        inputs.put("inLen", HostArray.vector(inLen));
        inputs.put("tgtLen", HostArray.vector(tgtLen));
        try (CompiledProgram program = engine.compile((o, in, p) -> {
            Tensor logProbs = o.logSoftmax(in.get("z"), -1);
            return Map.of("nll", o.ctcLoss(logProbs, in.get("targets"), in.get("inLen"), in.get("tgtLen")),
                    "logProbs", logProbs);
        })) {
            RunResult r = program.run(RunRequest.of(inputs).fetch("nll", "logProbs"), none);
            HostArray nll = r.output("nll");
            assertThat(nll.shape()).containsExactly(n);
            HostArray lp = r.output("logProbs");
            for (int b = 0; b < n; b++) {
                double[][] seq = new double[(int) inLen[b]][v];
                for (int i = 0; i < seq.length; i++) {
                    for (int k = 0; k < v; k++) {
                        seq[i][k] = lp.get(b, i, k);
                    }
                }
                int[] target = new int[(int) tgtLen[b]];
                for (int u = 0; u < target.length; u++) {
                    target[u] = (int) targets[b][u];
                }
                assertThat(nll.get(b)).as("sequence %d", b).isCloseTo(bruteForceCtc(seq, target),
                        org.assertj.core.api.Assertions.within(1e-11));
            }
        }
    }

    @Test
    void ctcGradientMatchesFiniteDifferencesWithShortInputsAndEmptyTargets() {
        HostArray z = random(6, -1, 1, 3, 5, 3);
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("z", z);
        inputs.put("targets", HostArray.matrix(new double[][] {{1, 2}, {2, 2}, {0, 0}}));
        inputs.put("inLen", HostArray.vector(5, 3, 2));
        inputs.put("tgtLen", HostArray.vector(2, 2, 0));
        HostArray w = HostArray.vector(0.7, -1.3, 0.4);
        try (CompiledProgram program = engine.compile((o, in, p) -> Map.of("s", o.sum(o.mul(
                o.ctcLoss(o.logSoftmax(in.get("z"), -1), in.get("targets"), in.get("inLen"), in.get("tgtLen")),
                o.constant(w)), false)))) {
            HostArray analytic = program.run(RunRequest.of(inputs).gradientOf("s").inputGradients("z"), none)
                    .inputGradients().get("z");
            HostArray numerical = GradientCheck.numerical(program, none, inputs, "s", "z", 1e-6);
            assertThat(GradientCheck.maxRelativeError(analytic, numerical)).isLessThan(1e-7);
            // Time steps past a sequence's input length get no gradient.
            assertThat(analytic.get(2, 3, 0)).isZero();
            assertThat(analytic.get(1, 4, 2)).isZero();
        }
    }

    @Test
    void ctcInFloat32AgreesWithFloat64AndStaysExactForLongSequences() {
        HostArray z = random(7, -3, 3, 2, 40, 6);
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("z", z);
        inputs.put("targets", HostArray.matrix(new double[][] {{1, 2, 3, 4, 5, 5}, {5, 4, 3, 0, 0, 0}}));
        inputs.put("inLen", HostArray.vector(40, 25));
        inputs.put("tgtLen", HostArray.vector(6, 3));
        double[][] values = new double[2][];
        Precision[] precisions = {Precision.FLOAT64, Precision.FLOAT32};
        for (int i = 0; i < 2; i++) {
            try (Engine e = Engines.create("pytorch", precisions[i]);
                    ParameterStore p = e.createParameters(Map.of());
                    CompiledProgram program = e.compile((o, in, q) -> Map.of("nll", o.ctcLoss(
                            o.logSoftmax(in.get("z"), -1), in.get("targets"), in.get("inLen"), in.get("tgtLen"))))) {
                values[i] = program.run(RunRequest.of(inputs).fetch("nll"), p).output("nll").data();
            }
        }
        for (double v : values[0]) {
            assertThat(v).isPositive().isLessThan(1e3);
        }
        for (int b = 0; b < 2; b++) {
            assertThat(Math.abs(values[1][b] - values[0][b]) / values[0][b]).isLessThan(1e-5);
        }
    }

    @Test
    void ctcRejectsBadTargetsAndLengthsByName() {
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("z", random(8, -1, 1, 1, 3, 3));
        inputs.put("targets", HostArray.matrix(new double[][] {{3}}));
        inputs.put("inLen", HostArray.vector(3));
        inputs.put("tgtLen", HostArray.vector(1));
        try (CompiledProgram program = engine.compile((o, in, p) -> Map.of("nll", o.ctcLoss(
                o.logSoftmax(in.get("z"), -1), in.get("targets"), in.get("inLen"), in.get("tgtLen"))))) {
            assertThatThrownBy(() -> program.run(RunRequest.of(inputs).fetch("nll"), none))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 3.0");
            inputs.put("targets", HostArray.matrix(new double[][] {{1}}));
            inputs.put("inLen", HostArray.vector(4));
            assertThatThrownBy(() -> program.run(RunRequest.of(inputs).fetch("nll"), none))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputLengths");
        }
    }
}
