package org.losslab.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import org.losslab.train.ComparisonListener;
import org.losslab.train.MetricPoint;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.losslab.viz.DecisionMap;

/**
 * Where a comparison's output waits for the next frame: the {@link TrainingFeed} of k arms. Producers (the
 * comparison thread, the arms' probes) return at once; the FX thread takes everything with {@link #drain()} once
 * per frame. Streams (metric points, status changes, messages) are queued so none is lost; states (progress, decision
 * maps) are latest-value holders.
 */
public final class ComparisonFeed implements ComparisonListener {
    /** Metric points of one arm, in arrival order. */
    public record ArmPoints(int arm, List<MetricPoint> points) {}

    /** A non-running progress of one arm (diverged, finished), in order. */
    public record ArmEvent(int arm, Progress progress) {}

    /** How the comparison runs, once its engine is up. */
    public record Strategy(String name, String note, String device) {}

    private final int arms;
    private final ConcurrentLinkedQueue<ArmPoints> points = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Progress> statusChanges = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ArmEvent> armEvents = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private final AtomicReferenceArray<Progress> armProgress;
    private final AtomicReferenceArray<DecisionMap> maps;
    private final AtomicReference<Strategy> strategy = new AtomicReference<>();
    private final List<BiConsumer<Integer, ParameterSnapshot>> snapshotSinks = new CopyOnWriteArrayList<>();

    public ComparisonFeed(int arms) {
        this.arms = arms;
        this.armProgress = new AtomicReferenceArray<>(arms);
        this.maps = new AtomicReferenceArray<>(arms);
    }

    public int arms() {
        return arms;
    }

    /**
     * Also hands every arm's parameter snapshot to {@code sink} on the comparison thread (the decision-boundary
     * probes, the landscape probes); sinks must return at once. Add before the comparison starts.
     */
    public void forwardSnapshotsTo(BiConsumer<Integer, ParameterSnapshot> sink) {
        snapshotSinks.add(sink);
    }

    @Override
    public void onProgress(Progress p) {
        progress.set(p);
        if (p.status() != RunStatus.RUNNING) {
            statusChanges.add(p);
        }
    }

    @Override
    public void onArmProgress(int arm, Progress p) {
        armProgress.set(arm, p);
        if (p.status() != RunStatus.RUNNING) {
            armEvents.add(new ArmEvent(arm, p));
        }
    }

    @Override
    public void onArmMetrics(int arm, List<MetricPoint> newPoints) {
        points.add(new ArmPoints(arm, List.copyOf(newPoints)));
    }

    @Override
    public void onArmParameters(int arm, ParameterSnapshot snapshot) {
        for (BiConsumer<Integer, ParameterSnapshot> sink : snapshotSinks) {
            sink.accept(arm, snapshot);
        }
    }

    /** From arm {@code arm}'s probe thread. */
    public void publishDecisionMap(int arm, DecisionMap map) {
        maps.set(arm, map);
    }

    /** From the comparison thread, once the run is built. */
    public void started(String name, String note, String device) {
        strategy.set(new Strategy(name, note, device));
    }

    /** Everything that arrived since the last call. FX thread, once per frame. */
    public Frame drain() {
        List<ArmPoints> newPoints = new ArrayList<>();
        for (ArmPoints p; (p = points.poll()) != null; ) {
            newPoints.add(p);
        }
        List<Progress> changes = new ArrayList<>();
        for (Progress p; (p = statusChanges.poll()) != null; ) {
            changes.add(p);
        }
        List<ArmEvent> events = new ArrayList<>();
        for (ArmEvent e; (e = armEvents.poll()) != null; ) {
            events.add(e);
        }
        Progress[] latestArm = new Progress[arms];
        DecisionMap[] latestMaps = new DecisionMap[arms];
        for (int i = 0; i < arms; i++) {
            latestArm[i] = armProgress.getAndSet(i, null);
            latestMaps[i] = maps.getAndSet(i, null);
        }
        return new Frame(newPoints, changes, events, progress.getAndSet(null), Arrays.asList(latestArm),
                Arrays.asList(latestMaps), strategy.getAndSet(null));
    }

    /**
     * One frame's worth of news.
     *
     * @param armProgress per arm the newest progress, or null
     * @param decisionMaps per arm the newest decision map, or null
     * @param strategy set once, in the frame after the comparison started; else null
     */
    public record Frame(List<ArmPoints> points, List<Progress> statusChanges, List<ArmEvent> armEvents,
            Progress progress, List<Progress> armProgress, List<DecisionMap> decisionMaps, Strategy strategy) {}
}
