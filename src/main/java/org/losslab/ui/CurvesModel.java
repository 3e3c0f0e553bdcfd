package org.losslab.ui;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.losslab.train.MetricPoint;
import org.losslab.viz.Curve;
import org.losslab.viz.Smoothing;

/**
 * The numbers behind the loss and accuracy charts: every metric point of the run, the smoothing weight and the
 * log-scale switch; and what is displayed from them. No JavaFX.
 *
 * <p>The accuracy chart also carries the validation top-k accuracy (whatever k the run reports) and the validation
 * ECE, a calibration error on the same 0–100 % scale. When the training labels are noisy the legend says which
 * accuracy is measured against which labels.
 *
 * <p>A log axis cannot show zero or negative values (a hinge loss reaches exactly 0); they are left out of the
 * displayed curve and counted, so the view can say how many are hidden rather than drawing a misleading line.
 */
public final class CurvesModel {
    public static final String TRAIN_LOSS = "train/loss";
    public static final String VAL_LOSS = "val/loss";
    public static final String TRAIN_ACCURACY = "train/accuracy";
    public static final String VAL_ACCURACY = "val/accuracy";
    /** Stands for {@code val/top{k} accuracy} with the run's k. */
    public static final String VAL_TOP_K = "val/top-k accuracy";
    public static final String VAL_ECE = "val/ECE";
    public static final List<String> LOSS_KEYS = List.of(TRAIN_LOSS, VAL_LOSS);
    /** The validation expected pass@N, whatever N the run reports (DCO's metric). */
    public static final String VAL_PASS_AT_N = "val/pass@N";
    public static final List<String> ACCURACY_KEYS = List.of(TRAIN_ACCURACY, VAL_ACCURACY, VAL_TOP_K, VAL_ECE,
            VAL_PASS_AT_N);
    private static final Pattern PASS_AT_N = Pattern.compile("pass@(\\d+)");
    private static final Pattern TOP_K = Pattern.compile("top(\\d+) accuracy");

    private final Map<String, Series> series = new LinkedHashMap<>();
    private double smoothing;
    private boolean logScale;
    /** Bumped whenever displayed values change other than by appending: views then rebuild instead of append. */
    private long layout;
    /** The k of the top-k points received, 0 before any. */
    private int topK;
    private int passAtN;
    private boolean noisyTrainingLabels;

    /** Raw values of one metric, in step order. */
    private static final class Series {
        double[] steps = new double[64];
        double[] values = new double[64];
        int size;

