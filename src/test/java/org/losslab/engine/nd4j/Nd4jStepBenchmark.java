package org.losslab.engine.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Median milliseconds per training step (float32, Adam) for the two reference workloads, and where the time goes
 * per op type. Not part of the normal suite (the name does not end in Test); run it alone:
 * {@code mvn test -Dtest=Nd4jStepBenchmark}. Prints; asserts nothing about timings.
 */
class Nd4jStepBenchmark {

    static final Program MLP = (ops, in, p) -> {
        Tensor h = ops.relu(ops.add(ops.matmul(in.get("x"), p.get("w1")), p.get("b1")));
        h = ops.relu(ops.add(ops.matmul(h, p.get("w2")), p.get("b2")));
        Tensor z = ops.add(ops.matmul(h, p.get("w3")), p.get("b3"));
        Tensor ce = ops.neg(ops.rowDot(ops.logSoftmax(z, -1), ops.oneHot(in.get("y"), 3)));
        return Map.of("loss", ops.mean(ce, false));
    };

    /** 1x28x28 → conv 3x3 (8) relu maxpool 2 → conv 3x3 (16) relu maxpool 2 → dense 10, cross-entropy. */
    static final Program CNN = (ops, in, p) -> {
        Tensor h = ops.maxPool2d(ops.relu(ops.conv2d(in.get("x"), p.get("k1"), p.get("c1"), 1, 1)), 2, 2);
        h = ops.maxPool2d(ops.relu(ops.conv2d(h, p.get("k2"), p.get("c2"), 1, 1)), 2, 2);
        Tensor z = ops.add(ops.matmul(ops.reshape(h, h.dim(0), -1), p.get("w")), p.get("b"));
        Tensor ce = ops.neg(ops.rowDot(ops.logSoftmax(z, -1), ops.oneHot(in.get("y"), 10)));
        return Map.of("loss", ops.mean(ce, false));
    };

    private static HostArray labels(long seed, int n, int classes) {
        java.util.Random r = new java.util.Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextInt(classes);
        }
        return HostArray.wrap(d, n);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Per op type: wall and this thread's CPU nanoseconds inside execution, between SameDiff's pre/post hooks. On a
     * shared machine wall time includes waiting for a core (and for ND4J's worker threads); CPU time does not.
     */
    static final class OpTimer extends BaseListener {
        final Map<String, long[]> totals = new HashMap<>();
        private long start;
        private long startCpu;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
            startCpu = THREADS.getCurrentThreadCpuTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                INDArray[] outputs) {
            long[] t = totals.computeIfAbsent(op.getOp().opName(), k -> new long[3]);
            t[0] += System.nanoTime() - start;
            t[1]++;
            t[2] += THREADS.getCurrentThreadCpuTime() - startCpu;
        }
    }

