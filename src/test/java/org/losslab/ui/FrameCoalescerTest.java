package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.losslab.train.MetricPoint;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.losslab.viz.Bounds2D;
import org.losslab.viz.DecisionMap;

/** The drain-dispatch-redraw cycle, driven by hand instead of an AnimationTimer: no JavaFX needed. */
class FrameCoalescerTest {

    /** A view that counts its redraws. */
    private static final class CountingView implements FrameCoalescer.Redrawable {
        boolean dirty;
        int redraws;

        @Override
        public boolean redrawIfDirty() {
            if (!dirty) {
                return false;
            }
            dirty = false;
            redraws++;
            return true;
        }
    }

    private static Progress progress(long step, RunStatus status) {
        return new Progress(step, 100, 50, 0.1, status, status == RunStatus.DIVERGED ? "diverged" : "");
    }

    @Test
    void manyUpdatesBetweenFramesMakeOneFrameAndOneRedraw() {
        TrainingFeed feed = new TrainingFeed();
        CountingView view = new CountingView();
        List<MetricPoint> seen = new ArrayList<>();
        FrameCoalescer coalescer = new FrameCoalescer(() -> feed).onFrame(f -> {
            seen.addAll(f.points());
            view.dirty = true;
        }).redraw(view);

        for (int step = 1; step <= 500; step++) {
            feed.onProgress(progress(step, RunStatus.RUNNING));
            if (step % 50 == 0) {
                feed.onMetrics(List.of(new MetricPoint(step, "train", "loss", 1.0 / step)));
            }
        }
        TrainingFeed.Frame frame = coalescer.pulse();
        assertThat(frame.points()).hasSize(10);
        assertThat(frame.progress().step()).isEqualTo(500); // only the newest state
        assertThat(seen).extracting(MetricPoint::step).containsExactly(50L, 100L, 150L, 200L, 250L, 300L, 350L,
                400L, 450L, 500L);
        assertThat(view.redraws).isEqualTo(1);

        // Nothing new: nothing dispatched, nothing redrawn.
        assertThat(coalescer.pulse().isEmpty()).isTrue();
        assertThat(view.redraws).isEqualTo(1);
        assertThat(coalescer.frames()).isEqualTo(2);
        assertThat(coalescer.redraws()).isEqualTo(1);
    }

    @Test
    void aDivergenceIsNotLostWhenAPauseFollowsWithinTheSameFrame() {
        TrainingFeed feed = new TrainingFeed();
        feed.onProgress(progress(40, RunStatus.RUNNING));
        feed.onProgress(progress(30, RunStatus.DIVERGED));
        feed.onProgress(progress(30, RunStatus.PAUSED));
        TrainingFeed.Frame frame = feed.drain();
        assertThat(frame.statusChanges()).extracting(Progress::status)
                .containsExactly(RunStatus.DIVERGED, RunStatus.PAUSED);
        assertThat(frame.progress().status()).isEqualTo(RunStatus.PAUSED);
    }

    @Test
    void statesKeepOnlyTheNewestAndSnapshotsReachTheirSink() {
        TrainingFeed feed = new TrainingFeed();
        List<Long> forwarded = new ArrayList<>();
        feed.forwardSnapshotsTo(s -> forwarded.add(s.step()));
        feed.onParameters(new ParameterSnapshot(10, Map.of()));
        feed.onParameters(new ParameterSnapshot(20, Map.of()));
        DecisionMap older = map(10);
        DecisionMap newer = map(20);
        feed.publishDecisionMap(older);
        feed.publishDecisionMap(newer);
        feed.message("pytorch on CPU");
        assertThat(forwarded).containsExactly(10L, 20L);
        assertThat(feed.latestParameters().step()).isEqualTo(20);
        TrainingFeed.Frame frame = feed.drain();
        assertThat(frame.decisionMap()).isSameAs(newer);
        assertThat(frame.messages()).containsExactly("pytorch on CPU");
        assertThat(feed.drain().decisionMap()).isNull();
    }

    @Test
    void noFeedMeansEmptyFramesAndViewsStillRedrawWhenDirty() {
        CountingView view = new CountingView();
        view.dirty = true; // e.g. resized
        FrameCoalescer coalescer = new FrameCoalescer(() -> null).redraw(view);
        assertThat(coalescer.pulse().isEmpty()).isTrue();
        assertThat(view.redraws).isEqualTo(1);
    }

    @Test
    void producersOnOtherThreadsLoseNoPoints() throws Exception {
        TrainingFeed feed = new TrainingFeed();
        AtomicInteger received = new AtomicInteger();
        FrameCoalescer coalescer = new FrameCoalescer(() -> feed).onFrame(f -> received.addAndGet(f.points().size()));
        int threads = 4;
        int perThread = 5000;
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        feed.onMetrics(List.of(new MetricPoint(i, "train", "loss", id)));
                        feed.onProgress(progress(i, RunStatus.RUNNING));
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            });
            th.start();
        }
        while (done.getCount() > 0) {
            coalescer.pulse();
        }
        coalescer.pulse();
        assertThat(failure.get()).isNull();
        assertThat(received.get()).isEqualTo(threads * perThread);
    }

    private static DecisionMap map(long step) {
        return new DecisionMap(1, 1, new Bounds2D(0, 0, 1, 1), 2, new int[1], new double[] {0.5}, null, step, 0);
    }
}
