package org.losslab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.data.Task;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Model;
import org.losslab.model.StackedModel;

/**
 * Several losses (and possibly networks) trained side by side on the same data split, initialisation, seed and
 * batch order, so that the only difference between the arms is what they were built to differ in. No UI.
 *
 * <p>Two execution strategies, picked automatically and reported by {@link #strategy()}:
 * <ul>
 *   <li>{@value #BATCHED}: every arm uses the same {@link StackedModel} network and no loss reads the
 *       predictions in {@code prepare}. The k parameter sets live stacked in one store and train as one compiled
 *       program, one optimizer step for all; the arms reproduce k separate {@link TrainingRun}s.</li>
 *   <li>{@value #INTERLEAVED}: otherwise (a CNN, different networks, losses that prepare from predictions): k
 *       {@link TrainingRun}s stepped round-robin on the calling thread.</li>
 * </ul>
 *
 * <p>Divergence: in interleaved mode an arm whose step is refused is restored, marked and held while the others go
 * on; it tries again when the learning rate changes, or when the user resumes after every other arm has finished.
 * In batched mode the arms share one store, so every arm is restored to the shared checkpoint, the comparison
 * pauses and the message names the arm that diverged.
 *
 * <p>Like {@link TrainingRun} it owns its engine(s): only the thread that calls {@link #run} or {@link #trainStep}
 * may use it. Everything it publishes is a host copy.
 */
public final class ComparisonRun implements AutoCloseable {
    public static final String BATCHED = "batched";
    public static final String INTERLEAVED = "interleaved";
    /** More arms than this would not fit side by side in any view, and a comparison is about looking at them. */
    public static final int MAX_ARMS = 8;

    /**
     * One arm: a label for legends and tables, and the complete setup it trains.
     *
     * @param label legend text, not blank
     * @param setup the arm's setup; every arm shares engine, data, optimizer, batch size, steps, seed and the
     *     evaluation and snapshot intervals
     */
    public record Arm(String label, TrainingSetup setup) {
        public Arm {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("an arm needs a label");
            }
            Objects.requireNonNull(setup, "setup");
        }

