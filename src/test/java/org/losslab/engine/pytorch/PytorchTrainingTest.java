package org.losslab.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.losslab.engine.Buffer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;

/** Gradients, their zeroing between steps, and the seam's optimizers running over this engine's buffers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class PytorchTrainingTest {
    private Engine engine;

    @BeforeAll
    void start() {
        engine = Engines.create("pytorch", Precision.FLOAT64);
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    /** Σ (p - c)², gradient 2(p - c). */
    private static final Program QUADRATIC = (o, in, p) ->
            Map.of("loss", o.sum(o.square(o.sub(p.get("p"), in.get("c"))), false));

    private static final double[] START = {1.0, -2.0, 0.25};
    private static final double[] CENTRE = {0.5, 0.5, 0.5};

    private static Map<String, HostArray> centre() {
        return Map.of("c", HostArray.vector(CENTRE));
    }

    /** An optimizer that records the gradients it is given and leaves the parameters alone. */
    private static final class Recorder extends Optimizer {
        final List<HostArray> seen = new ArrayList<>();

        Recorder() {
            super(1.0);
        }

        @Override
        protected void update(String name, Buffer param, Buffer grad, long t) {
            seen.add(grad.toHost());
        }
    }

    @Test
    void twoIdenticalTrainingStepsSeeIdenticalGradients() {
        try (ParameterStore params = engine.createParameters(Mlp.parameters(5));
                CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
            Map<String, HostArray> batch = Mlp.batch(6, 64);
            Recorder recorder = new Recorder();
            program.trainStep(batch, params, "loss", recorder, Set.of());
            program.trainStep(batch, params, "loss", recorder, Set.of());
            int n = params.names().size();
            assertThat(recorder.seen).hasSize(2 * n);
            for (int i = 0; i < n; i++) {
                // Accumulated gradients would make the second step's exactly twice the first's.
                assertThat(recorder.seen.get(n + i)).isEqualTo(recorder.seen.get(i));
                assertThat(recorder.seen.get(i).allFinite()).isTrue();
            }
        }
    }

    @Test
    void runGradientsAreZeroedToo() {
        try (ParameterStore params = engine.createParameters(Mlp.parameters(7));
                CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
            RunRequest request = RunRequest.of(Mlp.batch(8, 32)).gradientOf("loss").parameterGradients();
            RunResult first = program.run(request, params);
            RunResult second = program.run(RunRequest.of(Mlp.batch(8, 32)).gradientOf("loss").parameterGradients(), params);
            assertThat(second.parameterGradients()).isEqualTo(first.parameterGradients());
            // ...and a training step after gradient runs starts from zero as well.
            Recorder recorder = new Recorder();
            program.trainStep(Mlp.batch(8, 32), params, "loss", recorder, Set.of());
            assertThat(recorder.seen.get(0)).isEqualTo(first.parameterGradients().get("w1"));
        }
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        try (ParameterStore params = engine.createParameters(Mlp.parameters(9));
                CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
            Map<String, HostArray> batch = Mlp.batch(10, 8);
            RunResult r = program.run(RunRequest.of(batch).gradientOf("loss").parameterGradients(), params);
            for (String name : List.of("w1", "b1", "w3", "b3")) {
                HostArray numerical = GradientCheck.numericalForParameter(program, params, batch, "loss", name, 1e-6);
                assertThat(GradientCheck.maxRelativeError(r.parameterGradients().get(name), numerical))
                        .as("d loss / d %s", name).isLessThan(1e-7);
            }
        }
    }

    /**
     * torch.optim.Adam (PyTorch 2.x, default arguments but lr), step by step:
     * m ← β1·m + (1-β1)·g; v ← β2·v + (1-β2)·g²; p ← p − lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε).
     */
    @Test
    void adamMatchesTorchOptimAdamForThreeSteps() {
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] p = START.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        List<double[]> expected = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = 2 * (p[i] - CENTRE[i]);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double stepSize = lr / (1 - Math.pow(b1, t));
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= stepSize * m[i] / denom;
            }
            expected.add(p.clone());
        }
        // The first Adam step moves every coordinate by lr against the sign of its gradient (up to ε).
        assertThat(expected.get(0)[0]).isCloseTo(0.9, within(1e-7));
        assertThat(expected.get(0)[1]).isCloseTo(-1.9, within(1e-7));
        assertThat(expected.get(0)[2]).isCloseTo(0.35, within(1e-7));

        try (ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(START)));
                CompiledProgram program = engine.compile(QUADRATIC)) {
            Optimizer adam = Optimizer.create(OptimizerConfig.adam(lr));
            for (int t = 0; t < 3; t++) {
                program.trainStep(centre(), params, "loss", adam, Set.of());
                double[] actual = params.get("p").data();
                for (int i = 0; i < actual.length; i++) {
                    assertThat(actual[i]).as("step %d, p[%d]", t + 1, i)
                            .isCloseTo(expected.get(t)[i], within(1e-12));
                }
            }
        }
    }

    /** torch.optim.SGD with momentum μ: b ← μ·b + g (b = g at the first step); p ← p − lr·b. */
    @Test
    void sgdWithMomentumMatchesTorchOptimSgd() {
        double lr = 0.05;
        double mu = 0.9;
        double[] p = START.clone();
        double[] b = new double[p.length];
        try (ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(START)));
                CompiledProgram program = engine.compile(QUADRATIC)) {
            Optimizer sgd = Optimizer.create(OptimizerConfig.sgd(lr, mu));
            for (int t = 1; t <= 3; t++) {
                for (int i = 0; i < p.length; i++) {
                    double g = 2 * (p[i] - CENTRE[i]);
                    b[i] = t == 1 ? g : mu * b[i] + g;
                    p[i] -= lr * b[i];
                }
                program.trainStep(centre(), params, "loss", sgd, Set.of());
                assertThat(params.get("p").data()).containsExactly(p, within(1e-13));
            }
        }
    }

    /** The seam's Adam, copied: the engine does not recognise it, so it gets one buffer per parameter. */
    private static final class PerParameterAdam extends Optimizer {
        private final double beta1 = 0.9;
        private final double beta2 = 0.999;
        private final double epsilon = 1e-8;
        private final double weightDecay;
        private final boolean decoupled;

        PerParameterAdam(double lr, double weightDecay, boolean decoupled) {
            super(lr);
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override
        protected void update(String name, Buffer param, Buffer grad, long t) {
            if (weightDecay != 0) {
                if (decoupled) {
                    param.scale(1 - learningRate() * weightDecay);
                } else {
                    grad.addScaled(param, weightDecay);
                }
            }
            Buffer m = state(name, "m", param);
            Buffer v = state(name, "v", param);
            m.scale(beta1);
            m.addScaled(grad, 1 - beta1);
            v.scale(beta2);
            v.addScaledSquare(grad, 1 - beta2);
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            param.addScaledRatio(m, v, -learningRate() / bc1, 1 / Math.sqrt(bc2), epsilon);
        }
    }

    @Test
    void packedUpdateOfAllParametersEqualsTheUpdatePerParameter() {
        Map<String, HostArray> batch = Mlp.batch(13, 64);
        for (Precision precision : Precision.values()) {
            for (boolean decoupled : new boolean[] {false, true}) {
                Map<String, HostArray>[] results = new Map[2];
                for (int path = 0; path < 2; path++) {
                    try (Engine e = Engines.create("pytorch", precision);
                            ParameterStore params = e.createParameters(Mlp.parameters(14));
                            CompiledProgram program = e.compile(Mlp.PROGRAM)) {
                        Optimizer optimizer = path == 0
                                ? Optimizer.create(decoupled ? OptimizerConfig.adamW(1e-2, 0.1)
                                        : new OptimizerConfig(OptimizerConfig.Kind.ADAM, 1e-2, 0.9, 0.999, 1e-8, 0, 0.1))
                                : new PerParameterAdam(1e-2, 0.1, decoupled);
                        for (int i = 0; i < 30; i++) {
                            program.trainStep(batch, params, "loss", optimizer, Set.of());
                        }
                        results[path] = params.toHost();
                    }
                }
                assertThat(results[0]).as("%s, decoupled %s", precision, decoupled).isEqualTo(results[1]);
            }
        }
    }

    @Test
    void theSeamsOptimizersTakeThePackedPath() {
        assertThat(PtCompiledProgram.ELEMENTWISE).contains(
                Optimizer.create(OptimizerConfig.adam(0.1)).getClass().getName(),
                Optimizer.create(OptimizerConfig.adamW(0.1, 0.01)).getClass().getName(),
                Optimizer.create(OptimizerConfig.sgd(0.1, 0.9)).getClass().getName());
        assertThat(PtCompiledProgram.ELEMENTWISE).doesNotContain(new Recorder().getClass().getName());
    }

    @Test
    void trainStepFetchesValuesComputedBeforeTheUpdate() {
        try (ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(START)));
                CompiledProgram program = engine.compile(QUADRATIC)) {
            double before = 0;
            for (int i = 0; i < START.length; i++) {
                before += (START[i] - CENTRE[i]) * (START[i] - CENTRE[i]);
            }
            Map<String, HostArray> out = program.trainStep(
                    centre(), params, "loss", Optimizer.create(OptimizerConfig.sgd(0.1, 0)), Set.of("loss"));
            assertThat(out.get("loss").item()).isCloseTo(before, within(1e-12));
            assertThat(params.get("p").data()[0]).isCloseTo(START[0] - 0.1 * 2 * (START[0] - CENTRE[0]), within(1e-12));
        }
    }

    @Test
    void buffersUpdateInPlaceWithTheStatedArithmetic() {
        double[] p0 = {1.5, -2.0, 0.5, 4.0};
        double[] x0 = {0.25, 3.0, -1.0, 2.0};
        double[] d0 = {4.0, 0.25, 9.0, 1.0};
        Map<String, HostArray> init = new LinkedHashMap<>();
        init.put("p", HostArray.vector(p0));
        init.put("x", HostArray.vector(x0));
        init.put("d", HostArray.vector(d0));
        try (ParameterStore params = engine.createParameters(init)) {
            Buffer p = params.buffer("p");
            Buffer x = params.buffer("x");
            Buffer d = params.buffer("d");
            double[] e = p0.clone();
            p.scale(0.5);
            p.addScaled(x, -2.0);
            p.addScaledSquare(x, 0.1);
            p.addScaledRatio(x, d, 0.3, 2.0, 1e-3);
            for (int i = 0; i < e.length; i++) {
                e[i] *= 0.5;
                e[i] += -2.0 * x0[i];
                e[i] += 0.1 * x0[i] * x0[i];
                e[i] += 0.3 * x0[i] / (Math.sqrt(d0[i]) * 2.0 + 1e-3);
            }
            assertThat(p.toHost().data()).containsExactly(e, within(1e-14));
            assertThat(params.get("p").data()).containsExactly(e, within(1e-14));
            Buffer z = p.zerosLike();
            assertThat(z.shape()).containsExactly(4);
            assertThat(z.toHost().data()).containsOnly(0.0);
            z.assign(x);
            assertThat(z.toHost().data()).containsExactly(x0);
            z.scale(2);
            assertThat(x.toHost().data()).as("assign copies, it does not alias").containsExactly(x0);
        }
    }

    @Test
    void parameterBuffersCanBeUpdatedFromAnyThread() throws Exception {
        // libtorch's grad mode is on by default in a new thread, where in-place updates of parameters would fail.
        try (ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(1, 2)))) {
            Thread worker = new Thread(() -> {
                params.buffer("p").scale(3);
                params.buffer("p").addScaled(params.buffer("p"), 1);
            });
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            worker.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            worker.start();
            worker.join();
            assertThat(failure.get()).isNull();
            assertThat(params.get("p").data()).containsExactly(6, 12);
        }
    }

    @Test
    void aParameterTheLossDoesNotUseGetsAZeroGradient() {
        Program partial = (o, in, p) -> Map.of("loss", o.sum(o.square(p.get("used")), false));
        Map<String, HostArray> init = new LinkedHashMap<>();
        init.put("used", HostArray.vector(1, 2));
        init.put("unused", HostArray.vector(3, 4));
        try (ParameterStore params = engine.createParameters(init); CompiledProgram program = engine.compile(partial)) {
            RunResult r = program.run(RunRequest.of(Map.of()).gradientOf("loss").parameterGradients(), params);
            assertThat(r.parameterGradients().get("used").data()).containsExactly(2, 4);
            assertThat(r.parameterGradients().get("unused").data()).containsExactly(0, 0);
            Recorder recorder = new Recorder();
            program.trainStep(Map.of(), params, "loss", recorder, Set.of());
            assertThat(recorder.seen.get(1).data()).containsExactly(0, 0);
        }
    }

    @Test
    void enginesOnTwoThreadsTrainIndependently() throws Exception {
        Map<String, HostArray> batch = Mlp.batch(11, 64);
        java.util.concurrent.Callable<Map<String, HostArray>> training = () -> {
            try (Engine e = Engines.create("pytorch", Precision.FLOAT64);
                    ParameterStore params = e.createParameters(Mlp.parameters(12));
                    CompiledProgram program = e.compile(Mlp.PROGRAM)) {
                Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-2));
                for (int i = 0; i < 50; i++) {
                    program.trainStep(batch, params, "loss", adam, Set.of());
                }
                return params.toHost();
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(training);
            var b = pool.submit(training);
            Map<String, HostArray> first = a.get();
            assertThat(b.get()).isEqualTo(first);
            assertThat(training.call()).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentiatingANonScalarOrAMissingOutputIsRejectedByName() {
        Program program = (o, in, p) -> {
            Tensor v = o.mul(p.get("p"), in.get("c"));
            return Map.of("vector", v, "loss", o.sum(v, false));
        };
        try (ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(START)));
                CompiledProgram compiled = engine.compile(program)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.run(
                            RunRequest.of(centre()).gradientOf("vector").parameterGradients(), params))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vector").hasMessageContaining("rank 0");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.run(RunRequest.of(centre()).fetch("nope"), params))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("loss");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.trainStep(
                            centre(), params, "missing", Optimizer.create(OptimizerConfig.adam(0.1)), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
            // The failed calls left no gradient behind.
            RunResult r = compiled.run(RunRequest.of(centre()).gradientOf("loss").parameterGradients(), params);
            assertThat(r.parameterGradients().get("p").data()).containsExactly(CENTRE);
        }
    }
}
