package org.losslab.train;

import java.util.List;
import java.util.Locale;
import org.losslab.data.Dataset;

/**
 * The loop of a live embedding run: the arms of a comparison interleaved (one step of each in turn, each with its
 * own engine), or a single run; pauses, single steps, learning-rate changes and stops between steps through a
 * {@link RunControl}. Every {@code evalEvery} steps each arm is measured on its held-out classes and its embeddings
 * are published. A non-finite loss restores that arm's last good parameters and pauses, naming the arm.
 */
public final class EmbeddingTraining {
    /** Seen-class validation rows embedded for the picture next to the held-out ones. */
    public static final int SEEN_POINTS = 500;

    private final List<EmbeddingRun> runs;
    private final List<String> labels;
    private final long total;
    private final int evalEvery;

    /** @param runs one per arm, same steps and cadence; not closed here */
    public EmbeddingTraining(List<EmbeddingRun> runs, List<String> labels) {
        if (runs.isEmpty() || runs.size() != labels.size()) {
            throw new IllegalArgumentException("one label per run, at least one run");
        }
        this.runs = List.copyOf(runs);
        this.labels = List.copyOf(labels);
        this.total = runs.get(0).setup().steps();
        this.evalEvery = runs.get(0).setup().evalEvery();
    }

    /** Trains to the last step unless stopped; returns how it ended. */
    public RunStatus run(RunControl control, EmbeddingListener listener) throws InterruptedException {
        for (int i = 0; i < runs.size(); i++) {
            publish(listener, i, runs.get(i));
        }
        long step = runs.stream().mapToLong(EmbeddingRun::step).min().orElse(0);
        double speed = 0;
        long lastTick = System.nanoTime();
        while (step < total) {
            final long at = step;
            final double shown = speed;
            boolean go = control.awaitPermission(() -> listener.onProgress(new Progress(at, total, shown,
                    Double.NaN, RunStatus.PAUSED, "Paused at step " + at)));
            if (!go) {
                listener.onProgress(new Progress(step, total, speed, Double.NaN, RunStatus.STOPPED,
                        "Stopped at step " + step));
                return RunStatus.STOPPED;
            }
            double lr = control.takeLearningRate();
            if (!Double.isNaN(lr)) {
                runs.forEach(run -> run.setLearningRate(lr));
            }
            double lastLoss = Double.NaN;
            String diverged = null;
            for (int i = 0; i < runs.size() && diverged == null; i++) {
                EmbeddingRun run = runs.get(i);
                if (run.step() > step) {
                    continue; // took this step before another arm diverged and went back
                }
                double loss = run.trainStep();
                if (!Double.isFinite(loss)) {
                    diverged = String.format(Locale.ROOT, "Training diverged at step %d: the loss of %s became %s. "
                            + "Its parameters are back at step %d.", step + 1, labels.get(i), loss,
                            run.lastGoodStep());
                } else if (i == 0) {
                    lastLoss = loss;
                }
            }
            if (diverged != null) {
                step = runs.stream().mapToLong(EmbeddingRun::step).min().orElse(0);
                control.pause();
                listener.onProgress(new Progress(step, total, 0, Double.NaN, RunStatus.DIVERGED, diverged));
                continue;
            }
            step++;
            long now = System.nanoTime();
            double instant = 1e9 / Math.max(1, now - lastTick);
            lastTick = now;
            speed = speed == 0 ? instant : 0.95 * speed + 0.05 * instant;
            boolean last = step == total;
            if (step % evalEvery == 0 || last) {
                for (int i = 0; i < runs.size(); i++) {
                    publish(listener, i, runs.get(i));
                }
            }
            listener.onProgress(new Progress(step, total, speed, lastLoss,
                    last ? RunStatus.FINISHED : RunStatus.RUNNING, last ? "Finished " + total + " steps" : ""));
        }
        return RunStatus.FINISHED;
    }

    /** The arm's metrics and its embeddings (held-out rows, then seen-class validation rows). */
    private static void publish(EmbeddingListener listener, int arm, EmbeddingRun run) {
        listener.onReport(arm, run.evaluate());
        Dataset held = run.heldOut();
        Dataset seen = run.seenValidation(SEEN_POINTS);
        double[][] a = run.embed(held);
        double[][] b = run.embed(seen);
        int n = a.length + b.length;
        double[][] points = new double[n][];
        int[] classes = new int[n];
        boolean[] heldOut = new boolean[n];
        for (int i = 0; i < a.length; i++) {
            points[i] = a[i];
            classes[i] = held.label(i);
            heldOut[i] = true;
        }
        for (int i = 0; i < b.length; i++) {
            points[a.length + i] = b[i];
            classes[a.length + i] = seen.label(i);
        }
        listener.onSnapshot(new EmbeddingSnapshot(arm, run.step(), points, classes, heldOut, held, seen));
    }
}
