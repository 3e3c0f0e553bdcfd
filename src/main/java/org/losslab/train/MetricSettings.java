package org.losslab.train;

import org.losslab.analysis.ClassificationMetrics;

/**
 * What an evaluation reports besides loss and accuracy: the k of the top-k accuracy, the N of the expected pass@N
 * and the bins of the reliability diagram (and so of the ECE).
 *
 * @param topK k of the top-k accuracy, or 0 for {@link ClassificationMetrics#defaultTopK}; the default is left out
 *     where it would be 100 % by definition (k ≥ classes, e.g. top-2 of two spirals), an explicit k never is
 * @param passAtN N of the expected pass@N metric, or 0 for none
 * @param calibrationBins equal-width confidence bins over [0, 1]
 */
public record MetricSettings(int topK, int passAtN, int calibrationBins) {
    /** Default k, no pass@N, {@link ClassificationMetrics#DEFAULT_BINS} bins. */
    public static final MetricSettings DEFAULT = new MetricSettings(0, 0, ClassificationMetrics.DEFAULT_BINS);

    public MetricSettings {
        if (topK < 0) {
            throw new IllegalArgumentException("metrics.topK must be at least 1 (or 0 for the default), got " + topK);
        }
        if (passAtN < 0) {
            throw new IllegalArgumentException("metrics.passAtN must be at least 1 (or 0 for none), got " + passAtN);
        }
        if (calibrationBins < 1) {
            throw new IllegalArgumentException("metrics.calibrationBins must be at least 1, got " + calibrationBins);
        }
    }

    /** The k reported for data with {@code classes} classes, or 0 when no top-k accuracy is reported. */
    public int topKFor(int classes) {
        if (topK > 0) {
            return topK;
        }
        int k = ClassificationMetrics.defaultTopK(classes);
        return k < classes ? k : 0;
    }

    /** The metric name of the top-k accuracy, e.g. {@code top5 accuracy}. */
    public static String topKName(int k) {
        return "top" + k + " accuracy";
    }

    /** The metric name of the expected pass@N, e.g. {@code pass@8}. */
    public static String passAtNName(int n) {
        return "pass@" + n;
    }
}
