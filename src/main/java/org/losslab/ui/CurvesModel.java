package org.losslab.ui;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.train.MetricPoint;
import org.losslab.viz.Curve;
import org.losslab.viz.Smoothing;

/**
 * The numbers behind the loss and accuracy charts: every metric point of the run, the smoothing weight and the
 * log-scale switch; and what is displayed from them. No JavaFX.
 *
 * <p>A log axis cannot show zero or negative values (a hinge loss reaches exactly 0); they are left out of the
 * displayed curve and counted, so the view can say how many are hidden rather than drawing a misleading line.
 */
public final class CurvesModel {
    public static final String TRAIN_LOSS = "train/loss";
    public static final String VAL_LOSS = "val/loss";
    public static final String TRAIN_ACCURACY = "train/accuracy";
    public static final String VAL_ACCURACY = "val/accuracy";
    public static final List<String> LOSS_KEYS = List.of(TRAIN_LOSS, VAL_LOSS);
    public static final List<String> ACCURACY_KEYS = List.of(TRAIN_ACCURACY, VAL_ACCURACY);

    private final Map<String, Series> series = new LinkedHashMap<>();
    private double smoothing;
    private boolean logScale;
    /** Bumped whenever displayed values change other than by appending: views then rebuild instead of append. */
    private long layout;

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

    /** Adds points; metrics other than the charted ones (and the end-of-run test set) are ignored. */
    public void addAll(Collection<MetricPoint> points) {
        for (MetricPoint p : points) {
            Series s = series.get(p.key());
            if (s != null) {
                s.add(p.step(), p.value());
            }
        }
    }

    public void clear() {
        series.values().forEach(s -> s.size = 0);
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
        return new Curve(label(key), x, y);
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
