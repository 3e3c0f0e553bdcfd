package org.losslab.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.HostArray;
import org.losslab.model.Model;

/**
 * A probe that turns parameter snapshots into a picture's data on its own thread, with its own engine instance
 * (engines are not shared between threads), so training never waits for it. Only the newest submitted parameters
 * matter: a submission replaces any that is still waiting.
 *
 * <p>A subclass says which program to run ({@link #program()}) and what to make of one run ({@link #evaluate}).
 *
 * @param <T> the immutable result handed to the listener
 */
public abstract class SnapshotProbe<T> implements AutoCloseable {
    private final String engineId;
    private final Model model;
    private final Consumer<T> listener;
    private final ExecutorService executor;
    private final AtomicReference<Submission> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicReference<String> error = new AtomicReference<>();
    private final AtomicLong skipped = new AtomicLong();

    // Touched only by the probe thread.
    private Engine engine;
    private CompiledProgram compiled;
    private ParameterStore store;

    private record Submission(long step, Map<String, HostArray> parameters) {}

    /**
     * @param engineId engine to create for this probe (its own instance)
     * @param model the model whose parameters are submitted
     * @param threadName name of the probe's thread, e.g. {@code losslab-regression-fit}
     * @param listener receives each new result on the probe thread; must return quickly (e.g. set a holder)
     */
    protected SnapshotProbe(String engineId, Model model, String threadName, Consumer<T> listener) {
        this.engineId = Objects.requireNonNull(engineId);
        this.model = Objects.requireNonNull(model);
        this.listener = listener == null ? r -> {} : listener;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The program to run on every submission; compiled once, on the probe thread. */
    protected abstract Program program();

    /**
     * One result from the parameters already loaded into {@code parameters}.
     *
     * @param startNanos {@link System#nanoTime()} when the evaluation began, for the result's cost
     */
    protected abstract T evaluate(long step, CompiledProgram program, ParameterStore parameters, long startNanos);

    /**
     * Asks for a result of these parameters. Returns at once; replaces a submission that has not started yet.
     *
     * @param parameters host copies (not modified)
     */
    public void submit(long step, Map<String, HostArray> parameters) {
        if (closed.get()) {
            return;
        }
        if (pending.getAndSet(new Submission(step, parameters)) != null) {
            skipped.incrementAndGet();
        }
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** The newest result, if any has been made. */
    public Optional<T> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the last evaluation failed, if it did. */
    public Optional<String> error() {
        return Optional.ofNullable(error.get());
    }

    /** Submissions replaced by newer ones before they were evaluated. */
    public long skipped() {
        return skipped.get();
    }

    private void drain() {
        while (true) {
            Submission next = pending.getAndSet(null);
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
                T result = run(next);
                latest.set(result);
                error.set(null);
                listener.accept(result);
            } catch (RuntimeException e) {
                error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private T run(Submission s) {
        long start = System.nanoTime();
        if (engine == null) {
            engine = Engines.create(engineId, Precision.FLOAT32);
            compiled = engine.compile(program());
        }
        Map<String, HostArray> ordered = new LinkedHashMap<>();
        for (String name : model.parameterShapes().keySet()) {
            HostArray value = s.parameters().get(name);
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + name + "' missing from the snapshot of step "
                        + s.step());
            }
            ordered.put(name, value);
        }
        if (store == null) {
            store = engine.createParameters(ordered);
        } else {
            store.load(ordered);
        }
        return evaluate(s.step(), compiled, store, start);
    }

    /** Stops taking work; the engine is released on the probe's own thread once the current result is done. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pending.set(null);
        executor.execute(() -> {
            if (compiled != null) {
                compiled.close();
            }
            if (store != null) {
                store.close();
            }
            if (engine != null) {
                engine.close();
            }
        });
        executor.shutdown();
    }
}
