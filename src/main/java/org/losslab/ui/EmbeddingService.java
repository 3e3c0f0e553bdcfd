package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.losslab.experiment.EmbeddingSection;
import org.losslab.experiment.ExperimentException;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ComparisonRun;
import org.losslab.train.EmbeddingRun;
import org.losslab.train.EmbeddingSettings;
import org.losslab.train.EmbeddingTraining;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingSetup;

/**
 * Trains an embedding experiment on one background thread: its single run, or the arms of its comparison
 * interleaved (one step of each in turn, each with its own engine, all from the same initialisation). Every
 * {@code evalEvery} steps each arm is measured on its held-out classes and its embeddings are published for the
 * picture. A non-finite loss pauses the run with the parameters restored, and says which arm.
 */
public final class EmbeddingService implements ControlledRuns, AutoCloseable {
    private record Session(ResolvedExperiment experiment, RunControl control, EmbeddingFeed feed) {}

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-embedding");
        t.setDaemon(true);
        return t;
    });
    private volatile Session current;

    /** Stops the current run (if any) and queues a new, paused one. */
    public synchronized EmbeddingFeed load(ResolvedExperiment experiment) {
        stopCurrent();
        RunControl control = new RunControl();
        control.pause();
        int arms = experiment.isComparison() ? experiment.arms().size() : 1;
        EmbeddingFeed feed = new EmbeddingFeed(arms);
        Session s = new Session(experiment, control, feed);
        current = s;
        thread.execute(() -> runSession(s));
        return feed;
    }

    static List<String> armLabels(ResolvedExperiment r) {
        return r.isComparison() ? r.arms().stream().map(ComparisonRun.Arm::label).toList()
                : List.of(r.setup().loss().label());
    }

    private static List<TrainingSetup> setups(ResolvedExperiment r) {
        return r.isComparison() ? r.arms().stream().map(ComparisonRun.Arm::setup).toList() : List.of(r.setup());
    }

    private void runSession(Session s) {
        if (s.control().isStopped()) {
            return;
        }
        ResolvedExperiment r = s.experiment();
        long total = r.setup().steps();
        List<EmbeddingRun> runs = new ArrayList<>();
        try {
            EmbeddingSettings settings = EmbeddingSection.settings(r.spec(), r.setup().data());
            for (TrainingSetup setup : setups(r)) {
                runs.add(new EmbeddingRun(setup, settings));
            }
            EmbeddingRun first = runs.get(0);
            s.feed().onStarted(String.format(Locale.ROOT, "%s batches of %d×%d; classes %s held out",
                    first.isTwoView() ? "two-view" : "P×K", settings.classesPerBatch(), settings.samplesPerClass(),
                    java.util.Arrays.toString(first.classes().heldOutClasses())));
            new EmbeddingTraining(runs, armLabels(r)).run(s.control(), s.feed());
        } catch (ExperimentException | RuntimeException | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            s.feed().onProgress(new Progress(0, total, 0, Double.NaN, RunStatus.FAILED, "The embedding run could "
                    + "not run: " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runs.forEach(EmbeddingRun::close);
        }
    }

    private void stopCurrent() {
        Session s = current;
        if (s != null) {
            s.control().stop();
        }
        current = null;
    }

    /** Stops the loaded run, e.g. when another experiment is opened. */
    public synchronized void unload() {
        stopCurrent();
    }

    @Override
    public RunControl currentControl() {
        Session s = current;
        return s == null ? null : s.control();
    }

    @Override
    public synchronized void close() {
        stopCurrent();
        thread.shutdown();
    }
}