        /**
         * {@code base} with another loss and, when {@code model} is not null, another network.
         *
         * @param label legend text, or null for the loss's label (e.g. {@code focal})
         */
        public static Arm of(TrainingSetup base, String label, WeightedLoss loss, Model model) {
            TrainingSetup setup = base.withLoss(loss);
            if (model != null) {
                setup = setup.withModel(model);
            }
            return new Arm(label == null || label.isBlank() ? loss.label() : label, setup);
        }
    }

    /**
     * How to run a comparison.
     *
     * @param precision float32 (default) or float64
     * @param strategy {@value #BATCHED}, {@value #INTERLEAVED}, or null to choose automatically; asking for batched
     *     arms that cannot be batched is refused with the reason
     * @param topK k of the reported top-k accuracy, or 0 for the default (2 up to 5 classes, else 5; left out where
     *     k would reach the class count)
     * @param calibrationBins bins of the expected calibration error
     */
    public record Options(Precision precision, String strategy, int topK, int calibrationBins) {
        public static final Options DEFAULT = new Options(Precision.FLOAT32, null, 0,
                ClassificationMetrics.DEFAULT_BINS);

        public Options {
            Objects.requireNonNull(precision, "precision");
            if (strategy != null && !strategy.equals(BATCHED) && !strategy.equals(INTERLEAVED)) {
                throw new IllegalArgumentException("strategy must be " + BATCHED + " or " + INTERLEAVED + " (or "
                        + "absent to choose automatically), got '" + strategy + "'");
            }
            if (topK < 0) {
                throw new IllegalArgumentException("topK must be at least 1 (or 0 for the default), got " + topK);
            }
            if (calibrationBins < 1) {
                throw new IllegalArgumentException("calibrationBins must be at least 1, got " + calibrationBins);
            }
        }

        public Options withPrecision(Precision p) {
            return new Options(p, strategy, topK, calibrationBins);
        }

        public Options withStrategy(String s) {
            return new Options(precision, s, topK, calibrationBins);
        }

        public Options withMetrics(int k, int bins) {
            return new Options(precision, strategy, k, bins);
        }
    }

    private final List<Arm> arms;
    private final ArmGroup group;
    private final String strategyNote;
    private final TrainingSetup common;
    private final int topK;
    /** The resolved top-k (0 = none), pass@N of the arms' setups and the calibration bins. */
    private final MetricSettings metrics;
    private final boolean[] held;
    private final String[] divergence;
    private boolean started;

    public ComparisonRun(List<Arm> arms) {
        this(arms, Options.DEFAULT);
    }

    public ComparisonRun(List<Arm> arms, Options options) {
        this.arms = List.copyOf(arms);
        checkArms(this.arms);
        this.common = this.arms.get(0).setup();
        String why = whyNotBatched(this.arms);
        boolean batched = options.strategy() == null ? why == null : options.strategy().equals(BATCHED);
        if (batched && why != null) {
            throw new IllegalArgumentException("these arms cannot be batched: " + why);
        }
        List<TrainingSetup> setups = this.arms.stream().map(Arm::setup).toList();
        this.group = batched ? new StackedArms(setups, options.precision())
                : new InterleavedArms(setups, options.precision());
        this.strategyNote = batched
                ? "the " + arms.size() + " parameter sets are stacked and trained as one graph"
                : why == null ? "interleaved on request" : why;
        int classes = common.data().train().numClasses();
        MetricSettings asked = common.metrics();
        this.topK = SplitMetrics.topKFor(options.topK() > 0 ? options.topK() : asked.topK(), classes);
        this.metrics = new MetricSettings(topK, asked.passAtN(), options.calibrationBins());
        this.held = new boolean[this.arms.size()];
        this.divergence = new String[this.arms.size()];
    }

    /** Refuses arm lists that would not compare like with like, naming the arm and the setting. */
    private static void checkArms(List<Arm> arms) {
        if (arms.isEmpty() || arms.size() > MAX_ARMS) {
            throw new IllegalArgumentException("a comparison needs 1 to " + MAX_ARMS + " arms, got " + arms.size());
        }
        TrainingSetup a = arms.get(0).setup();
        for (int i = 0; i < arms.size(); i++) {
            TrainingSetup b = arms.get(i).setup();
            String who = "arm " + (i + 1) + " (" + arms.get(i).label() + ")";
            if (b.model().outputs() != b.data().train().modelOutputs()) {
                throw new IllegalArgumentException(who + ": the model has " + b.model().outputs()
                        + " outputs but the data needs " + b.data().train().modelOutputs());
            }
            differ(who, "engine", a.engineId().equals(b.engineId()));
            differ(who, "data", a.data() == b.data() || a.data().equals(b.data()));
            differ(who, "optimizer", a.optimizer().equals(b.optimizer()));
            differ(who, "batchSize", a.batchSize() == b.batchSize());
            differ(who, "steps", a.steps() == b.steps());
            differ(who, "seed", a.seed() == b.seed());
            differ(who, "evalEvery", a.evalEvery() == b.evalEvery());
            differ(who, "snapshotEvery", a.snapshotEvery() == b.snapshotEvery());
        }
    }

    private static void differ(String who, String field, boolean same) {
        if (!same) {
            throw new IllegalArgumentException(who + " differs from arm 1 in " + field + "; the arms of a comparison "
                    + "differ only in their loss and model");
        }
    }

    /**
     * Why these arms cannot train as one stacked graph, or null when they can: they must share one network that
     * has a stacked forward pass, and no loss may need the model's outputs before its step ({@code prepare} from
     * predictions) or read a model output other than the logits.
     */
    public static String whyNotBatched(List<Arm> arms) {
        Model first = arms.get(0).setup().model();
        if (arms.get(0).setup().data().train().task() != Task.CLASSIFICATION) {
            return "the stacked graph scores class labels; " + arms.get(0).setup().data().train().task().id()
                    + " arms train interleaved";
        }
        if (!(first instanceof StackedModel stacked)) {
            return first.describe() + " has no stacked forward pass";
        }
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            String who = "arm " + (i + 1) + " (" + arm.label() + ")";
            Model m = arm.setup().model();
            if (i > 0 && !stacked.stacksWith(m)) {
                return who + " trains another network (" + m.describe() + " vs " + first.describe() + ")";
            }
            for (WeightedLoss.Term t : arm.setup().loss().terms()) {
                if (t.loss().preparesFromPredictions()) {
                    return who + ": " + t.loss().spec().id() + " reads the predictions before each step";
                }
                for (String input : t.loss().spec().inputs()) {
                    if (!input.equals("logits") && m.outputNames().contains(input)) {
                        return who + ": " + t.loss().spec().id() + " reads the model output '" + input + "'";
                    }
                }
            }
        }
        return null;
    }

    public List<Arm> arms() {
        return arms;
    }

    /** {@value #BATCHED} or {@value #INTERLEAVED}. */
    public String strategy() {
        return group.strategy();
    }

    /** Why this strategy, in a phrase for the status bar. */
    public String strategyNote() {
        return strategyNote;
    }

    /** The k of the reported top-k accuracy, or 0 when none is reported. */
    public int topK() {
        return topK;
    }

    public long step(int arm) {
        return group.step(arm);
    }

    /** The step of the arm furthest ahead. */
    public long leadStep() {
        long lead = 0;
        for (int i = 0; i < arms.size(); i++) {
            lead = Math.max(lead, group.step(i));
        }
        return lead;
    }

    public double lastLoss(int arm) {
        return group.lastLoss(arm);
    }

    /** The guard's message of the arm's last refused step (prefixed with its label), or null. */
    public String divergence(int arm) {
        return divergence[arm];
    }

    /** True while the arm is held after a refused step (interleaved mode). */
    public boolean isHeld(int arm) {
        return held[arm];
    }

    public String engineDescription() {
        return group.engineDescription();
    }

    /** Applies to every arm from its next step. */
    public void setLearningRate(double lr) {
        group.setLearningRate(lr);
    }

    /**
     * One step of every arm that is neither finished nor held.
     *
     * @return true when no arm's step was refused
     */
    public boolean trainStep() {
        for (String refusal : stepActive(active())) {
            if (refusal != null) {
                return false;
            }
        }
        return true;
    }

    /** Steps the arms in {@code which}; returns per arm null or its labelled refusal, and holds refused arms. */
    private String[] stepActive(boolean[] which) {
        String[] refused = group.trainStep(which);
        for (int i = 0; i < refused.length; i++) {
            if (refused[i] != null) {
                refused[i] = arms.get(i).label() + ": " + refused[i];
                divergence[i] = refused[i];
                held[i] = !group.restoresTogether();
            }
        }
        return refused;
    }

    /** Metrics of every arm at its current step (train metrics averaged since the last evaluation). */
    public List<List<MetricPoint>> evaluate(boolean includeTest) {
        boolean[] all = new boolean[arms.size()];
        Arrays.fill(all, true);
        return group.evaluate(all, includeTest, metrics);
    }

    /** A host copy of one arm's parameters, with the shapes of its model's {@code parameterShapes()}. */
    public ParameterSnapshot snapshot(int arm) {
        boolean[] which = new boolean[arms.size()];
        which[arm] = true;
        return group.snapshots(which).get(arm);
    }

    private boolean[] active() {
        boolean[] active = new boolean[arms.size()];
        for (int i = 0; i < active.length; i++) {
            active[i] = !held[i] && group.step(i) < common.steps();
        }
        return active;
    }

    private static boolean any(String[] values) {
        for (String v : values) {
            if (v != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private boolean finished() {
        for (int i = 0; i < arms.size(); i++) {
            if (group.step(i) < common.steps()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs until every arm has done the configured steps or {@code control} stops it. Pause, single step, stop and
     * learning-rate changes apply to all arms; a single step advances every active arm by one.
     */
    public RunStatus run(RunControl control, ComparisonListener listener) throws InterruptedException {
        int k = arms.size();
        long total = common.steps();
        boolean[] all = new boolean[k];
        Arrays.fill(all, true);
        if (!started) {
            started = true;
            publishEvaluation(listener, all, false);
            publishSnapshots(listener, all);
        }
        long lastTick = System.nanoTime();
        double speed = 0;
        boolean retryHeld = false;
        while (!finished()) {
            if (!any(active())) {
                // Only arms held by the guard are left: wait for a lower rate (or a plain resume to retry).
                control.pause();
                listener.onProgress(new Progress(leadStep(), total, 0, Double.NaN, RunStatus.DIVERGED, heldMessage()));
                retryHeld = true;
            }
            final double shown = speed;
            boolean go = control.awaitPermission(() -> listener.onProgress(new Progress(leadStep(), total, shown,
                    Double.NaN, RunStatus.PAUSED, "Paused at step " + leadStep())));
            if (!go) {
                listener.onProgress(new Progress(leadStep(), total, speed, Double.NaN, RunStatus.STOPPED,
                        "Stopped at step " + leadStep()));
                return RunStatus.STOPPED;
            }
            double lr = control.takeLearningRate();
            if (!Double.isNaN(lr)) {
                group.setLearningRate(lr);
                retryHeld = true;
            }
            if (retryHeld) {
                Arrays.fill(held, false);
                retryHeld = false;
            }
            boolean[] stepping = active();
            String[] refused = stepActive(stepping);
            if (any(refused) && group.restoresTogether()) {
                control.pause();
                publishSnapshots(listener, all);
                for (int i = 0; i < k; i++) {
                    listener.onArmProgress(i, armProgress(i, 0, refused[i] != null ? RunStatus.DIVERGED
                            : RunStatus.PAUSED));
                }
                listener.onProgress(new Progress(leadStep(), total, 0, Double.NaN, RunStatus.DIVERGED,
                        batchedDivergenceMessage(refused)));
                continue;
            }
            for (int i = 0; i < k; i++) {
                if (refused[i] != null) {
                    stepping[i] = false;
                    boolean[] one = new boolean[k];
                    one[i] = true;
                    publishSnapshots(listener, one);
                    listener.onArmProgress(i, armProgress(i, 0, RunStatus.DIVERGED));
                }
            }
            long now = System.nanoTime();
            double instant = 1e9 / Math.max(1, now - lastTick);
            lastTick = now;
            speed = speed == 0 ? instant : 0.95 * speed + 0.05 * instant;
            boolean[] evaluateNow = new boolean[k];
            boolean[] evaluateLast = new boolean[k];
            boolean[] snapshotNow = new boolean[k];
            for (int i = 0; i < k; i++) {
                if (!stepping[i]) {
                    continue;
                }
                long s = group.step(i);
                boolean last = s == total;
                evaluateLast[i] = last;
                evaluateNow[i] = !last && s % common.evalEvery() == 0;
                snapshotNow[i] = last || s % common.snapshotEvery() == 0;
            }
            publishEvaluation(listener, evaluateNow, false);
            publishEvaluation(listener, evaluateLast, true);
            publishSnapshots(listener, snapshotNow);
            for (int i = 0; i < k; i++) {
                if (stepping[i]) {
                    listener.onArmProgress(i, armProgress(i, speed,
                            group.step(i) == total ? RunStatus.FINISHED : RunStatus.RUNNING));
                }
            }
            boolean done = finished();
            listener.onProgress(new Progress(leadStep(), total, speed, Double.NaN,
                    done ? RunStatus.FINISHED : RunStatus.RUNNING, done ? "Finished " + total + " steps" : ""));
        }
        return RunStatus.FINISHED;
    }

    private Progress armProgress(int arm, double speed, RunStatus status) {
        String message = status == RunStatus.DIVERGED ? divergence[arm] : "";
        return new Progress(group.step(arm), common.steps(), speed, group.lastLoss(arm), status,
                message == null ? "" : message);
    }

    private String heldMessage() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            if (held[i]) {
                parts.add(divergence[i]);
            }
        }
        return String.join(" ", parts) + " The other arms have finished; lower the learning rate and resume to "
                + "retry.";
    }

    private String batchedDivergenceMessage(String[] refused) {
        List<String> parts = new ArrayList<>();
        for (String r : refused) {
            if (r != null) {
                parts.add(r);
            }
        }
        return String.join(" ", parts) + " The arms share one stacked parameter store, so every arm went back to "
                + "step " + leadStep() + ".";
    }

    private void publishEvaluation(ComparisonListener listener, boolean[] which, boolean includeTest) {
        if (!any(which)) {
            return;
        }
        List<List<MetricPoint>> points = group.evaluate(which, includeTest, metrics);
        for (int i = 0; i < which.length; i++) {
            if (which[i]) {
                listener.onArmMetrics(i, points.get(i));
            }
        }
    }

    private void publishSnapshots(ComparisonListener listener, boolean[] which) {
        if (!any(which)) {
            return;
        }
        List<ParameterSnapshot> snapshots = group.snapshots(which);
        for (int i = 0; i < which.length; i++) {
            if (which[i]) {
                listener.onArmParameters(i, snapshots.get(i));
            }
        }
    }

    @Override
    public void close() {
        group.close();
    }
}
