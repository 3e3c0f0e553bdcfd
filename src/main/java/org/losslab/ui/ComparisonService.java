package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.losslab.analysis.DecisionBoundaryProbe;
import org.losslab.experiment.HeadlessComparison;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.experiment.TeacherPlan;
import org.losslab.train.ComparisonRun;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;

/**
 * Runs one comparison at a time on one background thread ("losslab-comparison"), which alone builds, drives and
 * closes the {@link ComparisonRun} and its engine(s); its output goes into a {@link ComparisonFeed}. Each arm gets
 * its own decision-boundary probe (2-D data only), fed with that arm's snapshots.
 *
 * <p>The same life cycle as {@link TrainingService}: a loaded comparison starts paused (step 0 evaluated and shown),
 * loading another (or unloading) stops the old one between steps, and no method blocks.
 */
public final class ComparisonService implements ControlledRuns, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-comparison");
        t.setDaemon(true);
        return t;
    });
    private final boolean withProbes;
    private volatile Session current;

    private record Session(ResolvedExperiment experiment, RunControl control, ComparisonFeed feed,
            List<DecisionBoundaryProbe> probes) {}

    public ComparisonService() {
        this(true);
    }

    /** @param withProbes false to skip the decision-boundary probes (tests that only watch the curves) */
    public ComparisonService(boolean withProbes) {
        this.withProbes = withProbes;
    }

    /**
     * Stops the current comparison (if any) and queues a new, paused one of {@code experiment}'s arms.
     *
     * @return the feed the new comparison writes into
     */
    public synchronized ComparisonFeed load(ResolvedExperiment experiment) {
        if (!experiment.isComparison()) {
            throw new IllegalArgumentException("experiment '" + experiment.title() + "' has no compare section");
        }
        stopCurrent();
        RunControl control = new RunControl();
        control.pause();
        List<ComparisonRun.Arm> arms = experiment.arms();
        ComparisonFeed feed = new ComparisonFeed(arms.size());
        List<DecisionBoundaryProbe> probes = new ArrayList<>();
        PlaneData plane = withProbes ? PlaneData.of(experiment.setup().data()) : null;
        if (plane != null) {
            for (int i = 0; i < arms.size(); i++) {
                int arm = i;
                probes.add(new DecisionBoundaryProbe(experiment.setup().engineId(), arms.get(i).setup().model(),
                        plane.bounds(), DecisionBoundaryProbe.DEFAULT_RESOLUTION, plane.allPoints(),
                        map -> feed.publishDecisionMap(arm, map)));
            }
            feed.forwardSnapshotsTo((arm, s) -> probes.get(arm).submit(s.step(), s.parameters()));
        }
        Session session = new Session(experiment, control, feed, probes);
        current = session;
        thread.execute(() -> runSession(session));
        return feed;
    }

    private void runSession(Session s) {
        if (s.control().isStopped()) {
            return; // superseded before it began: never build its engine
        }
        long total = s.experiment().setup().steps();
        TeacherPlan.Ready teacher = null;
        try {
            List<ComparisonRun.Arm> arms = s.experiment().arms();
            if (s.experiment().teacher() != null) {
                teacher = s.experiment().teacher().obtain(s.control(), TrainingService.teacherStatus(
                        s.feed()::onProgress, "Teacher trained; training the arms."));
                if (teacher == null) {
                    return; // stopped during the teacher phase
                }
                arms = HeadlessComparison.withInputs(arms, teacher.logits());
            }
            try (ComparisonRun run = new ComparisonRun(arms, s.experiment().comparisonOptions())) {
                s.feed().started(run.strategy(), run.strategyNote(), run.engineDescription());
                run.run(s.control(), s.feed());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library that does not load must reach the status bar, not kill the thread.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            s.feed().onProgress(new Progress(0, total, 0, Double.NaN, RunStatus.FAILED, "The comparison could not "
                    + "run: " + why));
        } finally {
            if (teacher != null) {
                teacher.close();
            }
        }
    }

    private void stopCurrent() {
        Session s = current;
        if (s != null) {
            s.control().stop();
            s.probes().forEach(DecisionBoundaryProbe::close);
        }
        current = null;
    }

    /** Stops the loaded comparison (if any), e.g. when a single experiment is opened. */
    public synchronized void unload() {
        stopCurrent();
    }

    @Override
    public RunControl currentControl() {
        Session s = current;
        return s == null ? null : s.control();
    }

    /** The loaded comparison, or null. */
    public ResolvedExperiment experiment() {
        Session s = current;
        return s == null ? null : s.experiment();
    }

    /** The loaded comparison's feed, or null. */
    public ComparisonFeed feed() {
        Session s = current;
        return s == null ? null : s.feed();
    }

    /** Stops the comparison and lets the thread end once it has closed the engine. */
    @Override
    public synchronized void close() {
        stopCurrent();
        thread.shutdown();
    }
}
