package org.losslab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.calibration.CalibrationReport;
import org.losslab.calibration.CalibrationSettings;
import org.losslab.calibration.PostHocCalibration;
import org.losslab.engine.HostArray;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;

/**
 * Trains an experiment to the end on the calling thread and writes its run folder: what {@code losslab run} does.
 * With a {@code calibration} section it then calibrates the trained classifier and writes {@code calibration.json}.
 */
public final class HeadlessRun {

    /**
     * What a finished headless run reports.
     *
     * @param calibration the post-hoc calibration of the trained classifier, or null without a calibration section
     *     (or when training did not finish)
     */
    public record Outcome(RunStatus status, long steps, double seconds, List<MetricPoint> metrics, String message,
            CalibrationReport calibration) {
        public Outcome(RunStatus status, long steps, double seconds, List<MetricPoint> metrics, String message) {
            this(status, steps, seconds, metrics, message, null);
        }

        public Map<String, Double> finalValues() {
            return RunStore.finalValues(metrics);
        }
    }

    private HeadlessRun() {}

    /**
     * @param out the run folder, or null to write nothing
     * @param progress receives progress lines (may be null)
     */
    public static Outcome run(ResolvedExperiment experiment, Path out, java.util.function.Consumer<Progress> progress)
            throws IOException, InterruptedException {
        List<MetricPoint> metrics = new ArrayList<>();
        RunControl control = new RunControl();
        String[] message = {""};
        long start = System.nanoTime();
        RunStatus status;
        long steps;
        Map<String, HostArray> trained;
        try (TrainingRun run = new TrainingRun(experiment.setup())) {
            status = run.run(control, new TrainingListener() {
                @Override
                public void onMetrics(List<MetricPoint> points) {
                    metrics.addAll(points);
                }

                @Override
                public void onProgress(Progress p) {
                    if (p.status() == RunStatus.DIVERGED) {
                        message[0] = p.message();
                        control.stop();
                    }
                    if (progress != null) {
                        progress.accept(p);
                    }
                }
            });
            if (!message[0].isEmpty()) {
                status = RunStatus.DIVERGED;
            }
            steps = run.step();
            trained = run.snapshot().parameters();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CalibrationReport calibration = status == RunStatus.FINISHED ? calibrate(experiment, trained) : null;
        if (out != null) {
            RunStore store = new RunStore(out);
            store.writeSpec(experiment.spec());
            store.writeMetrics(metrics);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
            extra.put("engine", experiment.setup().engineId());
            if (!message[0].isEmpty()) {
                extra.put("message", message[0]);
            }
            store.writeSummary(steps, seconds, metrics, extra);
            if (calibration != null) {
                CalibrationJson.write(calibration, store.dir());
            }
        }
        return new Outcome(status, steps, seconds, metrics, message[0], calibration);
    }

    /** The calibration section's calibrators fitted to the trained classifier, or null without a section. */
    private static CalibrationReport calibrate(ResolvedExperiment experiment, Map<String, HostArray> trained) {
        CalibrationSettings settings;
        try {
            settings = CalibrationSection.settings(experiment.spec(), experiment.setup()).orElse(null);
        } catch (ExperimentException e) {
            throw new IllegalStateException("the calibration section passed validation but no longer resolves: "
                    + e.getMessage(), e);
        }
        if (settings == null) {
            return null;
        }
        TrainingSetup setup = experiment.setup();
        return PostHocCalibration.run(setup.engineId(), setup.model(), trained, setup.data(), settings);
    }
}
