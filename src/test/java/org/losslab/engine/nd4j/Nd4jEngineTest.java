package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Registration, device, and the plumbing around traces. */
class Nd4jEngineTest {

    @Test
    void isFoundByIdAndSaysItRunsOnTheCpu() {
        assertThat(Engines.ids()).contains("nd4j");
        try (Engine engine = Engines.create("nd4j", Precision.FLOAT32)) {
            assertThat(engine.id()).isEqualTo("nd4j");
            assertThat(engine.precision()).isEqualTo(Precision.FLOAT32);
            assertThat(engine.device().gpu()).isFalse();
            assertThat(engine.device().device()).isEqualTo("cpu");
            assertThat(engine.device().description()).containsIgnoringCase("CPU");
        }
    }

    @Test
    void splitsNoOpAcrossThreadsUnlessAskedTo() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32)) {
            int expected = Integer.getInteger(Nd4jRuntime.THREADS_PROPERTY, 1);
            assertThat(org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(expected);
        }
    }

    @Test
    void stopGradientPassesNoGradient() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64)) {
            RunResult r = Nd4jTesting.valueAndGradient(engine,
                    (ops, in, p) -> Map.of("loss", ops.sum(ops.mul(ops.stopGradient(in.get("a")), in.get("a")), false)),
                    GradientCheck.inputs("a", HostArray.vector(1, -2, 3)), "loss", "a");
            assertThat(r.output("loss").item()).isEqualTo(14.0);
            assertThat(r.inputGradients().get("a").data()).containsExactly(1, -2, 3); // not 2a
        }
    }

    @Test
    void outputsMayBeInputsParametersConstantsOrNamedTwice() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(4, 5)));
                CompiledProgram program = engine.compile((ops, in, p) -> {
                    Tensor s = ops.sum(in.get("x"), false);
                    return Map.of("x", in.get("x"), "p", p.get("p"), "c", ops.scalar(7), "s", s, "s2", s);
                })) {
            RunResult r = program.run(RunRequest.of(Map.of("x", HostArray.vector(1, 2))).fetch("x", "p", "c", "s", "s2"), params);
            assertThat(r.output("x").data()).containsExactly(1, 2);
            assertThat(r.output("p").data()).containsExactly(4, 5);
            assertThat(r.output("c").shape()).isEmpty();
            assertThat(r.output("c").item()).isEqualTo(7);
            assertThat(r.output("s").item()).isEqualTo(3);
            assertThat(r.output("s2").item()).isEqualTo(3);
        }
    }

    @Test
    void newShapesTraceOnceEach() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, p) -> Map.of("s", ops.sum(ops.square(in.get("x")), false)))) {
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(program.run(RunRequest.of(Map.of("x", HostArray.vector(1, 2))).fetch("s"), none).output("s").item())
                        .isEqualTo(5);
                assertThat(program.run(RunRequest.of(Map.of("x", HostArray.vector(1, 2, 3))).fetch("s"), none).output("s").item())
                        .isEqualTo(14);
            }
            assertThat(((Nd4jCompiledProgram) program).traceCount()).isEqualTo(2);
        }
    }

    @Test
    void mistakesAreReportedByName() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                ParameterStore none = engine.createParameters(Map.of());
                CompiledProgram program = engine.compile((ops, in, p) -> Map.of("v", ops.mul(in.get("x"), 2.0)))) {
            Map<String, HostArray> in = Map.of("x", HostArray.vector(1, 2));
            assertThatThrownBy(() -> program.run(RunRequest.of(in).fetch("nope"), none))
                    .hasMessageContaining("nope").hasMessageContaining("v");
            assertThatThrownBy(() -> program.run(RunRequest.of(in).gradientOf("v").inputGradients("x"), none))
                    .hasMessageContaining("scalar");
            assertThatThrownBy(() -> program.run(RunRequest.of(in).gradientOf("v").inputGradients("y"), none))
                    .hasMessageContaining("'y'");
        }
    }
}
