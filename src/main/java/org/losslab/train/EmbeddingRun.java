package org.losslab.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.analysis.embedding.EmbeddingMetrics;
import org.losslab.data.Batch;
import org.losslab.data.ClassHoldOut;
import org.losslab.data.Dataset;
import org.losslab.data.PkBatchSampler;
import org.losslab.data.ViewAugmenter;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossInputs;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;

/**
 * Trains an embedding network with a metric-learning or contrastive loss on one thread, and measures it on classes
 * it never saw. The model's outputs are the embedding [N, dim].
 *
 * <p>Two kinds of batch, chosen by the loss's inputs: a loss that reads {@code embeddings} (and {@code labels}) gets
 * class-balanced P×K batches of the seen classes; a loss that reads {@code view1}/{@code view2} gets P·K examples of
 * the seen classes and two random views of each ({@link ViewAugmenter}), the two views passing through the same
 * network. Other inputs (prototypes, more views, multi-label positives) are not supplied by this run, and a loss
 * that needs them is refused by name in {@link #supports}.
 */
public final class EmbeddingRun implements AutoCloseable {
    /** Rows embedded per engine call in evaluation. */
    private static final int EVAL_CHUNK = 512;
    /** Steps between saved copies of the parameters (what a non-finite loss restores). */
    private static final int CHECKPOINT_EVERY = 25;

    private final TrainingSetup setup;
    private final EmbeddingSettings settings;
    private final Model model;
    private final WeightedLoss loss;
    private final boolean twoView;
    private final ClassHoldOut classes;
    private final Dataset seenTrain;
    private final Dataset seenValidation;
    private final Dataset heldOut;
    private final PkBatchSampler sampler;
    private final ViewAugmenter augmenter;
    private final Engine engine;
    private final ParameterStore params;
    private final CompiledProgram trainProgram;
    private final CompiledProgram embedProgram;
    private Optimizer optimizer;
    private final Random noiseRng;
    private final Random prepareRng;
    private final Map<String, Object> prepareState = new HashMap<>();
    private long step;
    private Map<String, HostArray> lastGood;
    private long lastGoodStep;
    /** Saved at a checkpoint, trusted once the next step's loss (computed from them) is finite; see TrainingRun. */
    private Map<String, HostArray> unverified;
    private long unverifiedStep;
    private double lossSinceReport;
    private int stepsSinceReport;
    private double lastLoss = Double.NaN;

    /**
     * Why {@code loss} cannot train in an embedding run, or null when it can: its required inputs must be
     * {@code embeddings} or {@code view1}/{@code view2}, besides at most {@code labels} (optional inputs, such as
     * NT-Xent's pretext logits, are left out).
     */
    public static String supports(WeightedLoss loss) {
        for (WeightedLoss.Term t : loss.terms()) {
            List<String> inputs = t.loss().spec().inputs().stream()
                    .filter(name -> !t.loss().spec().optionalInputs().contains(name)).toList();
            boolean pair = inputs.contains("embeddings");
            boolean views = inputs.contains("view1") && inputs.contains("view2");
            Set<String> allowed = pair ? Set.of("embeddings", "labels") : Set.of("view1", "view2", "labels");
            if ((!pair && !views) || !allowed.containsAll(inputs)) {
                return "loss '" + t.loss().spec().id() + "' reads " + inputs + "; embedding training supplies "
                        + "'embeddings' + 'labels' (P×K batches) or 'view1' + 'view2' (two views) only";
            }
        }
        boolean anyViews = loss.terms().stream().anyMatch(t -> t.loss().spec().inputs().contains("view1"));
        boolean anyPairs = loss.terms().stream().anyMatch(t -> t.loss().spec().inputs().contains("embeddings"));
        return anyViews && anyPairs ? "a weighted sum cannot mix two-view and P×K losses" : null;
    }

    /**
     * @param setup engine, data (classification data: labels), model with {@code dim} outputs, loss, optimizer,
     *     seed and steps; its batch size is replaced by P·K
     * @throws IllegalArgumentException naming the setting or the loss that does not fit
     */
    public EmbeddingRun(TrainingSetup setup, EmbeddingSettings settings) {
        this(setup, settings, Precision.FLOAT32);
    }

