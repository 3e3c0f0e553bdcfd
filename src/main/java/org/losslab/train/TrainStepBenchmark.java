package org.losslab.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;
import org.losslab.model.Model;
import org.losslab.model.SmallCnn;

/**
 * Median milliseconds per training step (forward, backward, Adam update, loss copied back) after warm-up, on
 * fixed random data: the figures of {@code losslab bench train-step}.
 */
public final class TrainStepBenchmark {

    /** One measured configuration. */
    public record Result(String engine, String workload, int batch, int warmup, int measured, double medianMs,
            double p10Ms, double p90Ms) {}

    private TrainStepBenchmark() {}

    /** MLP 2-32-32-3, batch 256. */
    public static Model mlp() {
        return new Mlp(new int[] {2}, 2, 32, "relu", 0, 3);
    }

    /** CNN 1×28×28 → conv 8 → conv 16 → dense 10, batch 64. */
    public static Model cnn() {
        return new SmallCnn(new int[] {1, 28, 28}, 8, 16, "relu", 10);
    }

    public static Result measure(String engineId, String workload, Model model, int batch, int warmup, int measured) {
        Random rng = new Random(7);
        int[] shape = model.inputShape();
        int[] xShape = new int[shape.length + 1];
        xShape[0] = batch;
        System.arraycopy(shape, 0, xShape, 1, shape.length);
        int size = 1;
        for (int d : xShape) {
            size *= d;
        }
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(model.outputs());
        }
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        inputs.put("x", HostArray.wrap(x, xShape));
        inputs.put("labels", HostArray.wrap(y, batch));
        try (Engine engine = Engines.create(engineId, Precision.FLOAT32);
                ParameterStore params = engine.createParameters(model.initialParameters(new Random(1)));
                CompiledProgram program = engine.compile(TrainingRun.program(model, WeightedLoss.of("cross-entropy")))) {
            Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-3));
            for (int i = 0; i < warmup; i++) {
                program.trainStep(inputs, params, "loss", adam, Set.of("loss"));
            }
            double[] ms = new double[measured];
            for (int i = 0; i < measured; i++) {
                long t0 = System.nanoTime();
                program.trainStep(inputs, params, "loss", adam, Set.of("loss"));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            return new Result(engineId, workload, batch, warmup, measured, ms[measured / 2], ms[measured / 10],
                    ms[Math.min(measured - 1, measured * 9 / 10)]);
        }
    }
}
