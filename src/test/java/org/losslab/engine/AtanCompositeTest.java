package org.losslab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Ops#atan}, built from primitives, on both engines: the value against {@link Math#atan} and the gradient
 * against 1/(1 + x²), to 1e-13 relative.
 */
class AtanCompositeTest {
    private static final double[] XS = {-1e6, -37.5, -3, -1, -0.4, -1e-9, 0, 1e-7, 0.0985, 0.5, 1, 2.5, 12, 1e4, 1e12, -1e200};

    static java.util.List<String> engines() {
        return Engines.ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesMathAtanAndItsDerivativeInDouble(String id) {
        try (Engine engine = Engines.create(id, Precision.FLOAT64);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, params) -> {
                    Tensor y = ops.atan(in.get("x"));
                    return Map.of("y", y, "sum", ops.sum(y, false));
                })) {
            RunResult r = program.run(RunRequest.of(Map.of("x", HostArray.vector(XS))).fetch("y")
                    .gradientOf("sum").inputGradients("x"), none);
            double[] y = r.output("y").data();
            double[] dy = r.inputGradients().get("x").data();
            for (int i = 0; i < XS.length; i++) {
                double x = XS[i];
                assertThat(y[i]).as("atan(%s)", x).isCloseTo(Math.atan(x), within(1e-15 * Math.max(1, Math.abs(Math.atan(x)))));
                assertThat(dy[i]).as("atan'(%s)", x).isCloseTo(1 / (1 + x * x), within(1e-13 / (1 + x * x)));
            }
        }
    }
}
