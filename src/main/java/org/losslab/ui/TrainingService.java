package org.losslab.ui;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.losslab.analysis.DecisionBoundaryProbe;
import org.losslab.analysis.RegressionFitProbe;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.experiment.TeacherPlan;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;

/**
 * Runs one experiment's {@link TrainingRun} at a time on one background thread ("losslab-training"), which alone
 * builds, drives and closes the run's engine. Everything the run produces goes into a {@link TrainingFeed}; the
 * buttons reach the loop through its {@link RunControl}, honoured between steps.
 *
 * <p>A loaded run starts paused: it builds its engine, evaluates step 0 and shows the untrained model, then waits
 * for {@link #train()} or {@link #step()}. Loading another experiment (or reset) stops the old run; the old one
 * finishes its current step and closes on the same thread before the new one starts.
 *
 * <p>Not a {@code javafx.concurrent.Service}: that would cancel by interrupting the thread, which can break a native
 * library half-way through loading; stopping through {@link RunControl} is always clean. No method blocks.
 */
public final class TrainingService implements RunControls, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-training");
        t.setDaemon(true);
        return t;
    });
    private final boolean withProbe;
    private volatile Session current;

    /**
     * One loaded experiment: its control, its feed and how to close its probe (decision boundary or regression fit).
     */
    private record Session(ResolvedExperiment experiment, RunControl control, TrainingFeed feed,
            Runnable closeProbe) {}

    public TrainingService() {
        this(true);
    }

    /** @param withProbe false to skip the decision-boundary or regression-fit probe (tests that only watch curves) */
    public TrainingService(boolean withProbe) {
        this.withProbe = withProbe;
    }

    /**
     * Stops the current run (if any) and queues a new, paused run of {@code experiment}.
     *
     * @return the feed the new run writes into
     */
    public synchronized TrainingFeed load(ResolvedExperiment experiment) {
        stopCurrent();
        RunControl control = new RunControl();
        control.pause();
        TrainingFeed feed = new TrainingFeed();
        Runnable closeProbe = () -> {};
        RegressionData regression = withProbe ? RegressionData.of(experiment) : null;
        if (regression != null) {
            RegressionFitProbe fitProbe = new RegressionFitProbe(experiment.setup().engineId(),
                    experiment.setup().model(), regression.min(), regression.max(), regression.allPoints(),
                    feed::publishFittedFunction);
            feed.forwardSnapshotsTo(s -> fitProbe.submit(s.step(), s.parameters()));
            closeProbe = fitProbe::close;
        } else if (withProbe) {
            DecisionBoundaryProbe probe = probeFor(experiment, feed);
            if (probe != null) {
                feed.forwardSnapshotsTo(s -> probe.submit(s.step(), s.parameters()));
                closeProbe = probe::close;
            }
        }
        Session session = new Session(experiment, control, feed, closeProbe);
        current = session;
        thread.execute(() -> runSession(session));
        return feed;
    }

    private static DecisionBoundaryProbe probeFor(ResolvedExperiment experiment, TrainingFeed feed) {
        PlaneData plane = PlaneData.of(experiment.setup().data());
        if (plane == null) {
            return null;
        }
        return new DecisionBoundaryProbe(experiment.setup().engineId(), experiment.setup().model(), plane.bounds(),
                DecisionBoundaryProbe.DEFAULT_RESOLUTION, plane.allPoints(), feed::publishDecisionMap);
    }

    private void runSession(Session s) {
        if (s.control().isStopped()) {
            return; // superseded before it began: never build its engine
        }
        long total = s.experiment().setup().steps();
        TeacherPlan.Ready teacher = null;
        try {
            TrainingSetup setup = s.experiment().setup();
            if (s.experiment().teacher() != null) {
                teacher = s.experiment().teacher().obtain(s.control(), teacherStatus(s.feed()::onProgress,
                        "Teacher trained; training the student."));
                if (teacher == null) {
                    return; // stopped during the teacher phase
                }
                setup = setup.withExtraInputs(teacher.logits());
            }
            try (TrainingRun run = new TrainingRun(setup)) {
                s.feed().message(run.engineDescription());
                run.run(s.control(), s.feed());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library that does not load must reach the status bar, not kill the thread.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            s.feed().onProgress(new Progress(0, total, 0, Double.NaN, RunStatus.FAILED, "Training could not run: "
                    + why));
        } finally {
            if (teacher != null) {
                teacher.close();
            }
        }
    }

    /**
     * The teacher's training as seen in the window: its steps as "Training teacher… step s/S" progress, its pauses
     * and divergences as they are; its curves and its finish stay out of the student's views.
     */
    static TrainingListener teacherStatus(Consumer<Progress> feed, String trainedMessage) {
        return new TrainingListener() {
            @Override
            public void onProgress(Progress p) {
                switch (p.status()) {
                    case RUNNING -> feed.accept(new Progress(p.step(), p.totalSteps(), p.stepsPerSecond(),
                            p.lastLoss(), RunStatus.RUNNING, String.format(Locale.ROOT,
                                    "Training teacher… step %,d/%,d", p.step(), p.totalSteps())));
                    case FINISHED -> feed.accept(new Progress(p.step(), p.totalSteps(), p.stepsPerSecond(),
                            p.lastLoss(), RunStatus.RUNNING, trainedMessage));
                    case DIVERGED -> feed.accept(new Progress(p.step(), p.totalSteps(), 0, p.lastLoss(),
                            RunStatus.DIVERGED, "The teacher: " + p.message()));
                    default -> feed.accept(p);
                }
            }
        };
    }

    private void stopCurrent() {
        Session s = current;
        if (s != null) {
            s.control().stop();
            s.closeProbe().run();
        }
        current = null;
    }

    /** Stops the loaded run (if any) without loading another, e.g. while a comparison is loaded. */
    public synchronized void unload() {
        stopCurrent();
    }

    /** Starts or resumes the loaded run. */
    public void train() {
        Session s = current;
        if (s != null) {
            s.control().resume();
        }
    }

    public void pause() {
        Session s = current;
        if (s != null) {
            s.control().pause();
        }
    }

    /** While paused, one more step. */
    public void step() {
        Session s = current;
        if (s != null) {
            s.control().stepOnce();
        }
    }

    /** True while the loaded run is held between steps (or there is none). */
    public boolean isPaused() {
        Session s = current;
        return s == null || s.control().isPaused();
    }

    /** Applied by the loop before its next step; parameters and history are kept. */
    public void setLearningRate(double lr) {
        Session s = current;
        if (s != null) {
            s.control().setLearningRate(lr);
        }
    }

    /** The experiment of the loaded run, or null. */
    public ResolvedExperiment experiment() {
        Session s = current;
        return s == null ? null : s.experiment();
    }

    /** The loaded run's feed, or null. */
    public TrainingFeed feed() {
        Session s = current;
        return s == null ? null : s.feed();
    }

    /** Stops the run and lets the thread end once it has closed the engine. */
    @Override
    public synchronized void close() {
        stopCurrent();
        thread.shutdown();
    }
}
