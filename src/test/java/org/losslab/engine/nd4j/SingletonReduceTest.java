package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;

/**
 * Reductions over axes of length 1, as a regression loss meets them on a [N, 1] prediction. M2.1's SameDiff
 * reductions throw a NullPointerException there; the seam treats them as the reshape they are.
 */
class SingletonReduceTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Nd4jTesting.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final HostArray X = HostArray.of(new double[] {1, -2, 3}, 3, 1);

    @Test
    void sumMeanAndMaxOverALengthOneAxisGiveTheValuesAndTheirGradient() {
        Program program = (ops, in, p) -> {
            var x = ops.square(in.get("x"));
            var mean = ops.mean(x, false, 1);
            var sum = ops.sum(x, true, 1);
            var max = ops.max(x, false, -1);
            var loss = ops.add(ops.add(ops.sum(mean, false), ops.sum(sum, false)), ops.sum(max, false));
            return Map.of("mean", mean, "sum", sum, "max", max, "loss", loss);
        };
        RunResult r;
        try (CompiledProgram compiled = engine.compile(program);
                ParameterStore none = engine.createParameters(Map.of())) {
            r = compiled.run(RunRequest.of(Map.of("x", X)).fetch("mean", "sum", "max").gradientOf("loss")
                    .inputGradients("x"), none);
        }
        assertThat(r.output("mean").shape()).containsExactly(3);
        assertThat(r.output("mean").data()).containsExactly(1, 4, 9);
        assertThat(r.output("sum").shape()).containsExactly(3, 1);
        assertThat(r.output("sum").data()).containsExactly(1, 4, 9);
        assertThat(r.output("max").data()).containsExactly(1, 4, 9);
        // d/dx of 3·x²
        assertThat(r.inputGradients().get("x").data()).containsExactly(new double[] {6, -12, 18}, within(1e-12));
    }
}