        void add(double step, double value) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            steps[size] = step;
            values[size] = value;
            size++;
        }
    }

    public CurvesModel() {
        for (String key : LOSS_KEYS) {
            series.put(key, new Series());
        }
        for (String key : ACCURACY_KEYS) {
            series.put(key, new Series());
        }
    }

    /** Legend text for a key, e.g. {@code validation loss}. */
    public static String label(String key) {
        String[] parts = key.split("/", 2);
        String split = switch (parts[0]) {
            case "val" -> "validation";
            default -> parts[0];
        };
        return split + " " + (parts.length > 1 ? parts[1] : "");
    }

    /**
     * The legend text of a charted key for this run: the top-k curve names its k, and with noisy training labels
     * the accuracies say which labels they count against.
     */
    public String legend(String key) {
        String text = key.equals(VAL_TOP_K) && topK > 0 ? label("val/top-" + topK + " accuracy")
                : key.equals(VAL_PASS_AT_N) && passAtN > 0 ? "validation expected pass@" + passAtN
                : key.equals(VAL_ECE) ? "validation ECE (calibration error)" : label(key);
        if (noisyTrainingLabels && key.equals(TRAIN_ACCURACY)) {
            return text + " (noisy labels)";
        }
        if (noisyTrainingLabels && (key.equals(VAL_ACCURACY) || key.equals(VAL_TOP_K))) {
            return text + " (clean labels)";
        }
        return text;
    }

    /** Whether the run's training labels were flipped on purpose (validation labels never are). */
    public void setNoisyTrainingLabels(boolean noisy) {
        if (noisy != noisyTrainingLabels) {
            noisyTrainingLabels = noisy;
            layout++;
        }
    }

    public boolean noisyTrainingLabels() {
        return noisyTrainingLabels;
    }

    /** The N of the pass@N curve, 0 while there is none. */
    public int passAtN() {
        return passAtN;
    }

    /** The k of the top-k curve, 0 while there is none. */
    public int topK() {
        return topK;
    }

    /** Adds points; metrics other than the charted ones (and the end-of-run test set) are ignored. */
    public void addAll(Collection<MetricPoint> points) {
        for (MetricPoint p : points) {
            Series s = series.get(chartedKey(p));
            if (s != null) {
                s.add(p.step(), p.value());
            }
        }
    }

    private String chartedKey(MetricPoint p) {
        Matcher m = TOP_K.matcher(p.metric());
        if (p.split().equals("val") && m.matches()) {
            int k = Integer.parseInt(m.group(1));
            if (k != topK) {
                topK = k;
                layout++; // the legend names k
            }
            return VAL_TOP_K;
        }
        Matcher pass = PASS_AT_N.matcher(p.metric());
        if (p.split().equals("val") && pass.matches()) {
            int n = Integer.parseInt(pass.group(1));
            if (n != passAtN) {
                passAtN = n;
                layout++; // the legend names N
            }
            return VAL_PASS_AT_N;
        }
        return p.key();
    }

    public void clear() {
        series.values().forEach(s -> s.size = 0);
        topK = 0;
        passAtN = 0;
        layout++;
    }

    /** Points received for {@code key}. */
    public int size(String key) {
        return series.get(key).size;
    }

    /** Points received over all charted metrics. */
    public int totalPoints() {
        return series.values().stream().mapToInt(s -> s.size).sum();
    }

    /** The newest raw value of {@code key}, or NaN. */
    public double last(String key) {
        Series s = series.get(key);
        return s.size == 0 ? Double.NaN : s.values[s.size - 1];
    }

    public double smoothing() {
        return smoothing;
    }

    /** @param weight 0 (raw) to {@link Smoothing#MAX_WEIGHT}; larger values are refused, not clamped */
    public void setSmoothing(double weight) {
        if (!(weight >= 0 && weight <= Smoothing.MAX_WEIGHT)) {
            throw new IllegalArgumentException("smoothing must be in [0, " + Smoothing.MAX_WEIGHT + "], got " + weight);
        }
        if (weight != smoothing) {
            smoothing = weight;
            layout++;
        }
    }

    public boolean logScale() {
        return logScale;
    }

    public void setLogScale(boolean on) {
        if (on != logScale) {
            logScale = on;
            layout++;
        }
    }

    /** Changes when displayed curves must be rebuilt rather than appended to. */
    public long layoutVersion() {
        return layout;
    }

    /**
     * What the chart shows for {@code key}: smoothed values (accuracies are smoothed too), and for losses on a log
     * scale only the positive ones.
     */
    public Curve displayed(String key) {
        Series s = series.get(key);
        double[] x = Arrays.copyOf(s.steps, s.size);
        double[] y = Smoothing.ema(Arrays.copyOf(s.values, s.size), smoothing);
        if (logScale && LOSS_KEYS.contains(key)) {
            int kept = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] > 0 && Double.isFinite(y[i])) {
                    x[kept] = x[i];
                    y[kept] = y[i];
                    kept++;
                }
            }
            x = Arrays.copyOf(x, kept);
            y = Arrays.copyOf(y, kept);
        }
        return new Curve(legend(key), x, y);
    }

    /** Loss points left out because the log axis cannot show them. */
    public int hiddenOnLogScale() {
        if (!logScale) {
            return 0;
        }
        int hidden = 0;
        for (String key : LOSS_KEYS) {
            hidden += size(key) - displayed(key).size();
        }
        return hidden;
    }
}