    private static void bench(String name, Program program, Map<String, HostArray> params, List<Map<String, HostArray>> batches,
            int warmup, int measured) {
        try (Engine engine = Nd4jTesting.engine(Precision.FLOAT32);
                ParameterStore store = engine.createParameters(params);
                CompiledProgram compiled = engine.compile(program)) {
            Optimizer adam = Optimizer.create(OptimizerConfig.adam(1e-3));
            Set<String> fetch = Set.of("loss");
            double firstLoss = 0;
            double lastLoss = 0;
            for (int i = 0; i < warmup; i++) {
                double l = compiled.trainStep(batches.get(i % batches.size()), store, "loss", adam, fetch).get("loss").item();
                if (i == 0) {
                    firstLoss = l;
                }
            }
            double[] ms = new double[measured];
            double[] cpu = new double[measured];
            for (int i = 0; i < measured; i++) {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                lastLoss = compiled.trainStep(batches.get(i % batches.size()), store, "loss", adam, fetch).get("loss").item();
                cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }

            // the same steps again with per-op timing (the listener adds a little overhead of its own)
            OpTimer timer = new OpTimer();
            ((Nd4jCompiledProgram) compiled).addListener(timer);
            int profiled = Math.max(10, measured / 2);
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < profiled; i++) {
                compiled.trainStep(batches.get(i % batches.size()), store, "loss", adam, fetch);
            }
            double profiledMs = (System.nanoTime() - t0) / 1e6 / profiled;
            double profiledCpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / profiled;
            double inOps = 0;
            double inOpsCpu = 0;
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(timer.totals.entrySet());
            rows.sort((a, b) -> Long.compare(b.getValue()[2], a.getValue()[2]));
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, long[]> e : rows) {
                double perStep = e.getValue()[0] / 1e6 / profiled;
                double perStepCpu = e.getValue()[2] / 1e6 / profiled;
                inOps += perStep;
                inOpsCpu += perStepCpu;
                sb.append(String.format("    %-24s %8.3f ms wall %8.3f ms cpu  %5.1f calls/step%n", e.getKey(), perStep,
                        perStepCpu, e.getValue()[1] / (double) profiled));
            }
            System.out.printf("%s [%s]: median %.3f ms/step wall, %.3f ms/step cpu of the calling thread, over %d steps "
                    + "(after %d warm-up; loss %.4f -> %.4f)%n", name, threads(), median(ms), median(cpu), measured, warmup,
                    firstLoss, lastLoss);
            System.out.printf("  profiled: %.3f ms wall / %.3f ms cpu per step; inside %d op types %.3f wall / %.3f cpu; "
                    + "elsewhere (SameDiff session bookkeeping, input copies, optimizer) %.3f wall / %.3f cpu%n%s",
                    profiledMs, profiledCpu, rows.size(), inOps, inOpsCpu, profiledMs - inOps, profiledCpu - inOpsCpu, sb);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String threads() {
        return "load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @Test
    void mlpAndCnn() {
        int mlpWarmup = Integer.getInteger("bench.mlp.warmup", 3000);
        int mlpSteps = Integer.getInteger("bench.mlp.steps", 1000);
        int cnnWarmup = Integer.getInteger("bench.cnn.warmup", 10);
        int cnnSteps = Integer.getInteger("bench.cnn.steps", 20);
        Map<String, HostArray> mlp = new LinkedHashMap<>();
        mlp.put("w1", Nd4jTesting.random(1, -0.7, 0.7, 2, 32));
        mlp.put("b1", Nd4jTesting.random(2, -0.1, 0.1, 32));
        mlp.put("w2", Nd4jTesting.random(3, -0.3, 0.3, 32, 32));
        mlp.put("b2", Nd4jTesting.random(4, -0.1, 0.1, 32));
        mlp.put("w3", Nd4jTesting.random(5, -0.3, 0.3, 32, 3));
        mlp.put("b3", Nd4jTesting.random(6, -0.1, 0.1, 3));
        List<Map<String, HostArray>> mlpBatches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            mlpBatches.add(Map.of("x", Nd4jTesting.random(100 + b, -1, 1, 256, 2), "y", labels(200 + b, 256, 3)));
        }
        Map<String, HostArray> cnn = new LinkedHashMap<>();
        cnn.put("k1", Nd4jTesting.random(7, -0.3, 0.3, 8, 1, 3, 3));
        cnn.put("c1", Nd4jTesting.random(8, -0.1, 0.1, 8));
        cnn.put("k2", Nd4jTesting.random(9, -0.1, 0.1, 16, 8, 3, 3));
        cnn.put("c2", Nd4jTesting.random(10, -0.1, 0.1, 16));
        cnn.put("w", Nd4jTesting.random(11, -0.05, 0.05, 784, 10));
        cnn.put("b", Nd4jTesting.random(12, -0.1, 0.1, 10));
        List<Map<String, HostArray>> cnnBatches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            cnnBatches.add(Map.of("x", Nd4jTesting.random(300 + b, 0, 1, 64, 1, 28, 28), "y", labels(400 + b, 64, 10)));
        }
        bench("MLP 2-32-32-3, batch 256, Adam", MLP, mlp, mlpBatches, mlpWarmup, mlpSteps);
        bench("CNN 1x28x28 conv8-conv16-dense10, batch 64, Adam", CNN, cnn, cnnBatches, cnnWarmup, cnnSteps);
    }
}
