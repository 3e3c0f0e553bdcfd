package org.losslab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.engine.HostArray;
import org.losslab.loss.Family;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.train.MetricPoint;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TeacherLogits;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;

/**
 * The resolved {@code teacher} section of a distillation experiment: either a teacher to train first (same data,
 * seed, optimizer and batch size as the student; its own model, loss and steps) or one loaded from a saved run
 * folder. {@link #obtain} turns it into a frozen {@link TeacherLogits} for the student's batches.
 */
public final class TeacherPlan {
    /** The loss a teacher trains with when its section names none. */
    public static final String DEFAULT_LOSS = "cross-entropy";

    /** The teacher to train, or null when it is loaded. */
    private final TrainingSetup training;
    /** The spec the teacher trains from (as an experiment of its own), or the loaded run's spec. */
    private final ExperimentSpec spec;
    private final Model model;
    /** The loaded parameters, or null when trained. */
    private final Map<String, HostArray> loadedParameters;
    private final Path run;
    /** The student's engine and data: the teacher runs on the one and is scored on the other. */
    private final String engineId;
    private final DataSplit data;

    private TeacherPlan(TrainingSetup student, TrainingSetup training, ExperimentSpec spec, Model model,
            Map<String, HostArray> loaded, Path run) {
        this.engineId = student.engineId();
        this.data = student.data();
        this.training = training;
        this.spec = spec;
        this.model = model;
        this.loadedParameters = loaded;
        this.run = run;
    }

    /**
     * Validates the {@code teacher} section against the resolved student.
     *
     * @return the plan, or null when the spec has no teacher section
     * @throws ExperimentException naming the field, e.g. {@code teacher.model.id} or {@code teacher.steps}
     */
    static TeacherPlan resolve(ExperimentSpec spec, TrainingSetup student) throws ExperimentException {
        ExperimentSpec.Teacher t = spec.teacher();
        if (t == null) {
            return null;
        }
        if (t.run() != null) {
            if (t.model() != null || t.loss() != null || t.steps() != null) {
                throw new ExperimentException("teacher.run", "give either \"run\" (a saved teacher) or \"model\", "
                        + "\"loss\" and \"steps\" (a teacher to train first), not both");
            }
            return load(t.run(), spec, student);
        }
        if (t.model() == null || t.model().id() == null) {
            throw new ExperimentException("teacher.model.id", "a teacher needs a \"model\" to train (e.g. "
                    + "{\"id\": \"cnn\"}) or a \"run\" folder to load it from");
        }
        Model model = prefixed("teacher.", () -> Experiments.model(t.model(), student.data()));
        WeightedLoss loss = t.loss() == null ? WeightedLoss.of(DEFAULT_LOSS)
                : prefixed("teacher.", () -> Experiments.loss(t.loss()));
        if (loss.family() != Family.CLASSIFICATION) {
            throw new ExperimentException("teacher.loss", "loss " + loss.label() + " belongs to "
                    + loss.family().displayName() + ", not to the classification task");
        }
        for (WeightedLoss.Term term : loss.terms()) {
            if (term.loss().spec().requiredInputs().contains("teacherLogits")) {
                throw new ExperimentException("teacher.loss", "the teacher cannot distil itself: '"
                        + term.loss().spec().id() + "' reads teacherLogits; use e.g. " + DEFAULT_LOSS);
            }
        }
        LossWiring.check(loss, model, true, "teacher.");
        long steps = t.steps() == null ? student.steps() : t.steps();
        if (steps < 1 || steps > 10_000_000) {
            throw new ExperimentException("teacher.steps", "must be between 1 and 10000000, got " + steps);
        }
        TrainingSetup training = new TrainingSetup(student.engineId(), student.data(), model, loss,
                student.optimizer(), student.batchSize(), steps, student.seed(),
                (int) Math.min(student.evalEvery(), steps), (int) steps);
        ExperimentSpec teacherSpec = new ExperimentSpec(ExperimentSpec.CURRENT_VERSION,
                "Teacher of " + (spec.name() == null ? "an untitled experiment" : spec.name()),
                "The teacher trained before the student of a distillation experiment.", spec.seed(), spec.engine(),
                spec.task(), spec.data(), t.model(), t.loss() == null ? ExperimentSpec.LossChoice.single(DEFAULT_LOSS)
                        : t.loss(), spec.optimizer(), spec.batchSize(), steps, training.evalEvery(), null);
        return new TeacherPlan(student, training, teacherSpec, model, null, null);
    }

