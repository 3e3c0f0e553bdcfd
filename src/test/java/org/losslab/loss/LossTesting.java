package org.losslab.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.param.ParamValues;

/** Shared helpers of the loss tests: evaluation on a named engine in double precision, random inputs. */
public final class LossTesting {
    private LossTesting() {}

    public static List<String> engines() {
        return Engines.ids();
    }

    public static WeightedLoss loss(String id, Map<String, ?> params) {
        LossFunction f = LossCatalog.get().byId(id);
        return WeightedLoss.single(f, ParamValues.resolve("loss '" + id + "'", f.spec().params(), params));
    }

    public static LossEvaluation.Result evaluate(String engine, String id, Map<String, ?> params,
            Map<String, HostArray> inputs, boolean grad) {
        return LossEvaluation.evaluate(engine, loss(id, params), inputs, grad);
    }

    public static Map<String, HostArray> classification(double[][] logits, int... labels) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.matrix(logits));
        double[] y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = labels[i];
        }
        in.put("labels", HostArray.vector(y));
        return in;
    }

    /** Logits in [-3, 3] and uniform labels; seeded. */
    public static Map<String, HostArray> randomClassification(long seed, int n, int classes) {
        Random r = new Random(seed);
        double[][] z = new double[n][classes];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                z[i][k] = -3 + 6 * r.nextDouble();
            }
            y[i] = r.nextInt(classes);
        }
        return classification(z, y);
    }

    /** Applies a per-row reference {@code (logitsRow, label) -> value} written with plain loops. */
    public static double[] reference(Map<String, HostArray> in, BiFunction<double[], Integer, Double> perRow) {
        HostArray z = in.get("logits");
        int n = z.dim(0);
        int c = z.dim(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = new double[c];
            System.arraycopy(z.data(), i * c, row, 0, c);
            out[i] = perRow.apply(row, (int) in.get("labels").data()[i]);
        }
        return out;
    }

    /** Naive softmax of one row. */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
