package org.losslab.engine.pytorch;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;

/**
 * Median time of one training step of the 2-32-32-3 MLP, batch 256, Adam, after warm-up. Prints, asserts nothing
 * (shared machines make timings unreliable). Run with
 * {@code mvn test -Dtest=PytorchBenchmark -Dlosslab.bench=true}; the result is in the surefire report's output.
 */
@EnabledIfSystemProperty(named = "losslab.bench", matches = "true")
class PytorchBenchmark {

    @Test
    void mlpTrainingStep() {
        for (Precision precision : Precision.values()) {
            try (Engine engine = Engines.create("pytorch", precision);
                    ParameterStore params = engine.createParameters(Mlp.parameters(1));
                    CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
                Map<String, HostArray> batch = Mlp.batch(2, 256);
                Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-3));
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int round = 0; round < 3; round++) {
                    int steps = 3000;
                    long[] wall = new long[steps];
                    long[] cpu = new long[steps];
                    for (int i = 0; i < steps; i++) {
                        long c0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        program.trainStep(batch, params, "loss", adam, Set.of());
                        wall[i] = System.nanoTime() - t0;
                        cpu[i] = threads.getCurrentThreadCpuTime() - c0;
                    }
                    Arrays.sort(wall);
                    Arrays.sort(cpu);
                    System.out.printf("%s round %d: median %.3f ms/step wall (p10 %.3f, p90 %.3f), %.3f ms calling-thread CPU; %s%n",
                            precision, round, wall[steps / 2] / 1e6, wall[steps / 10] / 1e6, wall[steps * 9 / 10] / 1e6,
                            cpu[steps / 2] / 1e6, engine.device().description());
                }
            }
        }
    }
}
