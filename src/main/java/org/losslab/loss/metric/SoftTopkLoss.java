package org.losslab.loss.metric;

import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Soft top-k (DEXML): per query, the shift t with Σ_j σ(α(s_j + t)) = K makes p = σ(α(s + t)) a soft indicator of the
 * K best labels; ℓ_q = −mean_{p∈P_q} log p.
 *
 * <p>t is found outside the graph in {@link #prepare}: 32 bisection steps, as the official code does, then Newton
 * steps in plain Java until the residual stops falling, giving t₀. In the graph one more Newton step
 * t = t₀ − (Σσ(α(s + t₀)) − K) / sg(Σ ασ′(α(s + t₀))) keeps the value (t₀ is the root) and gives t the gradient
 * −v/Σv with v = ασ′, so ∂p/∂s = diag(v) − vvᵀ/Σv, the official backward. In float32 the residual is rounding noise
 * divided by the slope, which is harmless unless every score is far (≫ 1/α) from the threshold.
 *
 * <p>Inputs: {@code logits} [B,L] (differentiable), {@code positives} [B,L] in {0,1}; K must be below L. Output [B];
 * a query without positives contributes 0.
 */
public final class SoftTopkLoss implements LossFunction {
    /** The prepared shift t₀ per query, [B,1]. */
    public static final String SHIFT_INPUT = "softTopkShift";
    static final int BISECTION_STEPS = 32;

    public static final LossSpec SPEC = LossSpec.builder("soft-topk", "Soft top-k", Family.METRIC_LEARNING)
            .differentiableInput("logits").input("positives")
            .param(ParamSpec.integer("k", 5, Range.atLeast(1), "K, how many labels the soft top-k keeps; below the number of labels"))
            .param("alpha", 2.0, Range.positive(), "steepness α of the sigmoids: larger is closer to a hard top-k")
            .cite("Dual-Encoders for Extreme Multi-Label Classification")
            .tex("\\ell_q = -\\frac{1}{|P_q|}\\sum_{p\\in P_q}\\log\\sigma(\\alpha(s_p + t)),\\quad"
                    + " \\sum_j \\sigma(\\alpha(s_j + t)) = K")
            .intuition("Every label gets a soft chance of being among the K best; the loss asks the positive labels "
                    + "to be in that top K, and does not care how they rank against each other.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public boolean preparesFromPredictions() {
        return true;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        HostArray logits = hostInputs.get("logits");
        HostArray positives = hostInputs.get("positives");
        if (logits == null || positives == null) {
            return Map.of();
        }
        LabelScores.checkShapes("soft-topk", CosineSimilarities.shape(logits), CosineSimilarities.shape(positives));
        LabelScores.checkZeroOne("soft-topk", positives);
        int b = logits.dim(0);
        int labels = logits.dim(1);
        int k = params.integer("k");
        checkK(k, labels);
        double alpha = params.real("alpha");
        double[] shift = new double[b];
        double[] row = new double[labels];
        for (int q = 0; q < b; q++) {
            System.arraycopy(logits.data(), q * labels, row, 0, labels);
            shift[q] = threshold(row, k, alpha);
        }
        return Map.of(SHIFT_INPUT, HostArray.wrap(shift, b, 1));
    }

    private static void checkK(int k, long labels) {
        if (k >= labels) {
            throw new IllegalArgumentException("soft-topk: parameter 'k' = " + k + " must be below the number of "
                    + "labels L = " + labels + " (the columns of 'logits'): Σσ reaches L only at t = ∞");
        }
    }

    /** The t with Σ_j σ(α(s_j + t)) = k: bisection, then Newton steps while they shrink the residual. */
    static double threshold(double[] s, int k, double alpha) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        // every σ is below σ(−40) ≈ 4e-18 at lo and above 1 − 4e-18 at hi, so the root lies between for 0 < k < L
        double lo = -max - 40 / alpha;
        double hi = -min + 40 / alpha;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            double mid = (lo + hi) / 2;
            if (sigmoidSum(s, mid, alpha) < k) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (lo + hi) / 2;
        double residual = Math.abs(sigmoidSum(s, t, alpha) - k);
        for (int step = 0; step < 8 && residual > 0; step++) {
            double slope = 0;
            for (double v : s) {
                double p = sigmoid(alpha * (v + t));
                slope += alpha * p * (1 - p);
            }
            if (!(slope > 0)) {
                break;
            }
            double next = t - (sigmoidSum(s, t, alpha) - k) / slope;
            double nextResidual = Math.abs(sigmoidSum(s, next, alpha) - k);
            if (!(nextResidual < residual)) {
                break;
            }
            t = next;
            residual = nextResidual;
        }
        return t;
    }

    private static double sigmoidSum(double[] s, double t, double alpha) {
        double sum = 0;
        for (double v : s) {
            sum += sigmoid(alpha * (v + t));
        }
        return sum;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor s = in.get("logits");
        Tensor positive = in.get("positives");
        LabelScores.checkShapes("soft-topk", s, positive);
        int k = params.integer("k");
        checkK(k, s.dim(1));
        double alpha = params.real("alpha");
        Tensor t0 = in.get(SHIFT_INPUT);
        Tensor p0 = ops.sigmoid(ops.mul(ops.add(s, t0), alpha));
        // Σ ασ′ floored far below any slope that matters, so a fully saturated row gives no 0/0
        Tensor slope = ops.stopGradient(ops.add(ops.relu(ops.add(
                ops.sum(ops.mul(ops.mul(p0, ops.rsub(1.0, p0)), alpha), true, 1), -1e-30)), 1e-30));
        Tensor t = ops.sub(t0, ops.div(ops.add(ops.sum(p0, true, 1), (double) -k), slope));
        Tensor logP = ops.neg(ops.softplus(ops.neg(ops.mul(ops.add(s, t), alpha))));
        Tensor count = CosineSimilarities.atLeastOne(ops, ops.sum(positive, false, 1));
        return ops.div(ops.neg(ops.sum(ops.mul(positive, logP), false, 1)), count);
    }
}
