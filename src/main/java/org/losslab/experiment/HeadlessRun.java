package org.losslab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.train.EvaluationReport;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;

/** Trains an experiment to the end on the calling thread and writes its run folder: what {@code losslab run} does. */
public final class HeadlessRun {

    /**
     * What a finished headless run reports.
     *
     * @param report the detail of the last evaluation (with the test set, when the data has one and the run
     *     finished), or null if the run never evaluated
     * @param trainingLabelNoise the fraction of flipped training labels; validation and test labels are clean
     */
    public record Outcome(RunStatus status, long steps, double seconds, List<MetricPoint> metrics, String message,
            EvaluationReport report, double trainingLabelNoise) {
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
        EvaluationReport[] report = {null};
        RunControl control = new RunControl();
        String[] message = {""};
        long start = System.nanoTime();
        RunStatus status;
        long steps;
        try (TrainingRun run = new TrainingRun(experiment.setup())) {
            status = run.run(control, new TrainingListener() {
                @Override
                public void onMetrics(List<MetricPoint> points) {
                    metrics.addAll(points);
                }

                @Override
                public void onReport(EvaluationReport r) {
                    report[0] = r;
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
        }
        double seconds = (System.nanoTime() - start) / 1e9;
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
            if (experiment.trainingLabelNoise() > 0) {
                extra.put("trainingLabelNoise", experiment.trainingLabelNoise());
                extra.put("note", "validation and test labels are clean: their accuracy is on the true classes");
            }
            if (report[0] != null) {
                extra.put("evaluation", RunStore.evaluationJson(report[0],
                        experiment.setup().data().train().classNames()));
            }
            store.writeSummary(steps, seconds, metrics, extra);
        }
        return new Outcome(status, steps, seconds, metrics, message[0], report[0], experiment.trainingLabelNoise());
    }
}