    private static TeacherPlan load(String runText, ExperimentSpec spec, TrainingSetup student)
            throws ExperimentException {
        Path dir;
        try {
            dir = Path.of(runText);
        } catch (InvalidPathException e) {
            throw new ExperimentException("teacher.run", "not a folder path: " + runText);
        }
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException("teacher.run", "no run folder " + dir.toAbsolutePath() + " (a folder "
                    + "written by `losslab run --out`; a distillation run keeps its teacher in <out>/teacher)");
        }
        ExperimentSpec saved;
        try {
            saved = Experiments.read(dir.resolve("experiment.json"));
        } catch (ExperimentException e) {
            throw new ExperimentException("teacher.run", "cannot read the teacher's experiment: " + e.getMessage(), e);
        }
        String savedData = saved.data() == null ? null : saved.data().id();
        String data = spec.data() == null ? null : spec.data().id();
        if (savedData == null || !savedData.equals(data)) {
            throw new ExperimentException("teacher.run", "the teacher in " + dir + " was trained on data '"
                    + savedData + "', this experiment uses '" + data + "'");
        }
        Model model;
        try {
            model = Experiments.model(saved.model(), student.data());
        } catch (ExperimentException e) {
            throw new ExperimentException("teacher.run", "the teacher's model does not fit this data: "
                    + e.getMessage(), e);
        }
        Map<String, HostArray> parameters;
        try {
            parameters = RunStore.readParameters(dir);
        } catch (IOException e) {
            throw new ExperimentException("teacher.run", e.getMessage(), e);
        }
        Map<String, int[]> expected = model.parameterShapes();
        if (!expected.keySet().equals(parameters.keySet())) {
            throw new ExperimentException("teacher.run", "the saved parameters " + parameters.keySet()
                    + " are not those of " + model.describe() + " " + expected.keySet());
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] shape = parameters.get(e.getKey()).shape();
            if (!Arrays.equals(shape, e.getValue())) {
                throw new ExperimentException("teacher.run", "saved parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(shape) + ", " + model.describe() + " needs " + Arrays.toString(e.getValue()));
            }
        }
        return new TeacherPlan(student, null, saved, model, parameters, dir);
    }

    /** True when {@link #obtain} trains the teacher; false when it was loaded from a run folder. */
    public boolean trains() {
        return training != null;
    }

    /** Optimizer steps of the teacher's training (0 when loaded). */
    public long steps() {
        return training == null ? 0 : training.steps();
    }

    public Model model() {
        return model;
    }

    /** The teacher as an experiment of its own: what a run folder stores as its {@code experiment.json}. */
    public ExperimentSpec spec() {
        return spec;
    }

    /** E.g. {@code CNN 1×28×28 → … (relu), cross-entropy, 1500 steps} or {@code …, loaded from runs/x/teacher}. */
    public String describe() {
        return training != null
                ? model.describe() + ", " + training.loss().label() + ", " + training.steps() + " steps"
                : model.describe() + ", loaded from " + run;
    }

    /** A trained or loaded teacher, ready to give logits. Closing it releases the teacher's engine. */
    public record Ready(TeacherLogits logits, Map<String, HostArray> parameters, List<MetricPoint> metrics,
            Map<String, Double> finalValues) implements AutoCloseable {
        @Override
        public void close() {
            logits.close();
        }
    }

    /**
     * Trains the teacher (on the calling thread, honouring {@code control} between steps; {@code listener} sees
     * its progress and metrics) or builds the loaded one, then freezes it.
     *
     * @return the frozen teacher, or null when its training was stopped before the end
     */
    public Ready obtain(RunControl control, TrainingListener listener) throws InterruptedException {
        if (training == null) {
            return loaded();
        }
        List<MetricPoint> metrics = new ArrayList<>();
        Map<String, HostArray> parameters = new LinkedHashMap<>();
        try (TrainingRun teacherRun = new TrainingRun(training)) {
            RunStatus status = teacherRun.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    listener.onProgress(p);
                }

                @Override
                public void onMetrics(List<MetricPoint> points) {
                    metrics.addAll(points);
                    listener.onMetrics(points);
                }

                @Override
                public void onParameters(ParameterSnapshot snapshot) {
                    listener.onParameters(snapshot);
                }
            });
            if (status != RunStatus.FINISHED) {
                return null;
            }
            Map<String, HostArray> last = teacherRun.snapshot().parameters();
            for (String name : model.parameterShapes().keySet()) {
                parameters.put(name, last.get(name));
            }
        }
        return new Ready(new TeacherLogits(engineId, model, parameters), parameters, metrics,
                RunStore.finalValues(metrics));
    }

    /** The loaded teacher, scored on the student's validation and test sets. */
    private Ready loaded() {
        TeacherLogits logits = new TeacherLogits(engineId, model, loadedParameters);
        Map<String, Double> values = new LinkedHashMap<>();
        Dataset validation = data.validation();
        if (validation != null && validation.size() > 0) {
            values.put("val/accuracy", logits.accuracy(validation));
        }
        Dataset test = data.test().orElse(null);
        if (test != null && test.size() > 0) {
            values.put("test/accuracy", logits.accuracy(test));
        }
        return new Ready(logits, loadedParameters, List.of(), values);
    }

    /** Re-targets {@code field} of an error from a shared resolver, e.g. {@code model.id} → {@code teacher.model.id}. */
    private static <T> T prefixed(String prefix, Resolver<T> resolver) throws ExperimentException {
        try {
            return resolver.resolve();
        } catch (ExperimentException e) {
            String field = e.field();
            String message = field.isEmpty() ? e.getMessage() : e.getMessage().substring(field.length() + 2);
            throw new ExperimentException(prefix + field, message, e);
        }
    }

    @FunctionalInterface
    private interface Resolver<T> {
        T resolve() throws ExperimentException;
    }
}
