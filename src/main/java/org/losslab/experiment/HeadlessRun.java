package org.losslab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.losslab.calibration.CalibrationReport;
import org.losslab.calibration.CalibrationSettings;
import org.losslab.calibration.PostHocCalibration;
import org.losslab.engine.HostArray;
import org.losslab.train.EvaluationReport;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;

/**
 * Trains an experiment to the end on the calling thread and writes its run folder: what {@code losslab run} does.
 * A distillation experiment first trains (or loads) its teacher; a trained teacher gets its own run folder,
 * {@code <out>/teacher}, which later experiments can load with {@code "teacher": {"run": …}}. With a
 * {@code calibration} section it then calibrates the trained classifier and writes {@code calibration.json}.
 */
public final class HeadlessRun {

    /**
     * What a finished headless run reports.
     *
     * @param teacher the teacher's last metrics ({@code val/accuracy}, …); empty without a teacher
     * @param report the detail of the last evaluation (with the test set, when the data has one and the run
     *     finished), or null if the run never evaluated
     * @param trainingLabelNoise the fraction of flipped training labels; validation and test labels are clean
     * @param calibration the post-hoc calibration of the trained classifier, or null without a calibration section
     *     (or when training did not finish)
     */
    public record Outcome(RunStatus status, long steps, double seconds, List<MetricPoint> metrics, String message,
            Map<String, Double> teacher, EvaluationReport report, double trainingLabelNoise,
            CalibrationReport calibration) {
        public Map<String, Double> finalValues() {
            return RunStore.finalValues(metrics);
        }
    }

    private HeadlessRun() {}

    /**
     * @param out the run folder, or null to write nothing
     * @param progress receives progress lines (may be null)
     */
    public static Outcome run(ResolvedExperiment experiment, Path out, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        return run(experiment, out, progress, null);
    }

    /**
     * @param out the run folder, or null to write nothing
     * @param progress receives the student's progress (may be null)
     * @param teacherProgress receives the teacher's training progress (may be null)
     */
    public static Outcome run(ResolvedExperiment experiment, Path out, Consumer<Progress> progress,
            Consumer<Progress> teacherProgress) throws IOException, InterruptedException {
        long start = System.nanoTime();
        TrainingSetup setup = experiment.setup();
        TeacherPlan.Ready teacher = null;
        try {
            if (experiment.teacher() != null) {
                String[] teacherProblem = {""};
                teacher = obtainTeacher(experiment, out, teacherProgress, teacherProblem);
                if (teacher == null) {
                    String message = "The teacher could not be trained. " + teacherProblem[0];
                    return new Outcome(RunStatus.DIVERGED, 0, (System.nanoTime() - start) / 1e9, List.of(), message,
                            Map.of(), null, experiment.trainingLabelNoise(), null);
                }
                setup = setup.withExtraInputs(teacher.logits());
            }
            return train(experiment, setup, teacher, out, progress, start);
        } finally {
            if (teacher != null) {
                teacher.close();
            }
        }
    }

    /**
     * Trains (or loads) the experiment's teacher on the calling thread and, when it was trained and {@code out} is
     * given, writes its run folder {@code <out>/teacher}.
     *
     * @param problem receives why the teacher's training stopped, when it did
     * @return the frozen teacher, or null when its training diverged
     */
    static TeacherPlan.Ready obtainTeacher(ResolvedExperiment experiment, Path out, Consumer<Progress> progress,
            String[] problem) throws IOException, InterruptedException {
        long start = System.nanoTime();
        RunControl control = new RunControl();
        TeacherPlan.Ready teacher = experiment.teacher().obtain(control, stoppingOnDivergence(control, problem,
                progress));
        if (teacher != null && out != null && experiment.teacher().trains()) {
            RunStore store = new RunStore(out.resolve("teacher"));
            store.writeSpec(experiment.teacher().spec());
            store.writeMetrics(teacher.metrics());
            store.writeParameters(teacher.parameters());
            store.writeSummary(experiment.teacher().steps(), (System.nanoTime() - start) / 1e9, teacher.metrics(),
                    Map.of("status", "finished", "engine", experiment.setup().engineId()));
        }
        return teacher;
    }

    private static Outcome train(ResolvedExperiment experiment, TrainingSetup setup, TeacherPlan.Ready teacher,
            Path out, Consumer<Progress> progress, long start) throws IOException, InterruptedException {
        List<MetricPoint> metrics = new ArrayList<>();
        EvaluationReport[] report = {null};
        RunControl control = new RunControl();
        String[] message = {""};
        RunStatus status;
        long steps;
        Map<String, HostArray> parameters = new LinkedHashMap<>();
        try (TrainingRun run = new TrainingRun(setup)) {
            TrainingListener listener = stoppingOnDivergence(control, message, progress);
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
                    listener.onProgress(p);
                }
            });
            if (!message[0].isEmpty()) {
                status = RunStatus.DIVERGED;
            }
            steps = run.step();
            Map<String, HostArray> last = run.snapshot().parameters();
            for (String name : setup.model().parameterShapes().keySet()) {
                parameters.put(name, last.get(name));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CalibrationReport calibration = status == RunStatus.FINISHED ? calibrate(experiment, setup, parameters) : null;
        Map<String, Double> teacherValues = teacher == null ? Map.of() : teacher.finalValues();
        if (out != null) {
            RunStore store = new RunStore(out);
            store.writeSpec(experiment.spec());
            store.writeMetrics(metrics);
            store.writeParameters(parameters);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
            extra.put("engine", experiment.setup().engineId());
            if (!message[0].isEmpty()) {
                extra.put("message", message[0]);
            }
            if (teacher != null) {
                Map<String, Object> about = new LinkedHashMap<>();
                about.put("model", experiment.teacher().describe());
                about.put("final", teacherValues);
                extra.put("teacher", about);
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
            if (calibration != null) {
                CalibrationJson.write(calibration, store.dir());
            }
        }
        return new Outcome(status, steps, seconds, metrics, message[0], teacherValues, report[0],
                experiment.trainingLabelNoise(), calibration);
    }

    /** The calibration section's calibrators fitted to the trained classifier, or null without a section. */
    private static CalibrationReport calibrate(ResolvedExperiment experiment, TrainingSetup setup,
            Map<String, HostArray> trained) {
        CalibrationSettings settings;
        try {
            settings = CalibrationSection.settings(experiment.spec(), setup).orElse(null);
        } catch (ExperimentException e) {
            throw new IllegalStateException("the calibration section passed validation but no longer resolves: "
                    + e.getMessage(), e);
        }
        if (settings == null) {
            return null;
        }
        return PostHocCalibration.run(setup.engineId(), setup.model(), trained, setup.data(), settings);
    }

    /** Forwards progress; a divergence (headless: nobody to lower the rate) records its message and stops. */
    private static TrainingListener stoppingOnDivergence(RunControl control, String[] message,
            Consumer<Progress> progress) {
        return new TrainingListener() {
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
        };
    }
}
