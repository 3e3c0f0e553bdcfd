package org.losslab.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;

/**
 * DJL attaches every op result to its first operand's manager and returns a new handle from every
 * {@code getGradient()}: without per-step managers a training loop leaks arrays on every step. These tests hold
 * the live array count, and the process's resident memory, flat over many steps.
 */
class PytorchMemoryTest {

    @Test
    void liveArraysStayFlatOverAThousandTrainingSteps() {
        try (PytorchEngine engine = (PytorchEngine) Engines.create("pytorch", Precision.FLOAT64);
                ParameterStore params = engine.createParameters(Mlp.parameters(1));
                CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
            Map<String, HostArray> batch = Mlp.batch(2, 256);
            Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-2));
            double first = program.trainStep(batch, params, "loss", adam, Set.of("loss")).get("loss").item();
            // After one step the optimizer state exists; from here on nothing may accumulate.
            int afterFirstStep = engine.liveArrayCount();
            long rssBefore = residentBytes();
            double last = first;
            for (int step = 2; step <= 1000; step++) {
                Map<String, HostArray> out = program.trainStep(batch, params, "loss", adam, Set.of("loss"));
                last = out.get("loss").item();
                if (step % 250 == 0) {
                    assertThat(engine.liveArrayCount()).as("live arrays after step %d", step).isEqualTo(afterFirstStep);
                }
            }
            // Forward-only runs and gradient runs must not leave anything behind either.
            for (int i = 0; i < 100; i++) {
                program.run(RunRequest.of(batch).gradientOf("loss").parameterGradients().fetch("logits"), params);
            }
            assertThat(engine.liveArrayCount()).isEqualTo(afterFirstStep);
            // 6 parameters + their Adam m and v + a few cached constants: nothing per step.
            assertThat(afterFirstStep).isLessThan(40);
            long rssGrowth = residentBytes() - rssBefore;
            // One leaked step of this MLP in float64 is ~0.6 MB; a thousand would be ~600 MB.
            assertThat(rssGrowth).as("resident memory growth").isLessThan(96L << 20);
            assertThat(last).as("training makes progress").isLessThan(first * 0.5);
        }
    }

    @Test
    void closingTheStoreAndEngineReleasesEverything() {
        PytorchEngine engine = (PytorchEngine) Engines.create("pytorch", Precision.FLOAT32);
        int empty = engine.liveArrayCount();
        ParameterStore params = engine.createParameters(Mlp.parameters(3));
        try (CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
            program.trainStep(Mlp.batch(4, 16), params, "loss", Optimizer.create(OptimizerConfig.adam(1e-3)), Set.of());
        }
        assertThat(engine.liveArrayCount()).isGreaterThan(empty);
        params.close();
        // Only engine-wide constants (the cached scalars and the optimizer's coefficient slots) remain.
        assertThat(engine.liveArrayCount()).isLessThan(12);
        engine.close();
    }

    @Test
    void theScalarConstantCacheStaysBounded() {
        try (PytorchEngine engine = (PytorchEngine) Engines.create("pytorch", Precision.FLOAT32);
                ParameterStore none = engine.createParameters(Map.of())) {
            Map<String, HostArray> x = Map.of("x", HostArray.vector(1, 2, 3));
            for (int i = 0; i < 3000; i++) {
                double c = i;
                try (CompiledProgram program = engine.compile((o, in, p) -> Map.of("y", o.mul(in.get("x"), c)))) {
                    assertThat(program.run(RunRequest.of(x).fetch("y"), none).output("y").data()).containsExactly(c, 2 * c, 3 * c);
                }
            }
            assertThat(engine.liveArrayCount()).isLessThan(1100);
        }
    }

    @Test
    void closingAStoreAfterItsEngineIsHarmless() {
        Engine engine = Engines.create("pytorch", Precision.FLOAT32);
        ParameterStore params = engine.createParameters(Mlp.parameters(5));
        engine.close();
        params.close();
    }

    /** Resident set size from /proc (Linux); 0 elsewhere, which makes the check vacuous. */
    private static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
