package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.losslab.train.EmbeddingListener;
import org.losslab.train.EmbeddingReport;
import org.losslab.train.EmbeddingSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;

/**
 * Where an embedding run's output waits for the next frame: progress, status changes and every arm's reports are
 * queued so none is lost; each arm's newest embeddings are a latest-value holder. Producers (the training thread)
 * return at once; the FX thread takes everything once per frame with {@link #drain()}.
 */
public final class EmbeddingFeed implements EmbeddingListener {
    /** One report of one arm. */
    public record ArmReport(int arm, EmbeddingReport report) {}

    /** Everything since the last drain; {@code progress} the newest or null; {@code snapshots} per arm or null. */
    public record Frame(Progress progress, List<Progress> statusChanges, List<ArmReport> reports,
            List<EmbeddingSnapshot> snapshots, String started) {}

    private final int arms;
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Progress> statusChanges = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ArmReport> reports = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<EmbeddingSnapshot> snapshots;
    private final AtomicReference<String> started = new AtomicReference<>();

    public EmbeddingFeed(int arms) {
        this.arms = arms;
        this.snapshots = new AtomicReferenceArray<>(arms);
    }

    public int arms() {
        return arms;
    }

    @Override
    public void onProgress(Progress p) {
        progress.set(p);
        if (p.status() != RunStatus.RUNNING) {
            statusChanges.add(p);
        }
    }

    @Override
    public void onReport(int arm, EmbeddingReport report) {
        reports.add(new ArmReport(arm, report));
    }

    @Override
    public void onSnapshot(EmbeddingSnapshot s) {
        snapshots.set(s.arm(), s);
    }

    /** Once the engines are up: what runs where. */
    void onStarted(String description) {
        started.set(description);
    }

    /** FX thread, once per frame. */
    public Frame drain() {
        List<Progress> changes = new ArrayList<>();
        for (Progress p; (p = statusChanges.poll()) != null; ) {
            changes.add(p);
        }
        List<ArmReport> newReports = new ArrayList<>();
        for (ArmReport r; (r = reports.poll()) != null; ) {
            newReports.add(r);
        }
        List<EmbeddingSnapshot> latest = new ArrayList<>();
        for (int i = 0; i < arms; i++) {
            latest.add(snapshots.getAndSet(i, null));
        }
        return new Frame(progress.getAndSet(null), changes, newReports, latest, started.getAndSet(null));
    }
}
