package org.losslab.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.cuda.CudaUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.DeviceInfo;
import org.losslab.engine.Engine;
import org.losslab.engine.EngineProvider;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;

/** Registration, device, precision and parameter storage. */
class PytorchEngineTest {

    @Test
    void isRegisteredAsAServiceAndConfiguresDjlForOfflineUse() {
        assertThat(Engines.ids()).contains("pytorch");
        EngineProvider provider = Engines.provider("pytorch");
        assertThat(provider).isInstanceOf(PytorchEngineProvider.class);
        assertThat(provider.description()).contains("PyTorch");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isNotNull();
        assertThat(System.getProperty("ai.djl.pytorch.num_interop_threads")).isNotNull();
        try (Engine engine = provider.create(Precision.FLOAT32)) {
            assertThat(engine.id()).isEqualTo("pytorch");
            assertThat(engine.precision()).isEqualTo(Precision.FLOAT32);
        }
    }

    @Test
    void djlSettingsAreDefaultsThatTheCommandLineOverrides() {
        String key = "ai.djl.pytorch.num_interop_threads";
        String old = System.getProperty(key);
        try {
            System.clearProperty(key);
            PytorchEngineProvider.configureDjl();
            assertThat(System.getProperty(key)).isEqualTo("1");
            System.setProperty(key, "3");
            PytorchEngineProvider.configureDjl();
            assertThat(System.getProperty(key)).isEqualTo("3");
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void onAMachineWithoutAGpuTheDeviceSaysCpuAndWhy() {
        assumeTrue(CudaUtils.getGpuCount() == 0, "a CUDA GPU is present");
        try (Engine engine = Engines.create("pytorch", Precision.FLOAT64)) {
            DeviceInfo d = engine.device();
            assertThat(d.engine()).isEqualTo("pytorch");
            assertThat(d.gpu()).isFalse();
            assertThat(d.device()).isEqualTo("cpu");
            assertThat(d.description()).contains("no CUDA device found").contains("CPU");
        }
    }

    @Test
    void cpuCanBeForced() {
        String old = System.getProperty(PytorchEngine.DEVICE_PROPERTY);
        System.setProperty(PytorchEngine.DEVICE_PROPERTY, "cpu");
        try (Engine engine = Engines.create("pytorch", Precision.FLOAT32)) {
            assertThat(engine.device().gpu()).isFalse();
            assertThat(engine.device().description()).contains("requested").contains("CPU");
        } finally {
            if (old == null) {
                System.clearProperty(PytorchEngine.DEVICE_PROPERTY);
            } else {
                System.setProperty(PytorchEngine.DEVICE_PROPERTY, old);
            }
        }
    }

    @Test
    void parametersRoundTripExactly() {
        Map<String, HostArray> init = Mlp.parameters(21);
        init.put("scalar", HostArray.scalar(0.1 + 0.2));
        try (Engine engine = Engines.create("pytorch", Precision.FLOAT64);
                ParameterStore params = engine.createParameters(init)) {
            assertThat(params.names()).containsExactlyElementsOf(init.keySet());
            assertThat(params.shape("w2")).containsExactly(32, 32);
            assertThat(params.shape("scalar")).isEmpty();
            assertThat(params.count()).isEqualTo(2 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3 + 1);
            for (String name : init.keySet()) {
                assertThat(params.get(name)).as(name).isEqualTo(init.get(name));
            }
            assertThat(params.toHost()).isEqualTo(init);
            assertThat(List.copyOf(params.toHost().keySet())).containsExactlyElementsOf(init.keySet());

            HostArray replacement = Mlp.gaussian(new java.util.Random(22), 1.0, 2, 32);
            params.set("w1", replacement);
            assertThat(params.get("w1")).isEqualTo(replacement);
            params.set("scalar", HostArray.scalar(-7.25));
            assertThat(params.get("scalar").item()).isEqualTo(-7.25);
            assertThat(params.allFinite()).isTrue();

            params.load(Map.of("b1", HostArray.zeros(32)));
            assertThat(params.get("b1")).isEqualTo(HostArray.zeros(32));

            assertThatThrownBy(() -> params.set("w1", HostArray.zeros(32, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w1").hasMessageContaining("[2, 32]");
            assertThatThrownBy(() -> params.get("nope"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("w1");

            double[] nan = new double[32];
            nan[3] = Double.NaN;
            params.set("b2", HostArray.wrap(nan, 32));
            assertThat(params.allFinite()).isFalse();
        }
    }

    @Test
    void setParametersStayTrainable() {
        try (Engine engine = Engines.create("pytorch", Precision.FLOAT64);
                ParameterStore params = engine.createParameters(Map.of("p", HostArray.vector(1, 1)));
                CompiledProgram program = engine.compile((o, in, p) -> Map.of("loss", o.sum(o.square(p.get("p")), false)))) {
            Optimizer sgd = Optimizer.create(OptimizerConfig.sgd(0.25, 0));
            program.trainStep(Map.of(), params, "loss", sgd, Set.of());
            assertThat(params.get("p").data()).containsExactly(0.5, 0.5);
            params.set("p", HostArray.vector(3, -1));
            RunResult r = program.run(RunRequest.of(Map.of()).gradientOf("loss").parameterGradients(), params);
            assertThat(r.parameterGradients().get("p").data()).containsExactly(6, -2);
            program.trainStep(Map.of(), params, "loss", sgd, Set.of());
            assertThat(params.get("p").data()).containsExactly(1.5, -0.5);
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Map<String, HostArray> init = Mlp.parameters(31);
        Map<String, HostArray> batch = Mlp.batch(32, 128);
        Map<Precision, RunResult> results = new LinkedHashMap<>();
        Map<Precision, Map<String, HostArray>> trained = new LinkedHashMap<>();
        for (Precision precision : Precision.values()) {
            try (Engine engine = Engines.create("pytorch", precision);
                    ParameterStore params = engine.createParameters(init);
                    CompiledProgram program = engine.compile(Mlp.PROGRAM)) {
                results.put(precision, program.run(
                        RunRequest.of(batch).gradientOf("loss").parameterGradients().fetch("logits"), params));
                Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-3));
                for (int i = 0; i < 20; i++) {
                    program.trainStep(batch, params, "loss", adam, Set.of());
                }
                trained.put(precision, params.toHost());
            }
        }
        RunResult f32 = results.get(Precision.FLOAT32);
        RunResult f64 = results.get(Precision.FLOAT64);
        assertThat(GradientCheck.maxRelativeError(f32.output("loss"), f64.output("loss"))).isLessThan(1e-6);
        assertThat(GradientCheck.maxRelativeError(f32.output("logits"), f64.output("logits"))).isLessThan(1e-5);
        for (String name : init.keySet()) {
            assertThat(GradientCheck.maxRelativeError(f32.parameterGradients().get(name), f64.parameterGradients().get(name)))
                    .as("gradient of %s", name).isLessThan(1e-5);
            assertThat(GradientCheck.maxRelativeError(
                            trained.get(Precision.FLOAT32).get(name), trained.get(Precision.FLOAT64).get(name)))
                    .as("%s after 20 Adam steps", name).isLessThan(1e-4);
        }
    }

    @Test
    void storesAndProgramsOfAnotherEngineAreRejected() {
        try (Engine a = Engines.create("pytorch", Precision.FLOAT64);
                Engine b = Engines.create("pytorch", Precision.FLOAT64);
                ParameterStore foreign = b.createParameters(Map.of());
                CompiledProgram program = a.compile((o, in, p) -> Map.of("one", o.scalar(1)))) {
            assertThatThrownBy(() -> program.run(RunRequest.of(Map.of()).fetch("one"), foreign))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same pytorch engine");
        }
    }

    @Test
    void aClosedEngineSaysSo() {
        Engine engine = Engines.create("pytorch", Precision.FLOAT32);
        engine.close();
        assertThatThrownBy(() -> engine.createParameters(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        engine.close();
    }
}
