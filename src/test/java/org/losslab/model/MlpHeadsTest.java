package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLP's options for particular losses: a second head ({@code auxLogits}) and head samples for multi-sample
 * dropout ({@code features}, {@code headWeight}, {@code headBias}, {@code headMasks}), checked against plain loops
 * on both engines in double precision.
 */
class MlpHeadsTest {
    private static final int[] INPUT = {2};
    private static final int WIDTH = 4;
    private static final int CLASSES = 3;

    static List<String> engines() {
        return Engines.ids();
    }

    private static Mlp mlp(int heads, int headSamples, double dropout) {
        return new Mlp(INPUT, 1, WIDTH, "tanh", dropout, CLASSES, heads, headSamples, 0.5);
    }

    private static HostArray points(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return HostArray.wrap(x, n, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theSecondHeadIsAnotherLinearLayerOnTheSameFeatures(String engine) {
        Mlp model = mlp(2, 0, 0);
        Map<String, HostArray> p = model.initialParameters(new Random(5));
        HostArray x = points(6, 1);
        Map<String, HostArray> out = outputs(engine, model, p, Map.of("x", x), "logits", "auxLogits");
        double[][] h = hidden(x, p);
        assertClose(out.get("logits"), linear(h, p.get("dense1.w"), p.get("dense1.b")));
        assertClose(out.get("auxLogits"), linear(h, p.get("aux.w"), p.get("aux.b")));
        assertThat(model.outputNames()).containsExactly("logits", "auxLogits");
    }

    @Test
    void switchingTheOptionsOnChangesNoOtherInitialValueOrMask() {
        Mlp plain = mlp(1, 0, 0.3);
        Mlp both = mlp(2, 8, 0.3);
        Map<String, HostArray> p0 = plain.initialParameters(new Random(9));
        Map<String, HostArray> p1 = both.initialParameters(new Random(9));
        for (String name : p0.keySet()) {
            assertThat(p1.get(name)).as(name).isEqualTo(p0.get(name));
        }
        assertThat(p1.keySet()).containsExactly("dense0.w", "dense0.b", "dense1.w", "dense1.b", "aux.w", "aux.b");
        assertThat(p1.get("aux.w").shape()).containsExactly(WIDTH, CLASSES);

        Map<String, HostArray> n0 = plain.sampleNoise(5, new Random(3), true);
        Map<String, HostArray> n1 = both.sampleNoise(5, new Random(3), true);
        assertThat(n1.get("dropout1")).isEqualTo(n0.get("dropout1"));
        HostArray masks = n1.get("headMasks");
        assertThat(masks.shape()).containsExactly(8, 5, WIDTH);
        for (double v : masks.data()) {
            assertThat(v).isIn(0.0, 2.0);
        }
        assertThat(n0).doesNotContainKey("headMasks");
        assertThat(both.sampleNoise(5, new Random(3), false)).as("evaluation draws nothing").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void multiSampleDropoutThroughTheModelIsTheMeanOfMCrossEntropies(String engine) {
        Mlp model = mlp(1, 8, 0);
        Map<String, HostArray> p = model.initialParameters(new Random(2));
        int n = 5;
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("x", points(n, 4));
        in.put("labels", HostArray.vector(0, 2, 1, 1, 0));
        in.putAll(model.sampleNoise(n, new Random(6), true));
        double[][] h = hidden(in.get("x"), p);
        HostArray masks = in.get("headMasks");
        double[] expected = new double[n];
        for (int m = 0; m < 8; m++) {
            double[][] dropped = new double[n][WIDTH];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < WIDTH; j++) {
                    dropped[i][j] = masks.get(m, i, j) * h[i][j];
                }
            }
            HostArray z = linear(dropped, p.get("dense1.w"), p.get("dense1.b"));
            for (int i = 0; i < n; i++) {
                expected[i] += crossEntropy(z, i, (int) in.get("labels").data()[i]) / 8;
            }
        }
        WeightedLoss msd = WeightedLoss.of("multi-sample-dropout");
        try (Engine e = Engines.create(engine, Precision.FLOAT64);
                ParameterStore params = e.createParameters(p);
                CompiledProgram program = e.compile(TrainingRun.program(model, msd))) {
            RunResult r = program.run(RunRequest.of(in).fetch("perExample").gradientOf("loss").parameterGradients(),
                    params);
            for (int i = 0; i < n; i++) {
                assertThat(r.output("perExample").data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-12));
            }
            for (String name : model.parameterShapes().keySet()) {
                HostArray numeric = GradientCheck.numericalForParameter(program, params, in, "loss", name, 1e-6);
                assertThat(GradientCheck.maxRelativeError(r.parameterGradients().get(name), numeric)).as(name)
                        .isLessThan(1e-6);
            }
            // Evaluation has no masks: the loss is the cross-entropy of the undropped head, i.e. of the logits.
            Map<String, HostArray> eval = Map.of("x", in.get("x"), "labels", in.get("labels"));
            RunResult plain = program.run(RunRequest.of(eval).fetch("perExample", "logits"), params);
            HostArray logits = plain.output("logits");
            for (int i = 0; i < n; i++) {
                assertThat(plain.output("perExample").data()[i])
                        .isCloseTo(crossEntropy(logits, i, (int) eval.get("labels").data()[i]), within(1e-12));
            }
        }
    }

    private static Map<String, HostArray> outputs(String engine, Model model, Map<String, HostArray> p,
            Map<String, HostArray> in, String... names) {
        try (Engine e = Engines.create(engine, Precision.FLOAT64);
                ParameterStore params = e.createParameters(p);
                CompiledProgram program = e.compile(TrainingRun.forwardProgram(model))) {
            return program.run(RunRequest.of(in).fetch(names), params).outputs();
        }
    }

    /** tanh(x·W0 + b0) with plain loops: [N, WIDTH]. */
    private static double[][] hidden(HostArray x, Map<String, HostArray> p) {
        HostArray pre = linear(toRows(x), p.get("dense0.w"), p.get("dense0.b"));
        double[][] h = toRows(pre);
        for (double[] row : h) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.tanh(row[j]);
            }
        }
        return h;
    }

    /** rows·W + b for W [in,out]. */
    private static HostArray linear(double[][] rows, HostArray w, HostArray b) {
        int out = w.dim(1);
        double[] z = new double[rows.length * out];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < out; k++) {
                double s = b.get(k);
                for (int j = 0; j < rows[i].length; j++) {
                    s += rows[i][j] * w.get(j, k);
                }
                z[i * out + k] = s;
            }
        }
        return HostArray.wrap(z, rows.length, out);
    }

    private static double[][] toRows(HostArray a) {
        double[][] rows = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = a.get(i, j);
            }
        }
        return rows;
    }

    private static double crossEntropy(HostArray z, int row, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.dim(1); k++) {
            max = Math.max(max, z.get(row, k));
        }
        double sum = 0;
        for (int k = 0; k < z.dim(1); k++) {
            sum += Math.exp(z.get(row, k) - max);
        }
        return max + Math.log(sum) - z.get(row, label);
    }

    private static void assertClose(HostArray actual, HostArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("entry %d", i).isCloseTo(expected.data()[i], within(1e-12));
        }
    }
}
