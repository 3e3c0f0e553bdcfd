package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reducing over axes of size 1 only (e.g. the mean over M = 1 dropout samples, [1,N] → [N]) makes M2.1's reduce
 * ops throw a NullPointerException; the engine turns such a reduction into a reshape.
 */
class SingletonAxisReduceTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Nd4jTesting.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void meanSumAndMaxOverASizeOneAxisKeepTheValuesAndPassTheGradient() {
        HostArray x = HostArray.wrap(new double[] {1.5, -2.0, 0.25}, 1, 3);
        RunResult r;
        try (CompiledProgram program = engine.compile((ops, in, p) -> {
                    var mean = ops.mean(in.get("x"), false, 0);
                    var sum = ops.sum(in.get("x"), true, 0);
                    var max = ops.max(in.get("x"), false, 0);
                    var loss = ops.sum(ops.add(ops.add(ops.mul(mean, 2.0), ops.reshape(sum, 3)), max), false);
                    return Map.of("mean", mean, "sum", sum, "loss", loss);
                });
                ParameterStore none = engine.createParameters(Map.of())) {
            r = program.run(RunRequest.of(Map.of("x", x)).fetch("mean", "sum").gradientOf("loss").inputGradients("x"),
                    none);
        }
        assertThat(r.output("mean").shape()).containsExactly(3);
        assertThat(r.output("mean").data()).containsExactly(1.5, -2.0, 0.25);
        assertThat(r.output("sum").shape()).containsExactly(1, 3);
        assertThat(r.inputGradients().get("x").data()).containsExactly(4.0, 4.0, 4.0);
    }
}
