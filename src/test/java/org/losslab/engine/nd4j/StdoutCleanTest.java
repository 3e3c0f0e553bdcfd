package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * SameDiff M2.1 prints "Added differentiated op …" on {@code System.out} for every op when it builds a gradient
 * function, and ImportClassMapping / DifferentialFunction log noise on first use. None of it may reach the console.
 */
class StdoutCleanTest {

    @Test
    void compilingAndDifferentiatingPrintsNothing() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                ParameterStore params = engine.createParameters(Map.of(
                        "w", Nd4jTesting.random(1, -1, 1, 3, 2), "b", HostArray.vector(0.1, -0.1)));
                CompiledProgram program = engine.compile((ops, in, p) -> {
                    Tensor z = ops.add(ops.matmul(in.get("x"), p.get("w")), p.get("b"));
                    Tensor loss = ops.mean(ops.neg(ops.rowDot(ops.logSoftmax(z, -1), ops.oneHot(in.get("y"), 2))), false);
                    Tensor picked = ops.gather(z, in.get("y"), 0); // a custom op, copied with the graph
                    return Map.of("loss", ops.add(loss, ops.mul(ops.sum(picked, false), 1e-3)));
                })) {
            Map<String, HostArray> in = Map.of("x", Nd4jTesting.random(2, -1, 1, 4, 3), "y", HostArray.vector(0, 1, 1, 0));
            program.run(RunRequest.of(in).gradientOf("loss").parameterGradients(), params);
            program.trainStep(in, params, "loss", Optimizer.create(OptimizerConfig.adam(0.01)), java.util.Set.of("loss"));
            // another shape: a second trace and gradient function
            program.run(RunRequest.of(Map.of("x", Nd4jTesting.random(3, -1, 1, 2, 3), "y", HostArray.vector(1, 0)))
                    .gradientOf("loss").parameterGradients(), params);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Added differentiated op");
        assertThat(text).doesNotContain("ImportClassMapping");
        assertThat(text).doesNotContain("DifferentialFunction");
        assertThat(text).doesNotContain("Inferring output");
        assertThat(System.out).as("the guard restored System.out").isSameAs(out);
    }

    @Test
    void otherOutputStillReachesStdoutWhileTheGuardIsUp() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Nd4jRuntime.withQuietStdout(() -> {
                System.out.println("Added differentiated op x");
                System.out.println("user line");
            });
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("user line" + System.lineSeparator());
    }
}
