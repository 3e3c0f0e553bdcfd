package org.losslab.analysis;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A probe's own daemon thread for work where only the newest request matters (e.g. the latest parameter
 * snapshot): a submission replaces one that has not started yet, and {@link #submit} never blocks. Whatever the
 * work touches (an engine, compiled programs) lives on this thread and is released there by the close action.
 *
 * @param <S> what is submitted
 */
final class LatestOnlyWorker<S> implements AutoCloseable {
    private final ExecutorService executor;
    private final Consumer<S> work;
    private final Runnable release;
    private final AtomicReference<S> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> error = new AtomicReference<>();
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param threadName names the thread in dumps
     * @param work runs on the thread, one submission at a time; a RuntimeException is kept as {@link #error()}
     * @param release runs on the thread after the last work, when closed
     */
    LatestOnlyWorker(String threadName, Consumer<S> work, Runnable release) {
        this.work = work;
        this.release = release;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void submit(S request) {
        if (closed.get()) {
            return;
        }
        if (pending.getAndSet(request) != null) {
            skipped.incrementAndGet();
        }
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Why the last piece of work failed, if it did; cleared by the next success. */
    Optional<String> error() {
        return Optional.ofNullable(error.get());
    }

    /** Submissions replaced by newer ones before they ran. */
    long skipped() {
        return skipped.get();
    }

    private void drain() {
        while (true) {
            S next = pending.getAndSet(null);
            if (next == null) {
                draining.set(false);
                // A submission may have slipped in between the read and the reset: take it rather than strand it.
                if (pending.get() != null && draining.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            if (closed.get()) {
                continue;
            }
            try {
                work.accept(next);
                error.set(null);
            } catch (RuntimeException e) {
                error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    /** Stops taking work; the release action runs on the thread once the current piece is done. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pending.set(null);
        executor.execute(release);
        executor.shutdown();
    }
}
