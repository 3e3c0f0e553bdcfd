package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;

/** The MLP's stacked forward pass: copy i equals the single forward pass with parameter set i. */
class StackedMlpTest {

    static List<String> engines() {
        return Engines.ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyCopyEqualsTheSingleForwardPassWithItsParameters(String engine) {
        Mlp mlp = new Mlp(new int[] {2}, 2, 5, "tanh", 0.3, 3);
        int copies = 3;
        int n = 4;
        Random rng = new Random(5);
        List<Map<String, HostArray>> sets = List.of(mlp.initialParameters(new Random(1)),
                mlp.initialParameters(new Random(2)), mlp.initialParameters(new Random(3)));
        Map<String, HostArray> stacked = new LinkedHashMap<>();
        for (String name : mlp.parameterShapes().keySet()) {
            int size = sets.get(0).get(name).size();
            double[] data = new double[copies * size];
            for (int i = 0; i < copies; i++) {
                System.arraycopy(sets.get(i).get(name).data(), 0, data, i * size, size);
            }
            int[] shape = mlp.parameterShapes().get(name);
            int[] s = new int[shape.length + 1];
            s[0] = copies;
            System.arraycopy(shape, 0, s, 1, shape.length);
            stacked.put(name, HostArray.wrap(data, s));
        }
        double[] x = new double[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("x", HostArray.wrap(x, n, 2));
        inputs.putAll(mlp.sampleNoise(n, rng, true));
        try (Engine e = Engines.create(engine, Precision.FLOAT64);
                ParameterStore all = e.createParameters(stacked);
                CompiledProgram batched = e.compile((ops, in, p) -> Map.of("logits",
                        mlp.forwardStacked(ops, in.get("x"), p, in, copies)));
                CompiledProgram single = e.compile((ops, in, p) -> Map.of("logits",
                        mlp.forward(ops, in.get("x"), p, in)))) {
            HostArray together = batched.run(RunRequest.of(inputs).fetch("logits"), all).output("logits");
            assertThat(together.shape()).containsExactly(copies, n, 3);
            for (int i = 0; i < copies; i++) {
                try (ParameterStore one = e.createParameters(sets.get(i))) {
                    double[] alone = single.run(RunRequest.of(inputs).fetch("logits"), one).output("logits").data();
                    for (int j = 0; j < alone.length; j++) {
                        assertThat(together.data()[i * alone.length + j]).isCloseTo(alone[j],
                                org.assertj.core.api.Assertions.within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void onlyIdenticalArchitecturesStack() {
        Mlp mlp = new Mlp(new int[] {2}, 2, 8, "relu", 0, 3);
        assertThat(mlp.stacksWith(new Mlp(new int[] {2}, 2, 8, "relu", 0, 3))).isTrue();
        assertThat(mlp.stacksWith(new Mlp(new int[] {2}, 2, 8, "tanh", 0, 3))).isFalse();
        assertThat(mlp.stacksWith(new Mlp(new int[] {2}, 2, 8, "relu", 0.1, 3))).isFalse();
        assertThat(mlp.stacksWith(new Mlp(new int[] {2}, 3, 8, "relu", 0, 3))).isFalse();
        assertThat(mlp.stacksWith(new SmallCnn(new int[] {1, 8, 8}, 2, 2, "relu", 3))).isFalse();
    }
}