    public EmbeddingRun(TrainingSetup setup, EmbeddingSettings settings, Precision precision) {
        this.setup = setup;
        this.settings = settings;
        this.model = setup.model();
        this.loss = setup.loss();
        String why = supports(loss);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (model.outputs() != settings.dim()) {
            throw new IllegalArgumentException("the model outputs " + model.outputs() + " values but dim is "
                    + settings.dim());
        }
        this.twoView = loss.terms().get(0).loss().spec().inputs().contains("view1");
        Dataset train = setup.data().train();
        this.classes = ClassHoldOut.lastClasses(train.numClasses(), settings.heldOutClasses());
        this.seenTrain = classes.seen(train);
        this.seenValidation = classes.seen(setup.data().validation());
        this.heldOut = classes.pooledHeldOut(setup.data(), settings.evalPoints());
        this.sampler = new PkBatchSampler(seenTrain, settings.classesPerBatch(), settings.samplesPerClass(),
                setup.seed() * 31 + 1);
        this.augmenter = new ViewAugmenter(seenTrain, settings.jitter(), setup.seed() * 31 + 4);
        this.noiseRng = new Random(setup.seed() * 31 + 2);
        this.prepareRng = new Random(setup.seed() * 31 + 3);
        this.engine = Engines.create(setup.engineId(), precision);
        try {
            this.params = engine.createParameters(model.initialParameters(new Random(setup.seed())));
            this.trainProgram = engine.compile(twoView ? twoViewProgram(model, loss) : pairProgram(model, loss));
            this.embedProgram = engine.compile(TrainingRun.forwardProgram(model));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        this.optimizer = Optimizer.create(setup.optimizer());
        this.lastGood = params.toHost();
    }

    /** Inputs {@code x} [N,…], {@code labels} [N]: the model's outputs are the {@code embeddings} [N, dim]. */
    static Program pairProgram(Model model, WeightedLoss loss) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x = rest.remove("x");
            rest.put("embeddings", model.forward(ops, x, params, rest));
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", loss.reduced(ops, new LossInputs(rest)));
            return out;
        };
    }

    /** Inputs {@code x1}, {@code x2} [N,…] (two views of the same rows): one network, {@code view1}/{@code view2}. */
    static Program twoViewProgram(Model model, WeightedLoss loss) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> rest = new HashMap<>(inputs);
            Tensor x1 = rest.remove("x1");
            Tensor x2 = rest.remove("x2");
            rest.put("view1", model.forward(ops, x1, params, rest));
            rest.put("view2", model.forward(ops, x2, params, rest));
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", loss.reduced(ops, new LossInputs(rest)));
            return out;
        };
    }

    /**
     * One optimizer step on the next batch.
     *
     * @return the batch's loss; a NaN or infinite loss is returned as it is, and the parameters go back to
     *     {@link #lastGoodStep()} (the caller pauses and says so)
     */
    public double trainStep() {
        int[] rows = sampler.next();
        Batch batch = seenTrain.batch(rows);
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        if (twoView) {
            inputs.put("x1", HostArray.wrap(augmenter.view(batch.features()), batch.shape()));
            inputs.put("x2", HostArray.wrap(augmenter.view(batch.features()), batch.shape()));
        } else {
            inputs.put("x", HostArray.wrap(batch.features(), batch.shape()));
        }
        double[] labels = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = batch.labels()[i];
        }
        inputs.put("labels", HostArray.wrap(labels, rows.length));
        inputs.putAll(model.sampleNoise(rows.length, noiseRng, true));
        inputs.putAll(loss.prepare(inputs, new PrepareContext(prepareRng, step, true, prepareState)));
        Map<String, HostArray> out = trainProgram.trainStep(inputs, params, "loss", optimizer, Set.of("loss"));
        double value = out.get("loss").item();
        if (!Double.isFinite(value)) {
            // The update already applied a non-finite gradient: go back to the last good parameters, with fresh
            // optimizer moments (the old ones hold the non-finite gradient).
            params.load(lastGood);
            unverified = null;
            optimizer = Optimizer.create(setup.optimizer().withLearningRate(optimizer.learningRate()));
            step = lastGoodStep;
            return value;
        }
        step++;
        lastLoss = value;
        lossSinceReport += value;
        stepsSinceReport++;
        if (unverified != null) {
            lastGood = unverified;
            lastGoodStep = unverifiedStep;
            unverified = null;
        }
        if (step % CHECKPOINT_EVERY == 0) {
            unverified = params.toHost();
            unverifiedStep = step;
        }
        return value;
    }

    /** The step the parameters were last saved at, where a non-finite loss sends them back. */
    public long lastGoodStep() {
        return lastGoodStep;
    }

    public void setLearningRate(double lr) {
        optimizer.setLearningRate(lr);
    }

    public double learningRate() {
        return optimizer.learningRate();
    }

    /** The embeddings of every row of {@code data}, in evaluation mode: [size][dim]. */
    public double[][] embed(Dataset data) {
        int d = settings.dim();
        double[][] out = new double[data.size()][d];
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Batch batch = data.batch(idx);
            HostArray z = embedProgram.run(RunRequest.of(Map.of("x", HostArray.wrap(batch.features(),
                    batch.shape()))).fetch("logits"), params).output("logits");
            double[] v = z.data();
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(v, i * d, out[from + i], 0, d);
            }
        }
        return out;
    }

    /** The metrics now, on the held-out classes and the seen classes' validation rows; resets the loss average. */
    public EmbeddingReport evaluate() {
        EmbeddingMetrics.Distance distance = distance();
        double[][] z = embed(heldOut);
        int[] y = heldOut.labels();
        double trainLoss = stepsSinceReport > 0 ? lossSinceReport / stepsSinceReport : Double.NaN;
        lossSinceReport = 0;
        stepsSinceReport = 0;
        if (!allFinite(z)) {
            return new EmbeddingReport(step, trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        double seen = Double.NaN;
        if (seenValidation.size() > 5) {
            Dataset sample = seenValidation.size() > settings.evalPoints()
                    ? seenValidation.subset(firstRows(settings.evalPoints())) : seenValidation;
            seen = EmbeddingMetrics.recallAtK(embed(sample), sample.labels(), 1, distance);
        }
        return new EmbeddingReport(step, trainLoss,
                EmbeddingMetrics.recallAtK(z, y, 1, distance),
                EmbeddingMetrics.recallAtK(z, y, Math.min(5, y.length - 1), distance),
                EmbeddingMetrics.knnAccuracy(z, y, Math.min(5, y.length - 1), distance),
                EmbeddingMetrics.kMeansNmi(z, y, setup.seed()),
                EmbeddingMetrics.uniformity(z),
                EmbeddingMetrics.tolerance(z, y),
                seen);
    }

    /**
     * How neighbours are ranked: by cosine for two-view (contrastive) losses, which compare normalised embeddings,
     * and by Euclidean distance for P×K losses, whose margins are distances.
     */
    public EmbeddingMetrics.Distance distance() {
        return twoView ? EmbeddingMetrics.Distance.COSINE : EmbeddingMetrics.Distance.EUCLIDEAN;
    }

    public boolean isTwoView() {
        return twoView;
    }

    public ClassHoldOut classes() {
        return classes;
    }

    /** Up to {@code max} validation rows of the seen classes (the first ones), for pictures next to the held-out. */
    public Dataset seenValidation(int max) {
        return seenValidation.size() > max ? seenValidation.subset(firstRows(max)) : seenValidation;
    }

    /** The held-out rows the metrics are measured on. */
    public Dataset heldOut() {
        return heldOut;
    }

    public long step() {
        return step;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public EmbeddingSettings settings() {
        return settings;
    }

    public TrainingSetup setup() {
        return setup;
    }

    private static int[] firstRows(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    private static boolean allFinite(double[][] z) {
        for (double[] row : z) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        trainProgram.close();
        embedProgram.close();
        params.close();
        engine.close();
    }
}
