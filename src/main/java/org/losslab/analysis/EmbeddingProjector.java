package org.losslab.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.losslab.analysis.embedding.EmbeddingFrame;
import org.losslab.analysis.embedding.Pca;
import org.losslab.analysis.embedding.Procrustes;
import org.losslab.analysis.embedding.Tsne;

/**
 * Turns the embeddings published during training into frames of the live embedding view, on its own daemon thread
 * (never the FX thread): raw coordinates, PCA or t-SNE. Only the newest submission matters; one that has not started
 * when a newer one arrives is dropped. The t-SNE state persists between submissions, so each refresh is warm-started
 * from the previous map; PCA and t-SNE frames are aligned to the previous frame ({@link Procrustes}), so the picture
 * moves smoothly instead of spinning or flipping. Changing the method or the dimensions starts afresh.
 */
public final class EmbeddingProjector implements AutoCloseable {

    /** How embeddings become a picture. */
    public enum Method {
        /** The embedding's own coordinates; only for embeddings with as many dimensions as the view. */
        RAW,
        /** The top principal components. */
        PCA,
        /** t-SNE, warm-started from the previous frame. */
        TSNE;

        /** RAW when the embedding already has the view's dimensions, else t-SNE. */
        public static Method defaultFor(int embeddingDims, int viewDims) {
            return embeddingDims == viewDims ? RAW : TSNE;
        }
    }

    /**
     * @param dims of the picture, 2 or 3
     * @param tsne t-SNE settings (their dims are replaced by {@code dims})
     * @param coldIterations t-SNE iterations of the first frame (early exaggeration included)
     * @param warmIterations t-SNE iterations of each later frame
     */
    public record Settings(int dims, Tsne.Settings tsne, int coldIterations, int warmIterations) {
        public Settings {
            if (dims != 2 && dims != 3) {
                throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
            }
            Objects.requireNonNull(tsne, "tsne");
            if (coldIterations < 1 || warmIterations < 1) {
                throw new IllegalArgumentException("coldIterations and warmIterations must be at least 1, got "
                        + coldIterations + " and " + warmIterations);
            }
            tsne = tsne.withDims(dims);
        }

        /** 2-D; t-SNE defaults; 500 iterations for the first frame, 50 for each refresh. */
        public static Settings defaults() {
            return new Settings(2, Tsne.Settings.defaults(), 500, 50);
        }

        public Settings withDims(int d) {
            return new Settings(d, tsne, coldIterations, warmIterations);
        }
    }

    /**
     * One frame for the view.
     *
     * @param step the training step the embeddings came from
     * @param frame N points in {@link Settings#dims()} dimensions; point i is embedding i
     * @param labels [N] class of each point, for the colours
     * @param barnesHut whether t-SNE approximated its gradient (false for the other methods)
     * @param nanos time spent on this frame
     */
    public record Projection(long step, Method method, EmbeddingFrame frame, int[] labels, boolean barnesHut,
            long nanos) {
        public Projection {
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }
    }

    private record Request(long step, double[][] embeddings, int[] labels, Method method) {}

    private final Settings settings;
    private final Consumer<Projection> listener;
    private final LatestOnlyWorker<Request> worker;
    private final AtomicReference<Projection> latest = new AtomicReference<>();
    private final AtomicLong computed = new AtomicLong();

    // Touched only by the worker thread.
    private Method lastMethod;
    private EmbeddingFrame previous;
    private Tsne tsne;

    /**
     * @param listener receives each new frame on the projector's thread; must return quickly (e.g. set a holder)
     */
    public EmbeddingProjector(Settings settings, Consumer<Projection> listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = listener == null ? p -> {} : listener;
        this.worker = new LatestOnlyWorker<>("losslab-embedding", this::project, this::forget);
    }

    /**
     * Asks for a frame of these embeddings. Returns at once; the arrays are copied, so the caller may reuse them.
     *
     * @param embeddings [N][d]
     * @param labels [N]
     */
    public void submit(long step, double[][] embeddings, int[] labels, Method method) {
        Objects.requireNonNull(method, "method");
        if (embeddings.length != labels.length) {
            throw new IllegalArgumentException("embeddings hold " + embeddings.length + " rows but labels "
                    + labels.length);
        }
        double[][] copy = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            copy[i] = embeddings[i].clone();
        }
        worker.submit(new Request(step, copy, labels.clone(), method));
    }

    /** The newest frame, or null before the first. */
    public Projection latest() {
        return latest.get();
    }

    /** Why the last submission produced no frame (e.g. RAW of 16-dimensional embeddings), if it did not. */
    public Optional<String> error() {
        return worker.error();
    }

    /** Submissions dropped because a newer one arrived before they started. */
    public long skipped() {
        return worker.skipped();
    }

    /** Frames produced. */
    public long computed() {
        return computed.get();
    }

    public Settings settings() {
        return settings;
    }

    private void project(Request request) {
        long start = System.nanoTime();
        if (request.method() != lastMethod) {
            forget();
            lastMethod = request.method();
        }
        int dims = settings.dims();
        EmbeddingFrame frame;
        boolean barnesHut = false;
        switch (request.method()) {
            case RAW -> {
                int d = request.embeddings().length == 0 ? 0 : request.embeddings()[0].length;
                if (d != dims) {
                    throw new IllegalArgumentException("RAW needs " + dims + "-dimensional embeddings, got " + d
                            + "; use PCA or TSNE");
                }
                frame = EmbeddingFrame.ofRows(request.embeddings());
            }
            case PCA -> {
                frame = Pca.frame(request.embeddings(), dims);
                if (previous != null) {
                    frame = Procrustes.align(frame, previous);
                }
            }
            case TSNE -> {
                if (tsne == null) {
                    Tsne fresh = Tsne.coldStart(request.embeddings(), settings.tsne());
                    fresh.step(settings.coldIterations());
                    tsne = fresh;
                    frame = previous == null ? fresh.frame() : Procrustes.align(fresh.frame(), previous);
                } else {
                    frame = tsne.next(request.embeddings(), settings.warmIterations());
                }
                barnesHut = tsne.barnesHut();
            }
            default -> throw new IllegalStateException("unknown method " + request.method());
        }
        previous = frame;
        Projection projection = new Projection(request.step(), request.method(), frame, request.labels(), barnesHut,
                System.nanoTime() - start);
        computed.incrementAndGet();
        latest.set(projection);
        listener.accept(projection);
    }

    private void forget() {
        previous = null;
        tsne = null;
    }

    /** Stops taking submissions; a frame in progress finishes and the t-SNE state is dropped on the thread. */
    @Override
    public void close() {
        worker.close();
    }
}
