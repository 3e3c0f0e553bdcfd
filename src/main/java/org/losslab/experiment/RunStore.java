package org.losslab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.train.EvaluationReport;
import org.losslab.train.MetricPoint;
import org.losslab.train.MetricSettings;

/**
 * A run folder: {@code experiment.json} (the spec as run), {@code metrics.csv} (long format
 * {@code step,split,metric,value}), {@code summary.json} and {@code parameters.bin} (the final parameters, so the
 * run can serve as a distillation teacher).
 *
 * <p>{@code parameters.bin} is one line of JSON, {@code {"format":"losslab-parameters","version":1,
 * "dtype":"float64","byteOrder":"big-endian","tensors":[{"name":…,"shape":[…]},…]}}, a newline, then every
 * tensor's values in that order, row-major: compact, and still self-describing with {@code head -1}.
 */
public final class RunStore {
    /** The file of the final parameters. */
    public static final String PARAMETERS = "parameters.bin";
    private static final String PARAMETERS_FORMAT = "losslab-parameters";
    private static final int PARAMETERS_VERSION = 1;

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

    /** Writes {@code parameters.bin}; names keep their order. */
    public void writeParameters(Map<String, HostArray> parameters) throws IOException {
        ObjectNode header = Experiments.mapper().createObjectNode();
        header.put("format", PARAMETERS_FORMAT);
        header.put("version", PARAMETERS_VERSION);
        header.put("dtype", "float64");
        header.put("byteOrder", "big-endian");
        ArrayNode tensors = header.putArray("tensors");
        for (Map.Entry<String, HostArray> e : parameters.entrySet()) {
            ObjectNode t = tensors.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(PARAMETERS))))) {
            out.write(Experiments.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(header));
            out.write('\n');
            for (HostArray a : parameters.values()) {
                for (double v : a.data()) {
                    out.writeDouble(v);
                }
            }
        }
    }

    /**
     * Reads the {@code parameters.bin} of a run folder.
     *
     * @throws IOException when the file is missing, truncated or not in this format (the message says which)
     */
    public static Map<String, HostArray> readParameters(Path runDir) throws IOException {
        Path file = runDir.resolve(PARAMETERS);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + PARAMETERS + " in " + runDir + " (runs save their parameters since "
                    + "distillation arrived; train it again)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0 || line.size() > 1 << 20) {
                    throw new IOException(file + " has no parameter header");
                }
                line.write(b);
            }
            JsonNode header;
            try {
                header = Experiments.mapper().readTree(line.toByteArray());
            } catch (IOException e) {
                throw new IOException(file + " has an unreadable header: " + e.getMessage(), e);
            }
            if (header == null || !PARAMETERS_FORMAT.equals(header.path("format").asText())
                    || header.path("version").asInt() != PARAMETERS_VERSION
                    || !"float64".equals(header.path("dtype").asText())) {
                throw new IOException(file + " is not a version-" + PARAMETERS_VERSION + " float64 LossLab parameter file");
            }
            Map<String, HostArray> out = new LinkedHashMap<>();
            for (JsonNode t : header.path("tensors")) {
                int[] shape = new int[t.path("shape").size()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.path("shape").get(i).asInt();
                    size *= shape[i];
                }
                if (shape.length == 0 || size < 1 || size > Integer.MAX_VALUE) {
                    throw new IOException(file + ": tensor '" + t.path("name").asText() + "' has an invalid shape "
                            + t.path("shape"));
                }
                double[] values = new double[(int) size];
                try {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = in.readDouble();
                    }
                } catch (EOFException e) {
                    throw new IOException(file + " is truncated in tensor '" + t.path("name").asText() + "'", e);
                }
                out.put(t.path("name").asText(), HostArray.wrap(values, shape));
            }
            if (in.read() >= 0) {
                throw new IOException(file + " has more values than its header lists");
            }
            return out;
        }
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
