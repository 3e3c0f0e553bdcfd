package org.losslab.train;

import java.util.List;
import org.losslab.analysis.ClassificationMetrics;

/**
 * The evaluation metrics beyond loss and accuracy that a comparison reports per arm: top-k accuracy and the
 * expected calibration error, computed from a whole split's logits. Named like the single run's metrics
 * ({@code val/top2 accuracy}, {@code val/ECE}) so that summaries read both the same way.
 */
final class SplitMetrics {
    static final String ECE = "ECE";

    private SplitMetrics() {}

    /** The metric name of the top-k accuracy, e.g. {@code top2 accuracy}. */
    static String topKName(int k) {
        return MetricSettings.topKName(k);
    }

    /**
     * The k reported for {@code classes} classes: {@code requested} when positive, else the usual default, left out
     * (0) where it would be 100 % by definition (k ≥ classes, e.g. top-2 of two spirals).
     */
    static int topKFor(int requested, int classes) {
        if (requested > 0) {
            return requested;
        }
        int k = ClassificationMetrics.defaultTopK(classes);
        return k < classes ? k : 0;
    }

    /**
     * Appends top-k accuracy (when {@code metrics.topK() > 0}), ECE and expected pass@N (when asked for) of one split. Nothing when a logit is not finite: the
     * calibration of a model whose outputs overflowed means nothing, and its loss curve already shows the problem.
     *
     * @param logits row-major [labels.length, classes]
     */
    static void append(List<MetricPoint> points, long step, String split, double[] logits, int classes, int[] labels,
            MetricSettings metrics) {
        for (double z : logits) {
            if (!Double.isFinite(z)) {
                return;
            }
        }
        ClassificationMetrics m = ClassificationMetrics.of(logits, classes, labels, metrics.calibrationBins());
        if (metrics.topK() > 0) {
            points.add(new MetricPoint(step, split, topKName(metrics.topK()), m.topK(metrics.topK())));
        }
        points.add(new MetricPoint(step, split, ECE, m.ece()));
        if (metrics.passAtN() > 0) {
            points.add(new MetricPoint(step, split, MetricSettings.passAtNName(metrics.passAtN()),
                    m.expectedPassAtN(metrics.passAtN())));
        }
    }

    /** True when {@code points} already hold {@code split/metric}. */
    static boolean has(List<MetricPoint> points, String split, String metric) {
        for (MetricPoint p : points) {
            if (p.split().equals(split) && p.metric().equals(metric)) {
                return true;
            }
        }
        return false;
    }
}
