package org.losslab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.losslab.analysis.ClassificationMetrics.ReliabilityBin;
import org.losslab.calibration.CalibrationReport;

/**
 * {@code calibration.json} of a run folder:
 * <pre>{"engine", "bins", "shift", "validationSize", "testSize",
 *  "fits": [{"method", "name", "summary", "lossCurve"?}],
 *  "results": {method: {condition: {"ece", "nll", "accuracy", "meanTemperature", "correctnessAuroc",
 *                                   "reliability": [{"lower", "upper", "count", "meanConfidence", "accuracy"}]}}}}</pre>
 * with methods {@code uncalibrated}, {@code temperature}, {@code ca} and conditions {@code in-distribution},
 * {@code shifted}. An empty bin's mean confidence and accuracy are {@code null}.
 */
public final class CalibrationJson {
    public static final String FILE = "calibration.json";

    private CalibrationJson() {}

    public static ObjectNode toJson(CalibrationReport report) {
        ObjectNode root = Experiments.mapper().createObjectNode();
        root.put("engine", report.engine());
        root.put("bins", report.bins());
        root.put("shift", report.shift());
        root.put("validationSize", report.validationSize());
        root.put("testSize", report.testSize());
        ArrayNode fits = root.putArray("fits");
        for (CalibrationReport.Fit f : report.fits()) {
            ObjectNode fit = fits.addObject();
            fit.put("method", f.method());
            fit.put("name", f.displayName());
            fit.put("summary", f.summary());
            if (f.lossCurve().length > 0) {
                ArrayNode curve = fit.putArray("lossCurve");
                for (double v : f.lossCurve()) {
                    curve.add(v);
                }
            }
        }
        ObjectNode results = root.putObject("results");
        for (CalibrationReport.Outcome o : report.outcomes()) {
            ObjectNode method = results.has(o.method()) ? (ObjectNode) results.get(o.method())
                    : results.putObject(o.method());
            ObjectNode r = method.putObject(o.condition());
            number(r, "ece", o.ece());
            number(r, "nll", o.nll());
            number(r, "accuracy", o.accuracy());
            number(r, "meanTemperature", o.meanTemperature());
            number(r, "correctnessAuroc", o.correctnessAuroc());
            ArrayNode bins = r.putArray("reliability");
            for (ReliabilityBin b : o.reliability()) {
                ObjectNode bin = bins.addObject();
                bin.put("lower", b.lower());
                bin.put("upper", b.upper());
                bin.put("count", b.count());
                number(bin, "meanConfidence", b.meanConfidence());
                number(bin, "accuracy", b.accuracy());
            }
        }
        return root;
    }

    /** Writes {@value #FILE} into {@code dir}. */
    public static Path write(CalibrationReport report, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Files.writeString(file, Experiments.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report))
                + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** NaN (an empty bin) and infinities are not JSON numbers: they are written as null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
