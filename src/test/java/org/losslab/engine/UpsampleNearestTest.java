package org.losslab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link Ops#upsampleNearest2x} on every engine in double precision: values against a naive loop, the gradient of a
 * random projection against central finite differences and against the closed form (sum of the four copies'
 * weights), and agreement between the engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpsampleNearestTest {
    private final Map<String, Engine> engines = new java.util.TreeMap<>();

    @BeforeAll
    void createEngines() {
        for (String id : Engines.ids()) {
            engines.put(id, Engines.create(id, Precision.FLOAT64));
        }
    }

    @AfterAll
    void closeEngines() {
        engines.values().forEach(Engine::close);
    }

    /** out[n,c,i,j] = x[n,c,i/2,j/2]. */
    static HostArray naive(HostArray x) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        double[] out = new double[n * c * 4 * h * w];
        int k = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < c; b++) {
                for (int i = 0; i < 2 * h; i++) {
                    for (int j = 0; j < 2 * w; j++) {
                        out[k++] = x.get(a, b, i / 2, j / 2);
                    }
                }
            }
        }
        return HostArray.wrap(out, n, c, 2 * h, 2 * w);
    }

    /** d Σ(out·weights) / dx[n,c,i,j] = Σ of the weights on the 2×2 block the pixel was copied to. */
    static HostArray blockSums(HostArray weights) {
        int n = weights.dim(0), c = weights.dim(1), h = weights.dim(2) / 2, w = weights.dim(3) / 2;
        double[] g = new double[n * c * h * w];
        int k = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < c; b++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        g[k++] = weights.get(a, b, 2 * i, 2 * j) + weights.get(a, b, 2 * i + 1, 2 * j)
                                + weights.get(a, b, 2 * i, 2 * j + 1) + weights.get(a, b, 2 * i + 1, 2 * j + 1);
                    }
                }
            }
        }
        return HostArray.wrap(g, n, c, h, w);
    }

    @Test
    void valuesMatchANaiveLoopAndGradientsMatchFiniteDifferencesOnEveryEngine() {
        HostArray x = OpsContractTest.random(21, -2, 2, 2, 3, 3, 4);
        HostArray weights = OpsContractTest.random(22, -1, 1, 2, 3, 6, 8);
        Map<String, HostArray> inputs = new LinkedHashMap<>(Map.of("x", x));
        Program program = (ops, in, params) -> {
            Tensor up = ops.upsampleNearest2x(in.get("x"));
            return Map.of("up", up, "projection", ops.sum(ops.mul(up, ops.constant(weights)), false));
        };
        Map<String, HostArray> values = new java.util.TreeMap<>();
        Map<String, HostArray> gradients = new java.util.TreeMap<>();
        for (Map.Entry<String, Engine> e : engines.entrySet()) {
            try (CompiledProgram compiled = e.getValue().compile(program);
                    ParameterStore none = e.getValue().createParameters(Map.of())) {
                RunResult r = compiled.run(RunRequest.of(inputs).fetch("up").gradientOf("projection").inputGradients("x"), none);
                HostArray up = r.output("up");
                assertThat(up.shape()).as(e.getKey()).containsExactly(2, 3, 6, 8);
                assertThat(GradientCheck.maxRelativeError(up, naive(x))).as("%s values", e.getKey()).isLessThan(1e-12);
                HostArray grad = r.inputGradients().get("x");
                HostArray numerical = GradientCheck.numerical(compiled, none, inputs, "projection", "x", 1e-6);
                assertThat(GradientCheck.maxRelativeError(grad, numerical)).as("%s vs finite differences", e.getKey())
                        .isLessThan(1e-7);
                assertThat(GradientCheck.maxRelativeError(grad, blockSums(weights))).as("%s vs block sums", e.getKey())
                        .isLessThan(1e-12);
                values.put(e.getKey(), up);
                gradients.put(e.getKey(), grad);
            }
        }
        assertThat(engines).isNotEmpty();
        HostArray firstValue = values.values().iterator().next();
        HostArray firstGradient = gradients.values().iterator().next();
        values.values().forEach(v -> assertThat(GradientCheck.maxRelativeError(v, firstValue)).isLessThan(1e-12));
        gradients.values().forEach(g -> assertThat(GradientCheck.maxRelativeError(g, firstGradient)).isLessThan(1e-12));
    }

    @Test
    void refusesNonImageInputByName() {
        Engine engine = engines.values().iterator().next();
        Program program = (ops, in, params) -> Map.of("up", ops.upsampleNearest2x(in.get("x")));
        try (CompiledProgram compiled = engine.compile(program); ParameterStore none = engine.createParameters(Map.of())) {
            assertThatThrownBy(() -> compiled.run(RunRequest.of(Map.of("x", HostArray.vector(1, 2))).fetch("up"), none))
                    .hasMessageContaining("upsampleNearest2x");
        }
    }
}
