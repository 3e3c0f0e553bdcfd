package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
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
import org.junit.jupiter.api.Test;

/** FLOAT32 and FLOAT64 engines compute the same values and gradients, up to float rounding. */
class PrecisionAgreementTest {

    /** A small CNN + MLP with cross-entropy: conv, pooling, matmul, relu, softplus, log-softmax, gather. */
    private static final Program MODEL = (ops, in, p) -> {
        Tensor h = ops.relu(ops.conv2d(in.get("x"), p.get("k"), p.get("kb"), 1, 1)); // [4,3,6,6]
        h = ops.maxPool2d(h, 2, 2); // [4,3,3,3]
        h = ops.reshape(h, 4, 27);
        Tensor z = ops.add(ops.matmul(ops.softplus(h), p.get("w")), p.get("b")); // [4,5]
        Tensor ce = ops.neg(ops.rowDot(ops.logSoftmax(z, -1), ops.oneHot(in.get("y"), 5)));
        Tensor loss = ops.add(ops.mean(ce, false), ops.mean(ops.gather(z, in.get("y"), 1), false));
        return Map.of("z", z, "loss", loss);
    };

    private static Map<String, HostArray> params() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("k", Nd4jTesting.random(1, -0.5, 0.5, 3, 2, 3, 3));
        m.put("kb", Nd4jTesting.random(2, -0.1, 0.1, 3));
        m.put("w", Nd4jTesting.random(3, -0.5, 0.5, 27, 5));
        m.put("b", Nd4jTesting.random(4, -0.1, 0.1, 5));
        return m;
    }

    private static RunResult run(Precision precision, Map<String, HostArray> inputs) {
        try (Engine engine = Nd4jTesting.engine(precision);
                ParameterStore store = engine.createParameters(params());
                CompiledProgram program = engine.compile(MODEL)) {
            return program.run(RunRequest.of(inputs).fetch("z").gradientOf("loss").parameterGradients()
                    .inputGradients("x"), store);
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Map<String, HostArray> inputs = GradientCheck.inputs(
                "x", Nd4jTesting.random(5, -1, 1, 4, 2, 6, 6), "y", HostArray.vector(0, 4, 2, 2));
        RunResult single = run(Precision.FLOAT32, inputs);
        RunResult dbl = run(Precision.FLOAT64, inputs);

        assertThat(single.output("z").shape()).containsExactly(4, 5);
        assertThat(single.output("loss").shape()).isEmpty();
        assertThat(GradientCheck.maxRelativeError(single.output("z"), dbl.output("z"))).isLessThan(1e-5);
        assertThat(GradientCheck.maxRelativeError(single.output("loss"), dbl.output("loss"))).isLessThan(1e-5);
        for (String name : params().keySet()) {
            assertThat(GradientCheck.maxRelativeError(single.parameterGradients().get(name), dbl.parameterGradients().get(name)))
                    .as("d loss / d %s", name).isLessThan(1e-5);
        }
        assertThat(GradientCheck.maxRelativeError(single.inputGradients().get("x"), dbl.inputGradients().get("x")))
                .isLessThan(1e-5);
        // and the float64 gradient is the true one
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore store = engine.createParameters(params());
                CompiledProgram program = engine.compile(MODEL)) {
            HostArray numerical = GradientCheck.numericalForParameter(program, store, inputs, "loss", "w", 1e-6);
            assertThat(GradientCheck.maxRelativeError(dbl.parameterGradients().get("w"), numerical)).isLessThan(1e-7);
        }
    }

    @Test
    void softplusIsStableForLargeInputsInFloat32() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, p) -> {
                    Tensor s = ops.softplus(in.get("a"));
                    return Map.of("s", s, "loss", ops.sum(s, false));
                })) {
            RunResult r = program.run(RunRequest.of(Map.of("a", HostArray.vector(-200, 0, 200, 1000))).fetch("s").gradientOf("loss")
                    .inputGradients("a"), none);
            assertThat(r.output("s").data()[0]).isBetween(0.0, 1e-30);
            assertThat(r.output("s").data()[1]).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(r.output("s").data()[2]).isEqualTo(200.0);
            assertThat(r.output("s").data()[3]).isEqualTo(1000.0);
            assertThat(r.inputGradients().get("a").data()).containsExactly(0.0, 0.5, 1.0, 1.0);
        }
    }
}
