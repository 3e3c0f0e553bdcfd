package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.WeightedLoss;
import org.losslab.loss.hyperbolic.HostPoincareBall;
import org.losslab.param.ParamValues;
import org.losslab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Poincaré MLP on both engines, in double precision: its outputs are what the double twin computes from the
 * same parameters, its points stay inside the ball, and hyp-ce on its outputs equals cross-entropy on its logits —
 * value and every parameter gradient, which also match finite differences.
 */
class PoincareMlpTest {
    private static final double C = 0.1;

    static List<String> engines() {
        return Engines.ids();
    }

    static PoincareMlp model() {
        return new PoincareMlp(new int[] {2}, 2, 6, "tanh", 2, C, 2.0, 3);
    }

    static Map<String, HostArray> batch(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // Some inputs far out, so that some features are clipped.
            x[2 * i] = 3 * r.nextGaussian();
            x[2 * i + 1] = 3 * r.nextGaussian();
            y[i] = r.nextInt(3);
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("x", HostArray.wrap(x, n, 2));
        in.put("labels", HostArray.wrap(y, n));
        return in;
    }

    static WeightedLoss hypCe() {
        var f = LossCatalog.get().byId("hyp-ce");
        return WeightedLoss.single(f, ParamValues.resolve("hyp-ce", f.spec().params(), Map.of("c", C)));
    }

    @Test
    void isRegisteredWithDocumentedDefaults() {
        ModelType t = ModelCatalog.get().byId("poincare-mlp");
        PoincareMlp m = (PoincareMlp) t.build(ParamValues.defaults("poincare-mlp", t.params()), new int[] {2}, 4);
        assertThat(m.dimension()).isEqualTo(2);
        assertThat(m.curvature()).isEqualTo(0.1);
        assertThat(m.clipRadius()).isEqualTo(2.0);
        assertThat(m.describe()).isEqualTo("Poincaré MLP 2-32-32-2 (relu) → ball (c = 0.1) → hyperbolic MLR 4");
        assertThat(m.outputNames()).containsExactlyInAnyOrder("logits", "points", "mlrA", "mlrP");
        assertThat(m.parameterShapes().get(PoincareMlp.NORMALS)).containsExactly(4, 2);
        assertThat(m.parameterShapes().get(PoincareMlp.OFFSETS)).containsExactly(4, 2);
        // 2·32+32 + 32·32+32 + 32·2+2 backbone, 2·4·2 MLR
        assertThat(m.parameterCount()).isEqualTo(96 + 1056 + 66 + 16);
    }

    @Test
    void initialisationIsSeededAndTheMlrFollowsHyptorch() {
        PoincareMlp m = model();
        Map<String, HostArray> p = m.initialParameters(new Random(1));
        assertThat(p).isEqualTo(m.initialParameters(new Random(1)));
        for (double v : p.get(PoincareMlp.NORMALS).data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1 / Math.sqrt(2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void outputsAreTheTwinsOfTheSameParameters(String engineId) {
        PoincareMlp m = model();
        Map<String, HostArray> params = m.initialParameters(new Random(7));
        Map<String, HostArray> in = batch(9, 8);
        try (Engine engine = Engines.create(engineId, Precision.FLOAT64);
                ParameterStore store = engine.createParameters(params);
                CompiledProgram forward = engine.compile(TrainingRun.forwardProgram(m))) {
            RunResult r = forward.run(RunRequest.of(Map.of("x", in.get("x"))).fetch("logits", "points", "mlrA", "mlrP"),
                    store);
            HostArray points = r.output("points");
            assertThat(points.shape()).containsExactly(9, 2);
            double largest = Math.tanh(Math.sqrt(C) * 2.0) / Math.sqrt(C);
            for (int i = 0; i < 9; i++) {
                double norm = Math.hypot(points.get(i, 0), points.get(i, 1));
                assertThat(norm).isLessThanOrEqualTo(largest + 1e-12);
            }
            assertThat(r.output("mlrA")).isEqualTo(params.get(PoincareMlp.NORMALS));
            assertThat(r.output("mlrP")).isEqualTo(params.get(PoincareMlp.OFFSETS));
            double[][] expected = new HostPoincareBall(C).mlrLogitsFromRaw(rows(points),
                    rows(params.get(PoincareMlp.NORMALS)), rows(params.get(PoincareMlp.OFFSETS)));
            assertThat(GradientCheck.maxRelativeError(r.output("logits"), HostArray.matrix(expected)))
                    .isLessThan(1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hypCeEqualsCrossEntropyOnTheLogitsAndItsGradientsMatchFiniteDifferences(String engineId) {
        PoincareMlp m = model();
        Map<String, HostArray> params = m.initialParameters(new Random(3));
        Map<String, HostArray> in = batch(7, 4);
        List<RunResult> results = new ArrayList<>();
        try (Engine engine = Engines.create(engineId, Precision.FLOAT64);
                ParameterStore store = engine.createParameters(params)) {
            for (WeightedLoss loss : List.of(hypCe(), WeightedLoss.of("cross-entropy"))) {
                try (CompiledProgram program = engine.compile(TrainingRun.program(m, loss))) {
                    results.add(program.run(RunRequest.of(in).gradientOf("loss").parameterGradients(), store));
                    if (loss.label().equals("hyp-ce")) {
                        for (String name : m.parameterShapes().keySet()) {
                            HostArray analytic = results.get(0).parameterGradients().get(name);
                            int[] entries = GradientCheck.spreadIndices(analytic.size(), 12);
                            double[] numeric = GradientCheck.numericalForParameterEntries(program, store, in, "loss",
                                    name, entries, 1e-6);
                            for (int j = 0; j < entries.length; j++) {
                                assertThat(analytic.data()[entries[j]]).as("%s: d loss / d %s[%d]", engineId, name,
                                        entries[j]).isCloseTo(numeric[j], within(1e-7 * Math.max(1, Math.abs(numeric[j]))));
                            }
                        }
                    }
                }
            }
        }
        RunResult hyperbolic = results.get(0);
        RunResult euclidean = results.get(1);
        assertThat(hyperbolic.output("loss").item()).isCloseTo(euclidean.output("loss").item(), within(1e-12));
        for (String name : m.parameterShapes().keySet()) {
            assertThat(GradientCheck.maxRelativeError(hyperbolic.parameterGradients().get(name),
                    euclidean.parameterGradients().get(name))).as(name).isLessThan(1e-12);
        }
    }

    static double[][] rows(HostArray a) {
        double[][] out = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(a.data(), i * a.dim(1), out[i], 0, a.dim(1));
        }
        return out;
    }
}
