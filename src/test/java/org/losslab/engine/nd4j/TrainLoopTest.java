package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A training loop driven through {@link CompiledProgram#trainStep} reports real losses ({@code sd.fit} in M2.1
 * reports none: a null loss curve and zeros to listeners) and learns.
 */
class TrainLoopTest {

    /** y = 2·x0 - 3·x1 + 0.5, 64 examples. */
    private static Map<String, HostArray> data() {
        HostArray x = Nd4jTesting.random(3, -1, 1, 64, 2);
        double[] y = new double[64];
        for (int i = 0; i < 64; i++) {
            y[i] = 2 * x.get(i, 0) - 3 * x.get(i, 1) + 0.5;
        }
        return Map.of("x", x, "y", HostArray.wrap(y, 64, 1));
    }

    private static final Program REGRESSION = (ops, in, p) -> {
        Tensor pred = ops.add(ops.matmul(in.get("x"), p.get("w")), p.get("b"));
        return Map.of("pred", pred, "loss", ops.mean(ops.square(ops.sub(pred, in.get("y"))), false));
    };

    private static Map<String, HostArray> init() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("w", HostArray.matrix(new double[][] {{0.1}, {-0.1}}));
        m.put("b", HostArray.vector(0.0));
        return m;
    }

    @Test
    void lossesAreRealAndFall() {
        for (OptimizerConfig config : List.of(OptimizerConfig.adam(0.05), OptimizerConfig.sgd(0.1, 0.9))) {
            try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                    ParameterStore params = engine.createParameters(init());
                    CompiledProgram program = engine.compile(REGRESSION)) {
                Optimizer optimizer = Optimizer.create(config);
                List<Double> losses = new ArrayList<>();
                for (int step = 0; step < 300; step++) {
                    losses.add(program.trainStep(data(), params, "loss", optimizer, Set.of("loss")).get("loss").item());
                }
                assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
                assertThat(losses.get(0)).as("%s first loss", config.kind()).isGreaterThan(1.0);
                assertThat(losses.get(299)).as("%s last loss", config.kind()).isLessThan(1e-3);
                for (int i = 50; i < 300; i += 50) {
                    assertThat(losses.get(i)).as("%s loss at %d", config.kind(), i).isLessThan(losses.get(i - 50));
                }
                assertThat(params.get("w").data()[0]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
                assertThat(params.get("w").data()[1]).isCloseTo(-3.0, org.assertj.core.data.Offset.offset(0.05));
                assertThat(params.allFinite()).isTrue();
                assertThat(((Nd4jCompiledProgram) program).traceCount()).as("one trace for one shape").isEqualTo(1);
            }
        }
    }

    @Test
    void fetchedValuesComeFromBeforeTheUpdateAndForwardRunsSeeTheUpdate() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore params = engine.createParameters(init());
                CompiledProgram program = engine.compile(REGRESSION)) {
            Map<String, HostArray> in = data();
            double before = program.run(RunRequest.of(in).fetch("loss"), params).output("loss").item();
            double reported = program.trainStep(in, params, "loss", Optimizer.create(OptimizerConfig.sgd(0.1, 0)), Set.of("loss"))
                    .get("loss").item();
            double after = program.run(RunRequest.of(in).fetch("loss"), params).output("loss").item();
            assertThat(reported).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(after).isLessThan(before);
        }
    }

    @Test
    void aSecondStoreIsBoundInsteadOfTheFirst() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore first = engine.createParameters(init());
                CompiledProgram program = engine.compile(REGRESSION)) {
            Map<String, HostArray> in = data();
            double lossFirst = program.run(RunRequest.of(in).fetch("loss"), first).output("loss").item();
            Map<String, HostArray> exact = new LinkedHashMap<>();
            exact.put("w", HostArray.matrix(new double[][] {{2}, {-3}}));
            exact.put("b", HostArray.vector(0.5));
            try (ParameterStore second = engine.createParameters(exact)) {
                assertThat(program.run(RunRequest.of(in).fetch("loss"), second).output("loss").item()).isLessThan(1e-20);
                var grads = program.run(RunRequest.of(in).gradientOf("loss").parameterGradients(), second)
                        .parameterGradients();
                assertThat(Math.abs(grads.get("w").data()[0]) + Math.abs(grads.get("w").data()[1])).isLessThan(1e-15);
            }
            assertThat(program.run(RunRequest.of(in).fetch("loss"), first).output("loss").item()).isEqualTo(lossFirst);
            // SameDiff's default array holder would have copied the second store's values into the first's arrays
            assertThat(first.toHost()).isEqualTo(init());
        }
    }

    @Test
    void setWritesThroughToCompiledGraphs() {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT64);
                ParameterStore params = engine.createParameters(init());
                CompiledProgram program = engine.compile(REGRESSION)) {
            Map<String, HostArray> in = data();
            program.run(RunRequest.of(in).gradientOf("loss").parameterGradients(), params);
            params.set("w", HostArray.matrix(new double[][] {{2}, {-3}}));
            params.set("b", HostArray.vector(0.5));
            assertThat(program.run(RunRequest.of(in).fetch("loss"), params).output("loss").item()).isLessThan(1e-20);
            assertThat(program.run(RunRequest.of(in).gradientOf("loss"), params).output("loss").item()).isLessThan(1e-20);
        }
    }
}
