package org.losslab.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.param.ParamValues;

/** The CA calibrator's network on both engines: the clamp to [0.1, 10], its start at T ≈ 1, and its gradients. */
class TemperatureNetTest {

    static List<String> engines() {
        return Engines.ids();
    }

    /** h = relu(φ₀, φ₁); T = h₀ − h₁ + 0.05 before the clamp. */
    private static Map<String, HostArray> handPicked() {
        Map<String, HostArray> p = new LinkedHashMap<>();
        p.put("ca.hidden.w", HostArray.matrix(new double[][] {{1, 0}, {0, 1}, {0, 0}}));
        p.put("ca.hidden.b", HostArray.vector(0, 0));
        p.put("ca.out.w", HostArray.matrix(new double[][] {{1}, {-1}}));
        p.put("ca.out.b", HostArray.vector(0.05));
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void temperaturesAreClampedToTheRange(String engine) {
        HostArray phi = HostArray.matrix(new double[][] {
            {100, 0, 0}, {0, 100, 0}, {2, 0, 0}, {0, 0, 7}, {0, 1.5, 0}, {9.9, 0, 0}});
        try (Engine e = Engines.create(engine, Precision.FLOAT64)) {
            double[] t = CaCalibrator.temperatures(e, new TemperatureNet(3, 2), handPicked(), phi);
            assertThat(t).containsExactly(new double[] {10, 0.1, 2.05, 0.1, 0.1, 9.95}, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void startsAtTheUncalibratedClassifier(String engine) {
        TemperatureNet net = new TemperatureNet(12, 32);
        Random rng = new Random(5);
        double[] phi = new double[50 * 12];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextDouble();
        }
        try (Engine e = Engines.create(engine, Precision.FLOAT64)) {
            double[] t = CaCalibrator.temperatures(e, net, net.initialParameters(new Random(1)),
                    HostArray.wrap(phi, 50, 12));
            for (double v : t) {
                assertThat(v).isBetween(0.8, 1.2);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void trainingGradientMatchesFiniteDifferences(String engine) {
        TemperatureNet net = new TemperatureNet(6, 4);
        Random rng = new Random(9);
        int n = 8;
        double[] phi = new double[n * 6];
        double[] logits = new double[n * 3];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                phi[i * 6 + j] = rng.nextDouble();
            }
            for (int k = 0; k < 3; k++) {
                logits[i * 3 + k] = 4 * rng.nextGaussian();
            }
            labels[i] = rng.nextInt(3);
        }
        Map<String, HostArray> params = net.initialParameters(new Random(2));
        // a larger output scale so T varies across the batch (still inside the clamp)
        double[] w = params.get("ca.out.w").data().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 4;
        }
        params.put("ca.out.w", HostArray.wrap(w, 4, 1));
        LossFunction loss = LossCatalog.get().byId("ca-calibration");
        ParamValues none = ParamValues.defaults("ca-calibration", loss.spec().params());
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("phi", HostArray.wrap(phi, n, 6));
        inputs.put("logits", HostArray.wrap(logits, n, 3));
        inputs.put("labels", HostArray.wrap(labels, n));
        inputs.putAll(loss.prepare(inputs, none));
        try (Engine e = Engines.create(engine, Precision.FLOAT64);
                ParameterStore store = e.createParameters(params);
                CompiledProgram program = e.compile(CaCalibrator.trainingProgram(net, loss, none))) {
            var result = program.run(RunRequest.of(inputs).gradientOf("loss").parameterGradients().fetch("temperature"),
                    store);
            for (double t : result.output("temperature").data()) {
                assertThat(t).isStrictlyBetween(TemperatureNet.MIN_T, TemperatureNet.MAX_T);
            }
            for (String name : params.keySet()) {
                HostArray numeric = GradientCheck.numericalForParameter(program, store, inputs, "loss", name, 1e-6);
                assertThat(GradientCheck.maxRelativeError(result.parameterGradients().get(name), numeric))
                        .as("%s on %s", name, engine).isLessThan(1e-6);
            }
        }
    }
}
