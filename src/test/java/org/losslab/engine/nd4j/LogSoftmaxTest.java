package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The native last-axis log-softmax that {@link Nd4jOps} uses equals the seam's composition from primitives, in
 * value and gradient, for rank 2 and rank 3; other axes use the composition (M2.1's native op throws there).
 */
class LogSoftmaxTest {

    /** The seam's default composition, bypassing the override. */
    private static Tensor composed(Ops ops, Tensor x, int axis) {
        return ops.sub(x, ops.logSumExp(x, axis, true));
    }

    private static void compare(HostArray x, int axis) {
        HostArray w = Nd4jTesting.random(9, -1, 1, x.shape());
        Program p = (ops, in, params) -> {
            Tensor a = ops.logSoftmax(in.get("x"), axis);
            Tensor b = composed(ops, in.get("x"), axis);
            Tensor wt = ops.constant(w);
            return Map.of("native", a, "composed", b,
                    "lossNative", ops.sum(ops.mul(a, wt), false), "lossComposed", ops.sum(ops.mul(b, wt), false));
        };
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile(p)) {
            Map<String, HostArray> in = Map.of("x", x);
            RunResult values = program.run(RunRequest.of(in).fetch("native", "composed"), none);
            assertThat(GradientCheck.maxRelativeError(values.output("native"), values.output("composed"))).isLessThan(1e-14);
            HostArray gNative = program.run(RunRequest.of(in).gradientOf("lossNative").inputGradients("x"), none)
                    .inputGradients().get("x");
            HostArray gComposed = program.run(RunRequest.of(in).gradientOf("lossComposed").inputGradients("x"), none)
                    .inputGradients().get("x");
            assertThat(GradientCheck.maxRelativeError(gNative, gComposed)).isLessThan(1e-13);
            HostArray numerical = GradientCheck.numerical(program, none, in, "lossNative", "x", 1e-6);
            assertThat(GradientCheck.maxRelativeError(gNative, numerical)).isLessThan(1e-8);
        }
    }

    @Test
    void lastAxisOfAMatrix() {
        compare(Nd4jTesting.random(1, -3, 3, 4, 5), -1);
    }

    @Test
    void lastAxisOfARank3Tensor() {
        compare(Nd4jTesting.random(2, -3, 3, 2, 3, 4), 2);
    }

    @Test
    void otherAxesFallBackToTheComposition() {
        compare(Nd4jTesting.random(3, -3, 3, 2, 3, 4), 1);
    }
}
