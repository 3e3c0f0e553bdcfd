package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;

/**
 * The one place where background results reach the views: once per frame (an {@link AnimationTimer}) it drains the
 * current {@link TrainingFeed}, hands the frame to every consumer (which update their models and mark themselves
 * dirty), then lets every view redraw if it is dirty. Nothing else on the FX thread waits for training, and no
 * producer ever calls {@code Platform.runLater} per step.
 */
public final class FrameCoalescer {

    /** A view that redraws at most once per frame, and only when something changed. */
    public interface Redrawable {
        /** Redraws if marked dirty since the last call; returns whether it did. */
        boolean redrawIfDirty();
    }

    private final Supplier<TrainingFeed> feed;
    private final List<Consumer<TrainingFeed.Frame>> consumers = new ArrayList<>();
    private final List<Redrawable> views = new ArrayList<>();
    private AnimationTimer timer;
    private long frames;
    private long redraws;

    /** @param feed the feed of the run loaded now (may change between frames; may be null) */
    public FrameCoalescer(Supplier<TrainingFeed> feed) {
        this.feed = feed;
    }

    public FrameCoalescer onFrame(Consumer<TrainingFeed.Frame> consumer) {
        consumers.add(consumer);
        return this;
    }

    public FrameCoalescer redraw(Redrawable view) {
        views.add(view);
        return this;
    }

    /**
     * One frame: drain, dispatch, redraw. Called by the timer; tests call it directly.
     *
     * @return the frame that was drained (empty when nothing arrived)
     */
    public TrainingFeed.Frame pulse() {
        frames++;
        TrainingFeed current = feed.get();
        TrainingFeed.Frame frame = current == null ? TrainingFeed.Frame.EMPTY : current.drain();
        if (!frame.isEmpty()) {
            for (Consumer<TrainingFeed.Frame> c : consumers) {
                c.accept(frame);
            }
        }
        for (Redrawable v : views) {
            if (v.redrawIfDirty()) {
                redraws++;
            }
        }
        return frame;
    }

    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulse();
                }
            };
        }
        timer.start();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    /** Frames pulsed so far. */
    public long frames() {
        return frames;
    }

    /** View redraws so far (at most views × frames). */
    public long redraws() {
        return redraws;
    }
}
