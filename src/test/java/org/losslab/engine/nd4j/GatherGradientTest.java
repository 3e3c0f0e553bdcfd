package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gather's gradient must scatter-<em>add</em>: M2.1's stock gather keeps one row's gradient per repeated index
 * (scatter-update) and crashes on 2-D backprop.
 */
class GatherGradientTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Nd4jTesting.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** sum(w ⊙ gather(x, idx, axis)) and its gradient w.r.t. x. */
    private static Program weightedGather(HostArray weights, int axis) {
        return (ops, in, params) -> {
            Tensor g = ops.gather(in.get("x"), in.get("i"), axis);
            return Map.of("g", g, "loss", ops.sum(ops.mul(g, ops.constant(weights)), false));
        };
    }

    @Test
    void repeatedRowIndicesScatterAddTheirGradients() {
        HostArray x = Nd4jTesting.random(1, -1, 1, 4, 3);
        HostArray idx = HostArray.vector(2, 0, 2, 2, 1);
        HostArray w = Nd4jTesting.random(2, -1, 1, 5, 3);
        Program p = weightedGather(w, 0);
        Map<String, HostArray> in = GradientCheck.inputs("x", x, "i", idx);

        RunResult r = Nd4jTesting.valueAndGradient(engine, p, in, "loss", "x");
        HostArray grad = r.inputGradients().get("x");

        // Expected by hand: row r of the gradient is the sum of w's rows k with idx[k] == r.
        double[] expected = new double[12];
        for (int k = 0; k < 5; k++) {
            int row = (int) idx.data()[k];
            for (int c = 0; c < 3; c++) {
                expected[row * 3 + c] += w.get(k, c);
            }
        }
        assertThat(GradientCheck.maxRelativeError(grad, HostArray.wrap(expected, 4, 3))).isLessThan(1e-12);
        assertThat(grad.get(3, 0)).as("a row never gathered gets zero gradient").isZero();

        try (CompiledProgram cp = engine.compile(p); ParameterStore none = engine.createParameters(Map.of())) {
            HostArray numerical = GradientCheck.numerical(cp, none, in, "loss", "x", 1e-6);
            assertThat(GradientCheck.maxRelativeError(grad, numerical)).isLessThan(1e-8);
        }
    }

    @Test
    void repeatedColumnIndicesScatterAddAlongAxisOne() {
        HostArray x = Nd4jTesting.random(3, -1, 1, 2, 3, 4);
        HostArray idx = HostArray.vector(1, 1, 0, 1);
        HostArray w = Nd4jTesting.random(4, -1, 1, 2, 4, 4);
        Program p = weightedGather(w, 1);
        Map<String, HostArray> in = GradientCheck.inputs("x", x, "i", idx);

        RunResult r = Nd4jTesting.valueAndGradient(engine, p, in, "loss", "x");
        assertThat(r.outputs().get("loss").shape()).isEmpty();
        try (CompiledProgram cp = engine.compile(p); ParameterStore none = engine.createParameters(Map.of())) {
            HostArray value = cp.run(RunRequest.of(in).fetch("g"), none).output("g");
            assertThat(value.shape()).containsExactly(2, 4, 4);
            assertThat(value.get(1, 2, 3)).isEqualTo(x.get(1, 0, 3)); // idx[2] = 0
            HostArray numerical = GradientCheck.numerical(cp, none, in, "loss", "x", 1e-6);
            assertThat(GradientCheck.maxRelativeError(r.inputGradients().get("x"), numerical)).isLessThan(1e-8);
        }
        assertThat(r.inputGradients().get("x").get(0, 2, 0)).as("column 2 is never gathered").isZero();
    }

    @Test
    void thousandsOfDuplicatesDoNotRace() {
        // Many concurrent adds into the same few rows: a multi-threaded scatter without the lock loses some.
        int rows = 3;
        int k = 20_000;
        int cols = 8;
        Random random = new Random(5);
        double[] idx = new double[k];
        for (int i = 0; i < k; i++) {
            idx[i] = random.nextInt(rows);
        }
        HostArray w = Nd4jTesting.random(6, -1, 1, k, cols);
        Program p = weightedGather(w, 0);
        Map<String, HostArray> in = GradientCheck.inputs("x", Nd4jTesting.random(7, -1, 1, rows, cols), "i",
                HostArray.wrap(idx, k));
        double[] expected = new double[rows * cols];
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < cols; c++) {
                expected[(int) idx[i] * cols + c] += w.get(i, c);
            }
        }
        try (CompiledProgram cp = engine.compile(p); ParameterStore none = engine.createParameters(Map.of())) {
            for (int repeat = 0; repeat < 5; repeat++) {
                HostArray grad = cp.run(RunRequest.of(in).gradientOf("loss").inputGradients("x"), none)
                        .inputGradients().get("x");
                assertThat(GradientCheck.maxRelativeError(grad, HostArray.wrap(expected, rows, cols))).isLessThan(1e-9);
            }
        }
    }

    @Test
    void gatheredParameterRowsTrainOnlyThroughTheirGradient() {
        // The same fix seen through parameter gradients (embedding-table use): row 0 picked twice gets twice the push.
        try (ParameterStore params = engine.createParameters(Map.of("table", HostArray.matrix(new double[][] {{1, 1}, {2, 2}, {3, 3}})));
                CompiledProgram cp = engine.compile((ops, in, ps) ->
                        Map.of("loss", ops.sum(ops.gather(ps.get("table"), in.get("i"), 0), false)))) {
            RunResult r = cp.run(RunRequest.of(Map.of("i", HostArray.vector(0, 2, 0))).gradientOf("loss").parameterGradients(),
                    params);
            assertThat(r.parameterGradients().get("table").data()).containsExactly(2, 2, 0, 0, 1, 1);
        }
    }
}
