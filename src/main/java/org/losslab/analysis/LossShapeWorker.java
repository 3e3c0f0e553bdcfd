package org.losslab.analysis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link LossShapeProbe} on its own thread, for a view whose sliders ask for new curves many times a second.
 * Only the newest request matters: a submission replaces one that is still waiting, so a slider dragged for a second
 * costs as many computations as the thread can finish, not one per slider event. The newest result is held for the
 * view to pick up once per frame.
 */
public final class LossShapeWorker implements AutoCloseable {

    /**
     * Curves for one submission.
     *
     * @param generation the submission's number (increasing)
     * @param nanos time spent computing the curves
     * @param error why nothing was computed (e.g. the engine did not start), or null
     */
    public record Result(long generation, LossShapeProbe.Settings settings, List<LossShapeProbe.Shape> shapes,
            long nanos, String error) {}

    private record Job(long generation, List<LossShapeProbe.Request> requests, LossShapeProbe.Settings settings) {}

    private final String engineId;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "losslab-loss-shapes");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<List<LossShapeProbe.Candidate>> candidates = new CompletableFuture<>();
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicReference<Result> latest = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();
    private volatile boolean closed;

    // Touched only by the worker thread.
    private LossShapeProbe probe;
    private String startError;

    /** Starts the engine on the worker thread; {@link #candidates()} completes when it is ready. */
    public LossShapeWorker(String engineId) {
        this.engineId = engineId;
        executor.execute(() -> {
            try {
                probe = new LossShapeProbe(engineId);
                candidates.complete(probe.candidates());
            } catch (RuntimeException | LinkageError e) {
                startError = "the " + engineId + " engine did not start: " + e.getMessage();
                candidates.completeExceptionally(e);
            }
        });
    }

    public String engineId() {
        return engineId;
    }

    /** The catalogue's losses and how each can be drawn, once the engine has started. */
    public CompletableFuture<List<LossShapeProbe.Candidate>> candidates() {
        return candidates;
    }

    /**
     * Asks for these curves; replaces a submission that has not started yet.
     *
     * @return the submission's generation, which its {@link Result} carries
     */
    public long submit(List<LossShapeProbe.Request> requests, LossShapeProbe.Settings settings) {
        long g = generation.incrementAndGet();
        if (pending.getAndSet(new Job(g, List.copyOf(requests), settings)) != null) {
            skipped.incrementAndGet();
        }
        if (!closed && !scheduled.getAndSet(true)) {
            executor.execute(this::drain);
        }
        return g;
    }

    private void drain() {
        scheduled.set(false);
        Job job = pending.getAndSet(null);
        if (job == null || closed) {
            return;
        }
        long start = System.nanoTime();
        Result r;
        if (probe == null) {
            r = new Result(job.generation(), job.settings(), List.of(), 0, startError);
        } else {
            try {
                List<LossShapeProbe.Shape> shapes = probe.compute(job.requests(), job.settings());
                r = new Result(job.generation(), job.settings(), shapes, System.nanoTime() - start, null);
            } catch (RuntimeException e) {
                r = new Result(job.generation(), job.settings(), List.of(), System.nanoTime() - start,
                        e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        computed.incrementAndGet();
        latest.accumulateAndGet(r, (old, now) -> old == null || now.generation() > old.generation() ? now : old);
    }

    /** The newest finished result, or null before the first. */
    public Result latest() {
        return latest.get();
    }

    /** The newest result if it is newer than {@code seenGeneration}, else null. */
    public Result newerThan(long seenGeneration) {
        Result r = latest.get();
        return r != null && r.generation() > seenGeneration ? r : null;
    }

    /** Submissions replaced before they started. */
    public long skipped() {
        return skipped.get();
    }

    /** Submissions computed. */
    public long computed() {
        return computed.get();
    }

    /** Frees the engine on its own thread and stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.execute(() -> {
            if (probe != null) {
                probe.close();
                probe = null;
            }
        });
        executor.shutdown();
    }
}
