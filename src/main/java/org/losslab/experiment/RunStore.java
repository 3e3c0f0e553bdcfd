package org.losslab.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslab.train.MetricPoint;

/**
 * A run folder: {@code experiment.json} (the spec as run), {@code metrics.csv} (long format
 * {@code step,split,metric,value}) and {@code summary.json}.
 */
public final class RunStore {
    private final Path dir;

    public RunStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public void writeSpec(ExperimentSpec spec) throws IOException {
        Experiments.write(spec, dir.resolve("experiment.json"));
    }

    /** Values use Java's shortest round-trip representation, so two identical runs give identical files. */
    public void writeMetrics(List<MetricPoint> points) throws IOException {
        writeMetrics(points, "metrics.csv");
    }

    /** {@link #writeMetrics(List)} into {@code fileName}, e.g. one arm's {@code metrics-focal.csv}. */
    public void writeMetrics(List<MetricPoint> points, String fileName) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(fileName), StandardCharsets.UTF_8)) {
            w.write("step,split,metric,value\n");
            for (MetricPoint p : points) {
                w.write(p.step() + "," + p.split() + "," + p.metric() + "," + Double.toString(p.value()) + "\n");
            }
        }
    }

    /**
     * {@code {"steps":…, "seconds":…, "stepsPerSecond":…, "final": {"train/loss":…, "val/loss":…, …}}}: the last
     * value of every metric.
     */
    public void writeSummary(long steps, double seconds, List<MetricPoint> points, Map<String, Object> extra)
            throws IOException {
        ObjectNode root = Experiments.mapper().createObjectNode();
        root.put("steps", steps);
        root.put("seconds", seconds);
        root.put("stepsPerSecond", seconds > 0 ? steps / seconds : 0);
        ObjectNode last = root.putObject("final");
        for (Map.Entry<String, Double> e : finalValues(points).entrySet()) {
            last.put(e.getKey(), e.getValue());
        }
        extra.forEach((k, v) -> root.putPOJO(k, v));
        Files.writeString(dir.resolve("summary.json"),
                Experiments.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
    }

    /** The last value of every {@code split/metric}. */
    public static Map<String, Double> finalValues(List<MetricPoint> points) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            out.put(p.key(), p.value());
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
