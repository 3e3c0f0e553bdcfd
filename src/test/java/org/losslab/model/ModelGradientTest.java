package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.loss.WeightedLoss;
import org.losslab.train.TrainingRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both models on both engines, in double precision: cross-entropy and its gradient w.r.t. every parameter agree
 * across engines to 1e-6 relative, and match central finite differences.
 */
class ModelGradientTest {

    static Model mlp(String activation, double dropout) {
        return new Mlp(new int[] {2}, 2, 6, activation, dropout, 3);
    }

    static Model cnn() {
        return new SmallCnn(new int[] {1, 8, 8}, 2, 3, "tanh", 4);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("MLP relu", mlp("relu", 0)),
                Arguments.of("MLP tanh with dropout", mlp("tanh", 0.3)),
                Arguments.of("MLP gelu", mlp("gelu", 0)),
                Arguments.of("CNN", cnn()),
                Arguments.of("CNN relu", new SmallCnn(new int[] {1, 8, 8}, 2, 3, "relu", 4)));
    }

    static Map<String, HostArray> inputs(Model model, int batch, long seed) {
        Random r = new Random(seed);
        int[] shape = model.inputShape();
        int[] xShape = new int[shape.length + 1];
        xShape[0] = batch;
        System.arraycopy(shape, 0, xShape, 1, shape.length);
        HostArray zeros = HostArray.zeros(xShape);
        double[] x = new double[zeros.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(model.outputs());
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("x", HostArray.wrap(x, xShape));
        in.put("labels", HostArray.wrap(y, batch));
        in.putAll(model.sampleNoise(batch, new Random(seed + 1), true));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientsAgreeAcrossEnginesAndWithFiniteDifferences(String label, Model model) {
        Map<String, HostArray> in = inputs(model, 5, 3);
        Map<String, HostArray> initial = model.initialParameters(new Random(4));
        List<RunResult> results = new ArrayList<>();
        for (String id : Engines.ids()) {
            try (Engine engine = Engines.create(id, Precision.FLOAT64);
                    ParameterStore params = engine.createParameters(initial);
                    CompiledProgram program = engine.compile(TrainingRun.program(model, WeightedLoss.of("cross-entropy")))) {
                RunResult r = program.run(RunRequest.of(in).gradientOf("loss").parameterGradients(), params);
                results.add(r);
                for (String name : model.parameterShapes().keySet()) {
                    HostArray numeric = GradientCheck.numericalForParameter(program, params, in, "loss", name, 1e-6);
                    assertThat(GradientCheck.maxRelativeError(r.parameterGradients().get(name), numeric))
                            .as("%s on %s: d loss / d %s", label, id, name)
                            .isLessThan(1e-6);
                }
            }
        }
        for (int e = 1; e < results.size(); e++) {
            assertThat(Math.abs(results.get(e).output("loss").item() - results.get(0).output("loss").item()))
                    .isLessThan(1e-9);
            for (String name : model.parameterShapes().keySet()) {
                assertThat(GradientCheck.maxRelativeError(results.get(e).parameterGradients().get(name),
                        results.get(0).parameterGradients().get(name)))
                        .as("%s: %s gradient, engine %d vs 0", label, name, e)
                        .isLessThan(1e-6);
            }
        }
    }
}
