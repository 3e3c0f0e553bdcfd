package org.losslab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.train.EvaluationReport;
import org.losslab.train.MetricPoint;
import org.losslab.train.MetricSettings;

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
        try (Writer w = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
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

    /**
     * The detail of one evaluation as JSON: its step, the k of the top-k accuracy, and per split
     * ({@code val}, {@code test}) the examples, accuracy, top-k accuracy, ECE, NLL, the class names, the confusion
     * matrix (rows: true class, columns: predicted) and the reliability bins (an empty bin's mean confidence and
     * accuracy are null).
     */
    public static ObjectNode evaluationJson(EvaluationReport report, List<String> classNames) {
        ObjectNode root = Experiments.mapper().createObjectNode();
        root.put("step", report.step());
        if (report.topK() > 0) {
            root.put("topK", report.topK());
        }
        for (Map.Entry<String, ClassificationMetrics> e : report.splits().entrySet()) {
            ClassificationMetrics m = e.getValue();
            ObjectNode split = root.putObject(e.getKey());
            split.put("examples", m.size());
            split.put("accuracy", m.accuracy());
            if (report.topK() > 0) {
                split.put(MetricSettings.topKName(report.topK()), m.topK(report.topK()));
            }
            split.put("ece", m.ece());
            split.put("nll", m.nll());
            ArrayNode names = split.putArray("classes");
            classNames.forEach(names::add);
            ArrayNode confusion = split.putArray("confusion");
            for (int[] row : m.confusion()) {
                ArrayNode r = confusion.addArray();
                for (int count : row) {
                    r.add(count);
                }
            }
            ArrayNode bins = split.putArray("reliability");
            for (ClassificationMetrics.ReliabilityBin b : m.reliability()) {
                ObjectNode bin = bins.addObject();
                bin.put("lower", b.lower());
                bin.put("upper", b.upper());
                bin.put("count", b.count());
                putOrNull(bin, "meanConfidence", b.meanConfidence());
                putOrNull(bin, "accuracy", b.accuracy());
            }
        }
        return root;
    }

    private static void putOrNull(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
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
