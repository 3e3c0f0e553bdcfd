package org.losslab.ui;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.losslab.analysis.PoincareDiskProbe;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ParameterSnapshot;
import org.losslab.viz.PoincareDisk;

/**
 * The Poincaré-disk tile of the training board, shown while the model embeds into a 2-D ball (poincare-mlp with
 * dimension 2). Once per frame it hands the run's newest parameter snapshot, if new, to its
 * {@link PoincareDiskProbe} — which places the validation sample off the FX thread — and gives the view the
 * newest disk the probe has finished. The view only draws.
 */
final class PoincareDiskTile implements FrameCoalescer.Redrawable {
    private final PoincareDiskView view = new PoincareDiskView();
    private final Tile tile = new Tile("Poincaré disk", view);
    private final Supplier<TrainingFeed> feed;
    private PoincareDiskProbe probe;
    /** Where the current probe leaves its disks; a fresh holder per run, so a closing probe cannot write into it. */
    private AtomicReference<PoincareDisk> arrived = new AtomicReference<>();
    private ParameterSnapshot submitted;
    private String shownError;

    /** @param feed the feed of the run loaded now (may change between frames; may be null) */
    PoincareDiskTile(Supplier<TrainingFeed> feed) {
        this.feed = feed;
        tile.setId("poincare-tile");
        tile.captionProperty().bind(view.captionProperty());
        // Out of the board's layout until an experiment with a 2-D ball is loaded.
        tile.setVisible(false);
        tile.setManaged(false);
    }

    Tile tile() {
        return tile;
    }

    PoincareDiskView view() {
        return view;
    }

    /**
     * Starts over for a newly loaded experiment: closes the previous probe and starts one when the model has a
     * 2-D ball.
     *
     * @return whether the tile has something to show for this experiment
     */
    boolean load(ResolvedExperiment experiment) {
        close();
        submitted = null;
        shownError = null;
        arrived = new AtomicReference<>();
        if (!PoincareDiskProbe.supports(experiment.setup().model())) {
            return false;
        }
        DataSplit data = experiment.setup().data();
        Dataset sample = data.validation().size() > 0 ? data.validation() : data.train();
        AtomicReference<PoincareDisk> holder = arrived;
        probe = new PoincareDiskProbe(experiment.setup().engineId(), experiment.setup().model(), sample,
                PoincareDiskProbe.DEFAULT_POINTS, PoincareDiskProbe.DEFAULT_RESOLUTION, holder::set);
        view.reset(data.train().classNames(), "The " + (sample == data.validation() ? "validation" : "training")
                + " points appear in the disk as soon as the engine has embedded them.");
        return true;
    }

    @Override
    public boolean redrawIfDirty() {
        if (probe != null) {
            TrainingFeed current = feed.get();
            ParameterSnapshot latest = current == null ? null : current.latestParameters();
            if (latest != null && latest != submitted) {
                submitted = latest;
                probe.submit(latest.step(), latest.parameters());
            }
            PoincareDisk disk = arrived.getAndSet(null);
            if (disk != null) {
                view.setDisk(disk);
            }
            String error = probe.error().orElse(null);
            if (error != null && !error.equals(shownError)) {
                view.showError(error);
            }
            shownError = error;
        }
        return view.redrawIfDirty();
    }

    /** Stops the probe; its engine is released on the probe's thread. */
    void close() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}
