package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CTC through {@link CtcLossOp}: per-sequence negative log-likelihoods (blank 0, not length-normalised) against two
 * plain-Java references, and gradients against finite differences. M2.1's {@code sd.loss().ctcLoss} cannot even
 * be built.
 */
class CtcLossTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Nd4jTesting.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    // ---- references ----------------------------------------------------------------------------------------

    /** -log Σ over every frame-level path whose collapse (merge repeats, drop blanks) is the label: V^T paths. */
    static double bruteForceNll(double[][] logProbs, int frames, int[] label) {
        int classes = logProbs[0].length;
        int[] path = new int[frames];
        double total = 0;
        long count = (long) Math.pow(classes, frames);
        for (long code = 0; code < count; code++) {
            long c = code;
            double logP = 0;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
                logP += logProbs[t][path[t]];
            }
            if (collapse(path).equals(toList(label))) {
                total += Math.exp(logP);
            }
        }
        return -Math.log(total);
    }

    private static List<Integer> collapse(int[] path) {
        List<Integer> out = new ArrayList<>();
        int previous = -1;
        for (int k : path) {
            if (k != previous && k != 0) {
                out.add(k);
            }
            previous = k;
        }
        return out;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /** Graves' forward recursion over the blank-extended label, in log space. */
    static double forwardNll(double[][] logProbs, int frames, int[] label) {
        int len = 2 * label.length + 1;
        int[] ext = new int[len];
        for (int s = 0; s < len; s++) {
            ext[s] = s % 2 == 0 ? 0 : label[s / 2];
        }
        double[] alpha = new double[len];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        alpha[0] = logProbs[0][0];
        if (len > 1) {
            alpha[1] = logProbs[0][ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            double[] next = new double[len];
            for (int s = 0; s < len; s++) {
                double a = alpha[s];
                if (s > 0) {
                    a = logAdd(a, alpha[s - 1]);
                }
                if (s > 1 && ext[s] != 0 && ext[s] != ext[s - 2]) {
                    a = logAdd(a, alpha[s - 2]);
                }
                next[s] = a + logProbs[t][ext[s]];
            }
            alpha = next;
        }
        return -(len > 1 ? logAdd(alpha[len - 1], alpha[len - 2]) : alpha[0]);
    }

    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    /** Row-wise log-softmax of z[n] (T×V), as plain arrays. */
    static double[][] logSoftmax(HostArray z, int n) {
        int frames = z.dim(1);
        int classes = z.dim(2);
        double[][] out = new double[frames][classes];
        for (int t = 0; t < frames; t++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                m = Math.max(m, z.get(n, t, k));
            }
            double s = 0;
            for (int k = 0; k < classes; k++) {
                s += Math.exp(z.get(n, t, k) - m);
            }
            for (int k = 0; k < classes; k++) {
                out[t][k] = z.get(n, t, k) - m - Math.log(s);
            }
        }
        return out;
    }

    // ---- the engine ----------------------------------------------------------------------------------------

    private static final Program CTC_ON_LOGITS = (ops, in, p) -> {
        Tensor nll = ops.ctcLoss(ops.logSoftmax(in.get("z"), -1), in.get("targets"), in.get("inLen"), in.get("tgtLen"));
        return Map.of("nll", nll, "loss", ops.sum(ops.mul(nll, ops.constant(HostArray.vector(1.0, -0.5, 2.0))), false));
    };

    /** Three sequences: padded frames, a repeated label (needs a blank between), a padded label. */
    private static Map<String, HostArray> batch() {
        return GradientCheck.inputs(
                "z", Nd4jTesting.random(11, -2, 2, 3, 6, 4),
                "targets", HostArray.matrix(new double[][] {{1, 2, 0}, {3, 3, 1}, {2, 0, 0}}),
                "inLen", HostArray.vector(5, 6, 4),
                "tgtLen", HostArray.vector(2, 3, 1));
    }

    @Test
    void perSequenceValuesMatchBruteForceAndTheForwardRecursion() {
        Map<String, HostArray> in = batch();
        HostArray nll;
        try (CompiledProgram cp = engine.compile(CTC_ON_LOGITS); ParameterStore none = engine.createParameters(Map.of())) {
            nll = cp.run(RunRequest.of(in).fetch("nll"), none).output("nll");
        }
        assertThat(nll.shape()).containsExactly(3);
        int[][] labels = {{1, 2}, {3, 3, 1}, {2}};
        for (int n = 0; n < 3; n++) {
            double[][] lp = logSoftmax(in.get("z"), n);
            int frames = (int) in.get("inLen").data()[n];
            double brute = bruteForceNll(lp, frames, labels[n]);
            assertThat(forwardNll(lp, frames, labels[n])).as("references agree, sequence %d", n).isCloseTo(brute,
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(nll.data()[n]).as("sequence %d", n).isCloseTo(brute, org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void gradientThroughLogSoftmaxMatchesFiniteDifferences() {
        Map<String, HostArray> in = batch();
        RunResult r = Nd4jTesting.valueAndGradient(engine, CTC_ON_LOGITS, in, "loss", "z");
        HostArray grad = r.inputGradients().get("z");
        try (CompiledProgram cp = engine.compile(CTC_ON_LOGITS); ParameterStore none = engine.createParameters(Map.of())) {
            HostArray numerical = GradientCheck.numerical(cp, none, in, "loss", "z", 1e-6);
            assertThat(GradientCheck.maxRelativeError(grad, numerical)).isLessThan(1e-7);
        }
        for (int k = 0; k < 4; k++) {
            assertThat(grad.get(0, 5, k)).as("frame beyond sequence 0's length").isZero();
            assertThat(grad.get(2, 4, k)).isZero();
            assertThat(grad.get(2, 5, k)).isZero();
        }
    }

    @Test
    void gradientWithRespectToLogProbabilitiesIsMinusThePosterior() {
        // Fed unnormalised log-probabilities directly, the op must still be the function it computes: its gradient
        // is -posterior (the native kernel's softmax-minus-posterior would be the logit gradient instead).
        Map<String, HostArray> in = batch();
        in.put("lp", Nd4jTesting.random(12, -3, 0, 3, 6, 4));
        in.remove("z");
        Program p = (ops, inputs, params) -> Map.of("loss", ops.sum(ops.mul(
                ops.ctcLoss(inputs.get("lp"), inputs.get("targets"), inputs.get("inLen"), inputs.get("tgtLen")),
                ops.constant(HostArray.vector(0.7, 1.3, -1.1))), false));
        RunResult r = Nd4jTesting.valueAndGradient(engine, p, in, "loss", "lp");
        try (CompiledProgram cp = engine.compile(p); ParameterStore none = engine.createParameters(Map.of())) {
            HostArray numerical = GradientCheck.numerical(cp, none, in, "loss", "lp", 1e-6);
            assertThat(GradientCheck.maxRelativeError(r.inputGradients().get("lp"), numerical)).isLessThan(1e-7);
        }
    }

    @Test
    void ctcTrainsAsAParameterGradient() {
        // The op inside a trained graph: logits are a parameter, so SameDiff copies the graph (and our op) for its
        // gradient function; the loss must fall.
        Map<String, HostArray> in = batch();
        in.remove("z");
        try (ParameterStore params = engine.createParameters(Map.of("z", HostArray.zeros(3, 6, 4)));
                CompiledProgram cp = engine.compile((ops, inputs, ps) -> Map.of("loss", ops.mean(ops.ctcLoss(
                        ops.logSoftmax(ps.get("z"), -1), inputs.get("targets"), inputs.get("inLen"), inputs.get("tgtLen")),
                        false)))) {
            org.losslab.engine.Optimizer sgd = org.losslab.engine.Optimizer.create(
                    org.losslab.engine.OptimizerConfig.sgd(0.5, 0.0));
            double first = cp.trainStep(in, params, "loss", sgd, java.util.Set.of("loss")).get("loss").item();
            double last = first;
            for (int i = 0; i < 50; i++) {
                last = cp.trainStep(in, params, "loss", sgd, java.util.Set.of("loss")).get("loss").item();
            }
            assertThat(first).isGreaterThan(1.0);
            assertThat(last).isLessThan(first * 0.5);
        }
    }
}
