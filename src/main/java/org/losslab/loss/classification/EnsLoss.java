package org.losslab.loss.classification;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * EnsLoss: each batch draws a random calibrated loss by drawing its derivatives, L = mean_i sg(g_i)·z_i with the
 * margin z_i = y_i·f_i, so ∂L/∂z_i = g_i/N. The value is only a surrogate; the derivatives are the loss.
 *
 * <p>Binary task: {@code logits} is a binary logit f [N] (or [N,1]), or two-class logits [N,2] read as
 * f = z_1 − z_0 (so its sign agrees with the arg-max); {@code labels} are 0/1 (mapped to −1/+1) or −1/+1.
 *
 * <p>The derivatives are computed in {@link #prepare} from the margins (sorting is outside the graph): draw
 * ε_i ~ N(0,1) from the run's seeded source (or take the {@code epsilon} input [N]), g = −BCinv_λ(ε), sort
 * ascending, clip at −1, hand out in ascending order of margin, divide by z_i where z_i > 1, subtract 1e-6.
 */
public final class EnsLoss implements LossFunction {
    /** The prepared derivatives g [N]. */
    public static final String DERIVATIVE_INPUT = "ensDerivative";
    /** The prepared labels as −1/+1 [N]. */
    public static final String SIGN_INPUT = "ensSign";

    public static final LossSpec SPEC = LossSpec.builder("ensloss", "EnsLoss", Family.CLASSIFICATION)
            .differentiableInput("logits").input("labels")
            .param("lambda", 0.0, Range.nonNegative(),
                    "Box–Cox exponent of the derivative distribution: 0 draws g = −exp(ε)")
            .binaryOnly()
            .status(Status.CODE)
            .cite("EnsLoss: Stochastic Calibrated Loss Ensembles for Preventing Overfitting in Classification")
            .tex("L = \\tfrac{1}{N}\\sum_i \\mathrm{sg}(g_i)\\, y_i f_i,\\quad g = \\mathrm{sorted}\\,"
                    + "\\max(-\\mathrm{BC}^{-1}_\\lambda(\\varepsilon), -1)\\ \\text{assigned by margin}")
            .intuition("Instead of one fixed loss, every batch uses a fresh random convex, calibrated loss (drawn "
                    + "through its derivatives): an ensemble of losses that regularises like dropout does for "
                    + "networks, so a big model overfits a small binary data set less.")
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
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params,
            PrepareContext context) {
        double[] f = binaryLogit(hostInputs.get("logits"));
        int n = f.length;
        double[] sign = signs(hostInputs.get("labels"), n);
        double[] margin = new double[n];
        for (int i = 0; i < n; i++) {
            margin[i] = sign[i] * f[i];
        }
        double[] epsilon = new double[n];
        HostArray given = hostInputs.get("epsilon");
        if (given != null) {
            if (given.size() != n) {
                throw new IllegalArgumentException("epsilon must have shape [" + n + "], got "
                        + Arrays.toString(given.shape()));
            }
            epsilon = given.data().clone();
        } else {
            for (int i = 0; i < n; i++) {
                epsilon[i] = context.rng().nextGaussian();
            }
        }
        double[] g = derivatives(margin, epsilon, params.real("lambda"));
        return Map.of(DERIVATIVE_INPUT, HostArray.wrap(g, n), SIGN_INPUT, HostArray.wrap(sign, n));
    }

    /** The derivatives g for these margins and draws (steps 1–5 of the per-batch recipe). */
    static double[] derivatives(double[] margin, double[] epsilon, double lambda) {
        int n = margin.length;
        double[] drawn = new double[n];
        for (int i = 0; i < n; i++) {
            drawn[i] = Math.max(-inverseBoxCox(epsilon[i], lambda), -1.0);
        }
        Arrays.sort(drawn);
        Integer[] byMargin = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byMargin, Comparator.comparingDouble(i -> margin[i]));
        double[] g = new double[n];
        for (int rank = 0; rank < n; rank++) {
            int i = byMargin[rank];
            double value = drawn[rank];
            if (margin[i] > 1) {
                value /= margin[i];
            }
            g[i] = value - 1e-6;
        }
        return g;
    }

    /** BCinv_λ(ε) = [1 + λε]₊^{1/λ}; exp(ε) at λ = 0. */
    static double inverseBoxCox(double epsilon, double lambda) {
        if (lambda == 0) {
            return Math.exp(epsilon);
        }
        return Math.pow(Math.max(0, 1 + lambda * epsilon), 1 / lambda);
    }

    private static double[] binaryLogit(HostArray logits) {
        if (logits == null) {
            throw new IllegalArgumentException("ensloss needs input 'logits'");
        }
        if (logits.rank() == 1 || (logits.rank() == 2 && logits.dim(1) == 1)) {
            return logits.data().clone();
        }
        if (logits.rank() == 2 && logits.dim(1) == 2) {
            double[] f = new double[logits.dim(0)];
            for (int i = 0; i < f.length; i++) {
                f[i] = logits.data()[2 * i + 1] - logits.data()[2 * i];
            }
            return f;
        }
        throw new IllegalArgumentException("ensloss is binary: logits must have shape [N], [N,1] or [N,2], got "
                + Arrays.toString(logits.shape()));
    }

    private static double[] signs(HostArray labels, int n) {
        if (labels == null || labels.rank() != 1 || labels.dim(0) != n) {
            throw new IllegalArgumentException("labels must have shape [" + n + "], got "
                    + (labels == null ? "none" : Arrays.toString(labels.shape())));
        }
        boolean zeroOne = true;
        boolean plusMinus = true;
        for (double v : labels.data()) {
            zeroOne &= v == 0 || v == 1;
            plusMinus &= v == -1 || v == 1;
        }
        if (!zeroOne && !plusMinus) {
            throw new IllegalArgumentException("ensloss labels must all be 0/1 or all be −1/+1");
        }
        double[] sign = new double[n];
        for (int i = 0; i < n; i++) {
            double v = labels.data()[i];
            sign[i] = zeroOne ? 2 * v - 1 : v;
        }
        return sign;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor logits = in.get("logits");
        Tensor f;
        if (logits.rank() == 1) {
            f = logits;
        } else if (logits.rank() == 2 && logits.dim(1) == 1) {
            f = ops.reshape(logits, logits.dim(0));
        } else if (logits.rank() == 2 && logits.dim(1) == 2) {
            f = ops.reshape(ops.sub(ops.slice(logits, 1, 1, 2), ops.slice(logits, 1, 0, 1)), logits.dim(0));
        } else {
            throw new IllegalArgumentException("ensloss is binary: logits must have shape [N], [N,1] or [N,2], got "
                    + Arrays.toString(logits.shape()));
        }
        Tensor labels = in.get("labels");
        if (labels.rank() != 1 || labels.dim(0) != f.dim(0)) {
            throw new IllegalArgumentException("labels must have shape [" + f.dim(0) + "], got "
                    + Arrays.toString(labels.shape()));
        }
        Tensor margin = ops.mul(f, in.get(SIGN_INPUT));
        return ops.mul(ops.stopGradient(in.get(DERIVATIVE_INPUT)), margin);
    }
}
