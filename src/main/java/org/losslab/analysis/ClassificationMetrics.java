package org.losslab.analysis;

import java.util.Arrays;

/**
 * Classification metrics of one set of logits, computed once in plain Java: accuracy, top-k accuracy, mean
 * negative log-likelihood, expected calibration error with its reliability diagram, the confusion matrix, and the
 * expected pass@N (the probability that at least one of N samples from the predicted distribution is right).
 *
 * <p>Immutable; safe to publish to the UI thread.
 */
public final class ClassificationMetrics {
    /** Default bins of the reliability diagram (Guo et al. use 15). */
    public static final int DEFAULT_BINS = 15;

    /**
     * One bin of the reliability diagram over confidence = max softmax probability.
     *
     * @param lower bin's lower edge (exclusive, except the first bin)
     * @param upper bin's upper edge (inclusive)
     * @param count examples whose confidence falls in the bin
     * @param meanConfidence their mean confidence (NaN when empty)
     * @param accuracy the fraction of them predicted correctly (NaN when empty)
     */
    public record ReliabilityBin(double lower, double upper, int count, double meanConfidence, double accuracy) {}

    private final int n;
    private final int classes;
    private final int[] labels;
    /** Kept for ranking: probabilities of far-behind classes underflow to equal zeros, their logits stay ordered. */
    private final double[] logits;
    private final double[] probabilities;
    private final int[] predicted;
    private final double nll;
    private final ReliabilityBin[] reliability;
    private final double ece;
    private final int[][] confusion;

    private ClassificationMetrics(double[] logits, int classes, int[] labels, int bins) {
        if (classes < 1 || logits.length != (long) labels.length * classes) {
            throw new IllegalArgumentException("logits must hold " + labels.length + " × " + classes + " values, got "
                    + logits.length);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("calibration bins must be at least 1, got " + bins);
        }
        this.n = labels.length;
        this.classes = classes;
        this.labels = labels.clone();
        this.logits = logits.clone();
        this.probabilities = new double[logits.length];
        this.predicted = new int[n];
        this.confusion = new int[classes][classes];
        double nllSum = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of example " + i + " is outside 0.." + (classes - 1));
            }
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int k = 0; k < classes; k++) {
                double v = logits[i * classes + k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("logit " + k + " of example " + i + " is " + v
                            + "; metrics need finite logits");
                }
                if (v > max) {
                    max = v;
                    best = k;
                }
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[i * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                probabilities[i * classes + k] = Math.exp(logits[i * classes + k] - max) / sum;
            }
            nllSum += Math.log(sum) + max - logits[i * classes + y];
            predicted[i] = best;
            confusion[y][best]++;
        }
        this.nll = n == 0 ? Double.NaN : nllSum / n;
        this.reliability = new ReliabilityBin[bins];
        int[] count = new int[bins];
        double[] confidence = new double[bins];
        double[] correct = new double[bins];
        for (int i = 0; i < n; i++) {
            double conf = probabilities[i * classes + predicted[i]];
            int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(conf * bins) - 1));
            count[b]++;
            confidence[b] += conf;
            correct[b] += predicted[i] == labels[i] ? 1 : 0;
        }
        double gap = 0;
        for (int b = 0; b < bins; b++) {
            double meanConf = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
            double acc = count[b] == 0 ? Double.NaN : correct[b] / count[b];
            reliability[b] = new ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b], meanConf, acc);
            if (count[b] > 0) {
                gap += (double) count[b] / n * Math.abs(acc - meanConf);
            }
        }
        this.ece = n == 0 ? Double.NaN : gap;
    }

    /**
     * @param logits row-major [N, classes]
     * @param labels [N] class indices
     * @param bins reliability-diagram bins over [0, 1]
     */
    public static ClassificationMetrics of(double[] logits, int classes, int[] labels, int bins) {
        return new ClassificationMetrics(logits, classes, labels, bins);
    }

    public static ClassificationMetrics of(double[] logits, int classes, int[] labels) {
        return of(logits, classes, labels, DEFAULT_BINS);
    }

    /** The usual k of top-k accuracy: 2 for up to 5 classes, else 5. */
    public static int defaultTopK(int classes) {
        return classes <= 5 ? 2 : 5;
    }

    public int size() {
        return n;
    }

    public int classes() {
        return classes;
    }

    public double accuracy() {
        return topK(1);
    }

    /**
     * The fraction of examples whose label is among the k largest logits (ties broken towards the lower class, as
     * {@link #predicted} does, so that {@code topK(1)} agrees with the confusion matrix).
     */
    public double topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k of top-k accuracy must be at least 1, got " + k);
        }
        if (n == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < n; i++) {
            double zy = logits[i * classes + labels[i]];
            int above = 0;
            for (int c = 0; c < classes; c++) {
                double zc = logits[i * classes + c];
                if (zc > zy || (zc == zy && c < labels[i])) {
                    above++;
                }
            }
            if (above < k) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /** Mean negative log-likelihood (cross-entropy) of the labels. */
    public double nll() {
        return nll;
    }

    /** Expected calibration error: Σ_b (n_b/N)·|acc_b − conf_b| over the reliability bins. */
    public double ece() {
        return ece;
    }

    public ReliabilityBin[] reliability() {
        return reliability.clone();
    }

    /** counts[true][predicted]. */
    public int[][] confusion() {
        int[][] copy = new int[classes][];
        for (int c = 0; c < classes; c++) {
            copy[c] = confusion[c].clone();
        }
        return copy;
    }

    /** Mean over examples of 1 − (1 − p_y)^N: pass@N when N answers are sampled from the model. */
    public double expectedPassAtN(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("N of pass@N must be at least 1, got " + samples);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 - Math.pow(1 - probabilities[i * classes + labels[i]], samples);
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** softmax of example i's logits. */
    public double[] probabilities(int i) {
        return Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes);
    }

    public int predicted(int i) {
        return predicted[i];
    }
}
