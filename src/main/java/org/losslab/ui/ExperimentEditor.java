package org.losslab.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.losslab.data.DataSource;
import org.losslab.data.Task;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.TaskLosses;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamSpec;
import org.losslab.param.Range;

/**
 * The state of the experiment panel and toolbar, turned into an {@link ExperimentSpec}. Every setter validates
 * and refuses a bad value with an {@link InvalidParameterException} naming the parameter and its rule; a refused
 * value leaves the previous one in place (nothing is clamped). No JavaFX: tests drive it directly.
 *
 * <p>Hyperparameters are kept only where they differ from what the spec or the user gave, so a saved file lists
 * what was chosen, and a picker change starts the new component from its defaults.
 */
public final class ExperimentEditor {

    /** The three parts with catalogue ids and hyperparameters. */
    public enum Part {
        DATA("dataset"),
        MODEL("model"),
        LOSS("loss");

        private final String owner;

        Part(String owner) {
            this.owner = owner;
        }

        /** For messages, e.g. {@code loss 'focal'}. */
        public String owner(String id) {
            return owner + " '" + id + "'";
        }
    }

    public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "sgd");

    static final ParamSpec LEARNING_RATE = ParamSpec.real("learningRate", 0.01, Range.positive(),
            "step size of the optimizer");
    static final ParamSpec BATCH_SIZE = ParamSpec.integer("batchSize", 64, Range.closed(1, 100_000),
            "examples per step");
    static final ParamSpec STEPS = ParamSpec.integer("steps", 1000, Range.closed(1, 10_000_000),
            "optimizer steps to run");
    private static final String TOOLBAR_OWNER = "experiment";

    private final List<String> engines;
    private ExperimentSpec base;
    private Task task;
    private final Map<Part, String> ids = new EnumMap<>(Part.class);
    private final Map<Part, Map<String, Object>> params = new EnumMap<>(Part.class);
    /** A weighted sum from a file, kept as it is until the user picks a single loss. */
    private List<ExperimentSpec.Term> lossTerms = List.of();
    private String optimizer;
    private double learningRate;
    private int batchSize;
    private long steps;
    private long seed;
    private String engine;

    /** @param engines the engine ids that may be chosen */
    public ExperimentEditor(ExperimentSpec spec, List<String> engines) {
        this.engines = List.copyOf(engines);
        load(spec);
    }

    /** Replaces the whole state with {@code spec}'s (e.g. after Open…). */
    public void load(ExperimentSpec spec) {
        this.base = Objects.requireNonNull(spec);
        Task named;
        try {
            named = spec.task() == null ? Task.CLASSIFICATION : Task.byId(spec.task());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("experiment", "task", spec.task(), "must be one of " + Task.ids());
        }
        task = named;
        ids.put(Part.DATA, spec.data() == null ? null : spec.data().id());
        params.put(Part.DATA, new LinkedHashMap<>(spec.data() == null ? Map.of() : spec.data().params()));
        ids.put(Part.MODEL, spec.model() == null ? null : spec.model().id());
        params.put(Part.MODEL, new LinkedHashMap<>(spec.model() == null ? Map.of() : spec.model().params()));
        ExperimentSpec.LossChoice loss = spec.loss() == null
                ? ExperimentSpec.LossChoice.single(TaskLosses.defaultLoss(task)) : spec.loss();
        ids.put(Part.LOSS, loss.id());
        params.put(Part.LOSS, new LinkedHashMap<>(loss.params()));
        lossTerms = loss.id() == null ? loss.terms() : List.of();
        ExperimentSpec.OptimizerChoice o = spec.optimizer();
        optimizer = o == null || o.kind() == null ? "adam" : o.kind().toLowerCase(Locale.ROOT);
        learningRate = o != null && o.learningRate() != null ? o.learningRate() : optimizer.equals("sgd") ? 0.1 : 0.01;
        batchSize = spec.batchSize() == null ? 64 : spec.batchSize();
        steps = spec.steps() == null ? 1000 : spec.steps();
        seed = spec.seed() == null ? 0 : spec.seed();
        engine = spec.engine() == null ? org.losslab.engine.Engines.DEFAULT : spec.engine();
    }

    /** The spec the current state describes. */
    public ExperimentSpec toSpec() {
        ExperimentSpec.LossChoice loss = lossTerms.isEmpty()
                ? new ExperimentSpec.LossChoice(ids.get(Part.LOSS), params.get(Part.LOSS), List.of())
                : new ExperimentSpec.LossChoice(null, Map.of(), lossTerms);
        ExperimentSpec.OptimizerChoice o = base.optimizer();
        boolean sameKind = o != null && o.kind() != null && o.kind().equalsIgnoreCase(optimizer);
        // Settings that belong to one kind (momentum, weight decay) are kept only while the kind stays.
        ExperimentSpec.OptimizerChoice opt = sameKind
                ? new ExperimentSpec.OptimizerChoice(optimizer, learningRate, o.beta1(), o.beta2(), o.epsilon(),
                        o.momentum(), o.weightDecay())
                : new ExperimentSpec.OptimizerChoice(optimizer, learningRate, null, null, null, null, null);
        return new ExperimentSpec(ExperimentSpec.CURRENT_VERSION, base.name(), base.description(), seed, engine,
                task.id(), new ExperimentSpec.Component(ids.get(Part.DATA), params.get(Part.DATA)),
                new ExperimentSpec.Component(ids.get(Part.MODEL), params.get(Part.MODEL)), loss, opt, batchSize,
                steps, base.evalEvery(), base.snapshotEvery(), base.compare(), base.teacher(), base.metrics(),
                base.calibration(), task == Task.EMBEDDING ? base.embedding() : null);
    }

    /** The arms of the file's {@code compare} section, empty when it trains one loss. */
    public List<ExperimentSpec.Arm> compareArms() {
        return base.compare() == null ? List.of() : base.compare();
    }

    public String id(Part part) {
        return ids.get(part);
    }

    public Task task() {
        return task;
    }

    /**
     * Switches the task. A dataset or loss that does not fit the new task is replaced: the dataset by the first of
     * the task in the catalogue, the loss by the task's default (both with their default hyperparameters).
     */
    public void setTask(Task newTask) {
        Objects.requireNonNull(newTask);
        task = newTask;
        String dataId = ids.get(Part.DATA);
        DataSource data = dataId == null ? null : Catalogues.dataSources().stream()
                .filter(d -> d.id().equals(dataId)).findFirst().orElse(null);
        if (data == null || data.task() != newTask.dataTask()) {
            Catalogues.dataSources().stream().filter(d -> d.task() == newTask.dataTask()).findFirst()
                    .ifPresent(d -> {
                        ids.put(Part.DATA, d.id());
                        params.put(Part.DATA, new LinkedHashMap<>());
                    });
        }
        boolean lossFits = lossTerms.isEmpty()
                ? ids.get(Part.LOSS) != null && TaskLosses.accepts(newTask, Catalogues.loss(ids.get(Part.LOSS)))
                : lossTerms.stream().allMatch(t -> TaskLosses.accepts(newTask, Catalogues.loss(t.id())));
        if (!lossFits) {
            lossTerms = List.of();
            ids.put(Part.LOSS, TaskLosses.defaultLoss(newTask));
            params.put(Part.LOSS, new LinkedHashMap<>());
        }
    }

    /**
     * Picks another dataset, model or loss; its hyperparameters start from their defaults. Picking a loss replaces
     * a weighted sum read from a file.
     */
    public void select(Part part, String id) {
        Objects.requireNonNull(id);
        if (part == Part.LOSS && !lossTerms.isEmpty()) {
            lossTerms = List.of();
        } else if (id.equals(ids.get(part))) {
            return;
        }
        Catalogues.params(part, id); // refuses an unknown id, with the known ones
        ids.put(part, id);
        params.put(part, new LinkedHashMap<>());
        if (part == Part.DATA && Catalogues.data(id).task() != task.dataTask()) {
            // Data of another task brings its task along (and a loss that fits it).
            setTask(Catalogues.data(id).task());
        }
    }

    /** True while the loss is a weighted sum of several (from a file). */
    public boolean lossIsComposite() {
        return !lossTerms.isEmpty();
    }

    public List<ExperimentSpec.Term> lossTerms() {
        return lossTerms;
    }

    /** The hyperparameters of the part's current choice (none for a composite loss). */
    public List<ParamSpec> paramSpecs(Part part) {
        if (part == Part.LOSS && lossIsComposite() || ids.get(part) == null) {
            return List.of();
        }
        return Catalogues.params(part, ids.get(part));
    }

    /** The value in effect: the one given, or the default. */
    public Object value(Part part, String name) {
        ParamSpec spec = find(part, name);
        Object given = params.get(part).get(name);
        return given != null ? spec.validate(part.owner(ids.get(part)), given) : spec.defaultValue();
    }

    /**
     * Sets one hyperparameter.
     *
     * @param raw text from a field or a typed value
     * @throws InvalidParameterException naming the parameter, the value and its rule; the old value stays
     */
    public void setParam(Part part, String name, Object raw) {
        ParamSpec spec = find(part, name);
        Object valid = spec.validate(part.owner(ids.get(part)), raw instanceof String s ? s.trim() : raw);
        params.get(part).put(name, valid);
    }

    private ParamSpec find(Part part, String name) {
        return paramSpecs(part).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidParameterException(part.owner(ids.get(part)), name, "?",
                        "is not a parameter; known parameters: "
                                + paramSpecs(part).stream().map(ParamSpec::name).toList()));
    }

    public String optimizer() {
        return optimizer;
    }

    public void setOptimizer(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        if (!OPTIMIZERS.contains(k)) {
            throw new InvalidParameterException("optimizer", "kind", String.valueOf(kind), "must be one of " + OPTIMIZERS);
        }
        optimizer = k;
    }

    public double learningRate() {
        return learningRate;
    }

    /** @throws InvalidParameterException unless a positive, finite number */
    public void setLearningRate(String text) {
        learningRate = (Double) LEARNING_RATE.validate("optimizer", text.trim());
    }

    public int batchSize() {
        return batchSize;
    }

    public void setBatchSize(String text) {
        batchSize = (Integer) BATCH_SIZE.validate(TOOLBAR_OWNER, text.trim());
    }

    public long steps() {
        return steps;
    }

    public void setSteps(String text) {
        steps = (Integer) STEPS.validate(TOOLBAR_OWNER, text.trim().replace(",", "").replace("_", ""));
    }

    public long seed() {
        return seed;
    }

    public void setSeed(String text) {
        try {
            seed = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(TOOLBAR_OWNER, "seed", text, "must be a whole number");
        }
    }

    public String engine() {
        return engine;
    }

    public List<String> engines() {
        return engines;
    }

    public void setEngine(String id) {
        if (!engines.contains(id)) {
            throw new InvalidParameterException(TOOLBAR_OWNER, "engine", String.valueOf(id), "must be one of "
                    + engines);
        }
        engine = id;
    }

    /** Name and description of the experiment (from its file); kept as they are. */
    public String title() {
        return base.name() == null ? "Untitled experiment" : base.name();
    }

    /** Renames the experiment, e.g. after Save As. */
    public void rename(String name) {
        base = base.withName(name);
    }

    /** The terms of a weighted-sum loss as text, e.g. {@code 0.5·cross-entropy + 0.5·mae}. */
    public String compositeLabel() {
        List<String> parts = new ArrayList<>();
        for (ExperimentSpec.Term t : lossTerms) {
            double w = t.weight() == null ? 1 : t.weight();
            parts.add((w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w)) + "·" + t.id());
        }
        return String.join(" + ", parts);
    }
}
