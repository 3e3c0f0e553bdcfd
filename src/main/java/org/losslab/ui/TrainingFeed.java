package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.losslab.train.EvaluationReport;
import org.losslab.train.MetricPoint;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.viz.DecisionMap;
import org.losslab.viz.FittedFunction;

/**
 * Where one run's output waits for the next frame. Producers (the training thread, probes) call the listener
 * methods and return at once; the FX thread takes everything with {@link #drain()} once per frame.
 *
 * <p>Streams (metric points, messages, status changes) go through concurrent queues so that none is lost; states
 * (progress, parameters, decision map, evaluation report, fitted function) through latest-value holders, because
 * only the newest matters.
 */
public final class TrainingFeed implements TrainingListener {
    private final ConcurrentLinkedQueue<MetricPoint> points = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Progress> statusChanges = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private final AtomicReference<ParameterSnapshot> parameters = new AtomicReference<>();
    private final AtomicReference<DecisionMap> decisionMap = new AtomicReference<>();
    private final AtomicReference<FittedFunction> fittedFunction = new AtomicReference<>();
    private final AtomicReference<EvaluationReport> report = new AtomicReference<>();
    private final List<Consumer<ParameterSnapshot>> snapshotSinks = new CopyOnWriteArrayList<>();

    /**
     * Also hands every parameter snapshot to {@code sink} on the training thread (e.g. a probe's non-blocking
     * submit); every sink added gets every snapshot. Add before the run starts.
     */
    public void forwardSnapshotsTo(Consumer<ParameterSnapshot> sink) {
        snapshotSinks.add(sink);
    }

    /** The training loss of the latest progress report, NaN before the first. Any thread. */
    public double lastLoss() {
        Progress p = progress.get();
        return p == null ? Double.NaN : p.lastLoss();
    }

    @Override
    public void onProgress(Progress p) {
        progress.set(p);
        // The latest-value holder may be overwritten within a frame (a divergence is followed at once by "paused");
        // the statuses a user must see also go through a queue.
        if (p.status() != RunStatus.RUNNING) {
            statusChanges.add(p);
        }
    }

    @Override
    public void onMetrics(List<MetricPoint> newPoints) {
        points.addAll(newPoints);
    }

    @Override
    public void onReport(EvaluationReport newReport) {
        report.set(newReport);
    }

    @Override
    public void onParameters(ParameterSnapshot snapshot) {
        parameters.set(snapshot);
        snapshotSinks.forEach(sink -> sink.accept(snapshot));
    }

    /** From a probe's thread. */
    public void publishDecisionMap(DecisionMap map) {
        decisionMap.set(map);
    }

    /** From the regression-fit probe's thread. */
    public void publishFittedFunction(FittedFunction fit) {
        fittedFunction.set(fit);
    }

    /** A sentence for the status bar, from any thread (e.g. the engine's device once it is up). */
    public void message(String text) {
        messages.add(text);
    }

    /** The newest parameters published so far, without taking them. */
    public ParameterSnapshot latestParameters() {
        return parameters.get();
    }

    /** Everything that arrived since the last call. FX thread, once per frame. */
    public Frame drain() {
        List<MetricPoint> newPoints = new ArrayList<>();
        for (MetricPoint p; (p = points.poll()) != null; ) {
            newPoints.add(p);
        }
        List<Progress> changes = new ArrayList<>();
        for (Progress p; (p = statusChanges.poll()) != null; ) {
            changes.add(p);
        }
        List<String> newMessages = new ArrayList<>();
        for (String m; (m = messages.poll()) != null; ) {
            newMessages.add(m);
        }
        return new Frame(newPoints, changes, progress.getAndSet(null), decisionMap.getAndSet(null), newMessages,
                report.getAndSet(null), fittedFunction.getAndSet(null));
    }

    /**
     * One frame's worth of news.
     *
     * @param points metric points in arrival order
     * @param statusChanges every non-running progress (paused, diverged, finished, failed, …) in order
     * @param progress the newest progress, or null if none arrived
     * @param decisionMap the newest decision map, or null
     * @param messages status-bar sentences in order
     * @param report the newest evaluation report, or null
     * @param fittedFunction the newest fitted curve or surface of a regression model, or null
     */
    public record Frame(List<MetricPoint> points, List<Progress> statusChanges, Progress progress,
            DecisionMap decisionMap, List<String> messages, EvaluationReport report, FittedFunction fittedFunction) {

        /** Nothing arrived. */
        public static final Frame EMPTY = new Frame(List.of(), List.of(), null, null, List.of(), null, null);

        /** A frame without a report or a fitted function. */
        public Frame(List<MetricPoint> points, List<Progress> statusChanges, Progress progress, DecisionMap decisionMap,
                List<String> messages) {
            this(points, statusChanges, progress, decisionMap, messages, null, null);
        }

        public boolean isEmpty() {
            return points.isEmpty() && statusChanges.isEmpty() && progress == null && decisionMap == null
                    && messages.isEmpty() && report == null && fittedFunction == null;
        }
    }
}
