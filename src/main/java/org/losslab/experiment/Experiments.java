package org.losslab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.data.DataSplit;
import org.losslab.data.Task;
import org.losslab.engine.Engines;
import org.losslab.engine.OptimizerConfig;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.model.ModelCatalog;
import org.losslab.model.ModelType;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamValues;
import org.losslab.train.ComparisonRun;
import org.losslab.train.MetricSettings;
import org.losslab.train.TrainingSetup;

/** Reads, writes, validates and resolves experiment files. */
public final class Experiments {
    /** A comparison has at least two arms, and more than four do not fit side by side on a screen. */
    public static final int MIN_ARMS = 2;
    public static final int MAX_ARMS = 4;

    /** The embedded default: two spirals, MLP, cross-entropy. */
    public static final String DEFAULT_SAMPLE = "spirals-cross-entropy.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Fewer bins than 2 cannot show a miscalibration; more than 100 leave most bins empty on any bundled set. */
    private static final int MIN_BINS = 2;
    private static final int MAX_BINS = 100;

    private Experiments() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ExperimentSpec read(Path file) throws ExperimentException {
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("", "experiment file not found: " + file);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses JSON text; {@code source} names it in messages. */
    public static ExperimentSpec parse(String json, String source) throws ExperimentException {
        if (json == null || json.isBlank()) {
            throw new ExperimentException("", source + " is empty");
        }
        try {
            return MAPPER.readValue(json, ExperimentSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw new ExperimentException(path, "unknown field '" + e.getPropertyName() + "' in " + source
                    + "; known fields here: " + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            throw new ExperimentException(path(e), "wrong type or value in " + source + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ExperimentException("", source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    public static String toJson(ExperimentSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("experiment could not be written as JSON", e);
        }
    }

    public static void write(ExperimentSpec spec, Path file) throws IOException {
        Files.writeString(file, toJson(spec), StandardCharsets.UTF_8);
    }

    /** A sample shipped on the classpath under {@code samples/}. */
    public static ExperimentSpec sample(String name) throws ExperimentException {
        try (InputStream in = Experiments.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new ExperimentException("", "no bundled sample named " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read bundled sample " + name, e);
        }
    }

    public static ExperimentSpec defaultExperiment() {
        try {
            return sample(DEFAULT_SAMPLE);
        } catch (ExperimentException e) {
            throw new IllegalStateException("the bundled default experiment is broken: " + e.getMessage(), e);
        }
    }

    /** The bundled embedding samples (task {@code embedding}). */
    public static List<String> embeddingSamples() {
        return List.of("digits-embedding-2d-triplet.json", "mnist-triplet-vs-ntxent-vs-dcl.json",
                "digits-ntxent-temperature.json");
    }

    /** Every bundled sample: {@link #samples()} then {@link #embeddingSamples()}; the Samples menu lists these. */
    public static List<String> allSamples() {
        List<String> all = new ArrayList<>(samples());
        all.addAll(embeddingSamples());
        return List.copyOf(all);
    }

    /** The bundled classification and regression sample file names. */
    public static List<String> samples() {
        return List.of(DEFAULT_SAMPLE, "moons-focal.json", "digits-mlp-label-smoothing.json", "mnist-cnn.json",
                "spirals-composite.json", "moons-multi-sample-dropout.json", "mnist-dual-head-kd.json",
                "mnist-kd-vs-dual-head.json", "blobs-poincare.json", "blobs-hyperbolic.json",
                "blobs-ca-vs-temperature.json", "regression-outliers.json", "regression-2d-mae.json",
                "spirals-noise-ce-vs-mae.json", "spirals-noise40-robust-losses.json", "spirals5-zloss-vs-ce.json",
                "moons-small-ensloss.json", "blobs-dco-vs-ce-pass-at-n.json", "spirals-landscape-batch-16.json",
                "spirals-landscape-batch-512.json", "spirals-noise-landscape-ce-vs-mae.json");
    }

    /**
     * Validates every field, resolves ids in the catalogues and loads the data.
     *
     * @throws ExperimentException naming the first bad field
     */
    public static ResolvedExperiment resolve(ExperimentSpec spec) throws ExperimentException {
        if (spec.version() != null && spec.version() != ExperimentSpec.CURRENT_VERSION) {
            throw new ExperimentException("version", "unsupported version " + spec.version() + "; this LossLab reads "
                    + ExperimentSpec.CURRENT_VERSION);
        }
        long seed = spec.seed() == null ? 0 : spec.seed();
        String engine = spec.engine() == null ? Engines.DEFAULT : spec.engine();
        if (!Engines.ids().contains(engine)) {
            throw new ExperimentException("engine", "unknown engine '" + engine + "'; available: " + Engines.ids());
        }
        Task task = task(spec.task());
        int batchSize = require("batchSize", spec.batchSize(), 64);
        if (batchSize < 1 || batchSize > 100_000) {
            throw new ExperimentException("batchSize", "must be between 1 and 100000, got " + batchSize);
        }
        long steps = spec.steps() == null ? 1000 : spec.steps();
        if (steps < 1 || steps > 10_000_000) {
            throw new ExperimentException("steps", "must be between 1 and 10000000, got " + steps);
        }
        int evalEvery = require("evalEvery", spec.evalEvery(), (int) Math.max(1, Math.min(100, steps / 40)));
        if (evalEvery < 1) {
            throw new ExperimentException("evalEvery", "must be at least 1, got " + evalEvery);
        }
        int snapshotEvery = require("snapshotEvery", spec.snapshotEvery(), evalEvery);
        if (snapshotEvery < 1) {
            throw new ExperimentException("snapshotEvery", "must be at least 1, got " + snapshotEvery);
        }
        OptimizerConfig optimizer = optimizer(spec.optimizer());
        DataSplit data = data(spec.data(), seed);
        if (task == Task.EMBEDDING) {
            return resolveEmbedding(spec, data, engine, optimizer, steps, seed, evalEvery, snapshotEvery);
        }
        if (data.train().task() != task) {
            throw new ExperimentException("data.id", "data set '" + spec.data().id() + "' is for "
                    + data.train().task().id() + ", but the task is " + task.id() + "; " + task.id()
                    + " data sets: " + dataIds(task));
        }
        checkArmCount(spec.compare());
        // A comparison may leave the top-level loss out: its arms replace it, and the first arm stands for it.
        boolean lossFromArms = spec.loss() == null && spec.compare() != null && spec.compare().get(0) != null
                && spec.compare().get(0).loss() != null;
        ExperimentSpec.LossChoice lossChoice = lossFromArms ? spec.compare().get(0).loss() : spec.loss();
        String lossField = lossFromArms ? "compare[0].loss" : "loss";
        WeightedLoss loss = lossChoice == null ? WeightedLoss.of(TaskLosses.defaultLoss(task))
                : loss(lossChoice, lossField);
        requireLossesFor(task, lossChoice, loss, lossField);
        requireBinaryWhereNeeded(lossField, loss, data);
        Model model = model(spec.model(), data);
        if (!lossFromArms) {
            // Otherwise the first arm's loss is checked with the arm's own model below.
            LossWiring.check(loss, model, spec.teacher() != null, "");
            BallConsistency.check(loss, model, "loss");
        }
        TrainingSetup setup = new TrainingSetup(engine, data, model, loss, optimizer, batchSize, steps, seed, evalEvery,
                snapshotEvery).withMetrics(metrics(spec.metrics(), data.train().numClasses()));
        CalibrationSection.validate(spec, setup);
        ResolvedExperiment resolved = new ResolvedExperiment(spec, setup, TeacherPlan.resolve(spec, setup),
                arms(spec.compare(), setup, task, spec.teacher() != null));
        if (resolved.isComparison()) {
            try {
                resolved.comparisonOptions();
            } catch (IllegalArgumentException e) {
                throw new ExperimentException("metrics", e.getMessage());
            }
        }
        return resolved;
    }

    /**
     * An embedding experiment: classification data (its labels give the classes, some held out), a model whose
     * outputs are the embedding, a metric-learning loss, P×K batches; a {@code compare} section trains its arms one
     * after the other.
     */
    private static ResolvedExperiment resolveEmbedding(ExperimentSpec spec, DataSplit data, String engine,
            OptimizerConfig optimizer, long steps, long seed, int evalEvery, int snapshotEvery)
            throws ExperimentException {
        if (data.train().task() != Task.CLASSIFICATION) {
            throw new ExperimentException("data.id", "an embedding is learnt from class-labelled data; '"
                    + spec.data().id() + "' is for " + data.train().task().id() + "; labelled data sets: "
                    + dataIds(Task.CLASSIFICATION));
        }
        var settings = EmbeddingSection.settings(spec, data);
        checkArmCount(spec.compare());
        boolean lossFromArms = spec.loss() == null && spec.compare() != null && spec.compare().get(0) != null
                && spec.compare().get(0).loss() != null;
        ExperimentSpec.LossChoice lossChoice = lossFromArms ? spec.compare().get(0).loss() : spec.loss();
        String lossField = lossFromArms ? "compare[0].loss" : "loss";
        WeightedLoss loss = lossChoice == null ? WeightedLoss.of(TaskLosses.defaultLoss(Task.EMBEDDING))
                : loss(lossChoice, lossField);
        requireLossesFor(Task.EMBEDDING, lossChoice, loss, lossField);
        EmbeddingSection.check(loss, lossField);
        Model model = model(spec.model(), data, "model", settings.dim());
        TrainingSetup setup = new TrainingSetup(engine, data, model, loss, optimizer, settings.batchSize(), steps,
                seed, evalEvery, snapshotEvery);
        return new ResolvedExperiment(spec, setup, null,
                EmbeddingSection.arms(spec.compare(), setup, data, settings.dim()));
    }

    private static void checkArmCount(List<ExperimentSpec.Arm> compare) throws ExperimentException {
        if (compare != null && (compare.size() < MIN_ARMS || compare.size() > MAX_ARMS)) {
            throw new ExperimentException("compare", "a comparison has " + MIN_ARMS + " to " + MAX_ARMS
                    + " arms, got " + compare.size());
        }
    }

    /**
     * The {@code compare} section: each arm's loss (and optional model) resolved and checked like the top-level
     * ones, errors named by arm, e.g. {@code compare[2].loss.id}; labels default to the loss's label and must differ
     * (they name the legend entries and the arms' metric files).
     */
    static List<ComparisonRun.Arm> arms(List<ExperimentSpec.Arm> compare, TrainingSetup base, Task task,
            boolean hasTeacher) throws ExperimentException {
        if (compare == null) {
            return List.of();
        }
        checkArmCount(compare);
        List<ComparisonRun.Arm> arms = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < compare.size(); i++) {
            String at = "compare[" + i + "]";
            ExperimentSpec.Arm arm = compare.get(i);
            if (arm == null) {
                throw new ExperimentException(at, "an arm needs at least a loss");
            }
            if (arm.loss() == null) {
                throw new ExperimentException(at + ".loss", "each arm needs a loss: 'id' (+ 'params') or 'terms'");
            }
            WeightedLoss loss = loss(arm.loss(), at + ".loss");
            requireLossesFor(task, arm.loss(), loss, at + ".loss");
            requireBinaryWhereNeeded(at + ".loss", loss, base.data());
            Model model = arm.model() == null ? null : model(arm.model(), base.data(), at + ".model");
            Model trained = model == null ? base.model() : model;
            LossWiring.check(loss, trained, hasTeacher, arm.model() == null ? "" : at + ".");
            BallConsistency.check(loss, trained, at + ".loss");
            if (arm.label() != null && arm.label().isBlank()) {
                throw new ExperimentException(at + ".label", "must not be blank (leave it out to use the loss's name)");
            }
            ComparisonRun.Arm resolved = ComparisonRun.Arm.of(base, arm.label(), loss, model);
            Integer twin = labels.putIfAbsent(resolved.label(), i);
            if (twin != null) {
                throw new ExperimentException(at + ".label", "arm labels must differ; '" + resolved.label()
                        + "' is also the label of compare[" + twin + "]" + (arm.label() == null
                        ? " (give the arms a 'label')" : ""));
            }
            arms.add(resolved);
        }
        return arms;
    }

    /** A binary-only loss (e.g. EnsLoss) on data with other than two classes is refused, naming the loss. */
    static void requireBinaryWhereNeeded(String field, WeightedLoss loss, DataSplit data) throws ExperimentException {
        int classes = data.train().numClasses();
        for (WeightedLoss.Term t : loss.terms()) {
            if (t.loss().spec().binaryOnly() && classes != 2) {
                throw new ExperimentException(field, "loss '" + t.loss().spec().id() + "' is for binary tasks, but "
                        + "the data has " + classes + " classes; pick two-class data (e.g. moons, circles, xor)");
            }
        }
    }

    /** The task named in a file; {@code null} means classification, the task of the first files. */
    static Task task(String name) throws ExperimentException {
        if (name == null) {
            return Task.CLASSIFICATION;
        }
        try {
            return Task.byId(name);
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("task", e.getMessage());
        }
    }

    private static List<String> dataIds(Task task) {
        return DataCatalog.all().stream().filter(s -> s.task() == task).map(DataSource::id).toList();
    }

    /**
     * Refuses a loss (or a term of a weighted sum) that does not fit the task, naming its field.
     *
     * @param at the loss's field, e.g. {@code loss} or {@code compare[1].loss}
     */
    static void requireLossesFor(Task task, ExperimentSpec.LossChoice choice, WeightedLoss loss, String at)
            throws ExperimentException {
        for (int i = 0; i < loss.terms().size(); i++) {
            LossFunction f = loss.terms().get(i).loss();
            if (TaskLosses.accepts(task, f.spec())) {
                continue;
            }
            String field = choice == null || choice.id() != null ? at + ".id" : at + ".terms[" + i + "].id";
            throw new ExperimentException(field, "loss '" + f.spec().id() + "' belongs to "
                    + f.spec().family().displayName() + ", not to the " + task.id() + " task; " + task.id()
                    + " losses: " + TaskLosses.ids(task));
        }
    }

    private static int require(String field, Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    static OptimizerConfig optimizer(ExperimentSpec.OptimizerChoice o) throws ExperimentException {
        if (o == null) {
            return OptimizerConfig.adam(0.01);
        }
        String kindName = o.kind() == null ? "adam" : o.kind().toLowerCase(Locale.ROOT);
        OptimizerConfig.Kind kind;
        try {
            kind = OptimizerConfig.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("optimizer.kind", "unknown optimizer '" + o.kind() + "'; use adam, adamw or sgd");
        }
        double lr = o.learningRate() == null ? (kind == OptimizerConfig.Kind.SGD ? 0.1 : 0.01) : o.learningRate();
        double wd = o.weightDecay() == null ? (kind == OptimizerConfig.Kind.ADAMW ? 0.01 : 0) : o.weightDecay();
        try {
            return new OptimizerConfig(kind, lr, or(o.beta1(), 0.9), or(o.beta2(), 0.999), or(o.epsilon(), 1e-8),
                    or(o.momentum(), kind == OptimizerConfig.Kind.SGD ? 0.9 : 0), wd);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String field = msg.startsWith("optimizer.") ? msg.substring(0, msg.indexOf(' ')) : "optimizer";
            throw new ExperimentException(field, msg.substring(msg.indexOf(' ') + 1));
        }
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    /** The {@code metrics} section: every value optional, each checked against what it can mean for this data. */
    static MetricSettings metrics(ExperimentSpec.Metrics m, int classes) throws ExperimentException {
        if (m == null) {
            return MetricSettings.DEFAULT;
        }
        if (m.topK() != null && (m.topK() < 1 || m.topK() > classes)) {
            throw new ExperimentException("metrics.topK", "must be between 1 and the " + classes
                    + " classes of the data, got " + m.topK());
        }
        if (m.passAtN() != null && m.passAtN() < 1) {
            throw new ExperimentException("metrics.passAtN", "must be at least 1, got " + m.passAtN());
        }
        if (m.calibrationBins() != null && (m.calibrationBins() < MIN_BINS || m.calibrationBins() > MAX_BINS)) {
            throw new ExperimentException("metrics.calibrationBins", "must be between " + MIN_BINS + " and " + MAX_BINS
                    + ", got " + m.calibrationBins());
        }
        return new MetricSettings(m.topK() == null ? 0 : m.topK(), m.passAtN() == null ? 0 : m.passAtN(),
                m.calibrationBins() == null ? MetricSettings.DEFAULT.calibrationBins() : m.calibrationBins());
    }

    static DataSplit data(ExperimentSpec.Component c, long seed) throws ExperimentException {
        if (c == null || c.id() == null) {
            throw new ExperimentException("data.id", "a data set is required; known: " + DataCatalog.ids());
        }
        DataSource source;
        try {
            source = DataCatalog.get(c.id());
        } catch (RuntimeException e) {
            throw new ExperimentException("data.id", e.getMessage());
        }
        ParamValues values = params("data.params", "data set '" + c.id() + "'", source.params(), c.params());
        try {
            return source.load(values, seed);
        } catch (RuntimeException e) {
            throw new ExperimentException("data", "could not load '" + c.id() + "': " + e.getMessage(), e);
        }
    }

    static WeightedLoss loss(ExperimentSpec.LossChoice c) throws ExperimentException {
        return loss(c, "loss");
    }

    /** @param field the name of the loss's field in messages, e.g. {@code loss} or {@code compare[1].loss} */
    static WeightedLoss loss(ExperimentSpec.LossChoice c, String field) throws ExperimentException {
        if (c == null) {
            return WeightedLoss.of("cross-entropy");
        }
        boolean hasId = c.id() != null;
        boolean hasTerms = !c.terms().isEmpty();
        if (hasId == hasTerms) {
            throw new ExperimentException(field, "give either 'id' (one loss) or 'terms' (a weighted sum), not "
                    + (hasId ? "both" : "neither"));
        }
        if (hasId) {
            LossFunction f = lossById(field + ".id", c.id());
            return WeightedLoss.single(f, params(field + ".params", "loss '" + c.id() + "'", f.spec().params(),
                    c.params()));
        }
        List<WeightedLoss.Term> terms = new ArrayList<>();
        for (int i = 0; i < c.terms().size(); i++) {
            ExperimentSpec.Term t = c.terms().get(i);
            String at = field + ".terms[" + i + "]";
            LossFunction f = lossById(at + ".id", t.id());
            double weight = t.weight() == null ? 1.0 : t.weight();
            if (!Double.isFinite(weight)) {
                throw new ExperimentException(at + ".weight", "must be a finite number, got " + weight);
            }
            terms.add(new WeightedLoss.Term(f, weight,
                    params(at + ".params", "loss '" + t.id() + "'", f.spec().params(), t.params())));
        }
        try {
            return new WeightedLoss(terms);
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(field + ".terms", e.getMessage());
        }
    }

    private static LossFunction lossById(String field, String id) throws ExperimentException {
        if (id == null) {
            throw new ExperimentException(field, "a loss id is required; known: " + LossCatalog.get().ids());
        }
        try {
            return LossCatalog.get().byId(id);
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(field, e.getMessage());
        }
    }

    static Model model(ExperimentSpec.Component c, DataSplit data) throws ExperimentException {
        return model(c, data, "model");
    }

    /** @param field the name of the model's field in messages, e.g. {@code model} or {@code compare[1].model} */
    static Model model(ExperimentSpec.Component c, DataSplit data, String field) throws ExperimentException {
        return model(c, data, field, data.train().modelOutputs());
    }

    /** @param outputs the model's outputs: the classes, the regression targets, or the embedding's dimension */
    static Model model(ExperimentSpec.Component c, DataSplit data, String field, int outputs)
            throws ExperimentException {
        if (c == null || c.id() == null) {
            throw new ExperimentException(field + ".id", "a model is required; known: " + ModelCatalog.get().ids());
        }
        ModelType type;
        try {
            type = ModelCatalog.get().byId(c.id());
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(field + ".id", e.getMessage());
        }
        if (type.dense()) {
            throw new ExperimentException(field + ".id", "model '" + c.id() + "' predicts a map per pixel (for "
                    + "segmentation, which has no training task yet); pick one of "
                    + ModelCatalog.get().all().stream().filter(t -> !t.dense()).map(ModelType::id).toList());
        }
        int[] shape = data.train().featureShape();
        String why = type.incompatibility(shape);
        if (why != null) {
            throw new ExperimentException(field + ".id", why);
        }
        ParamValues values = params(field + ".params", "model '" + c.id() + "'", type.params(), c.params());
        return type.build(values, shape, outputs);
    }

    private static ParamValues params(String field, String owner, List<org.losslab.param.ParamSpec> specs,
            Map<String, Object> given) throws ExperimentException {
        try {
            return ParamValues.resolve(owner, specs, given);
        } catch (InvalidParameterException e) {
            throw new ExperimentException(field + "." + e.parameter(), e.getMessage(), e);
        }
    }
}
