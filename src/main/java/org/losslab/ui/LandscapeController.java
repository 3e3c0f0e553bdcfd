package org.losslab.ui;

import java.util.Optional;
import org.losslab.analysis.LandscapeDirections;
import org.losslab.analysis.LandscapeProbe;
import org.losslab.analysis.LandscapeSettings;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.TrainingSetup;

/**
 * Connects the Landscape tab to the run: for every loaded single run it builds a {@link LandscapeProbe} on the
 * run's model, loss and training data, hands it every parameter snapshot from the training thread (the probe keeps
 * the path and refreshes on its own thread at the chosen cadence), and passes the tab's settings and "re-draw"
 * requests on. Comparisons have several parameter sets and get no landscape; the tab says so.
 */
final class LandscapeController implements FrameCoalescer.Redrawable, AutoCloseable {
    private final LandscapeWorkspace view;
    private volatile LandscapeProbe probe;
    private String shownError;

    LandscapeController(LandscapeWorkspace view) {
        this.view = view;
        view.onRedrawDirections(() -> {
            LandscapeProbe p = probe;
            if (p != null) {
                p.redrawDirections();
            }
        });
        view.onSettingsChanged(choice -> {
            LandscapeProbe p = probe;
            if (p != null) {
                p.setSettings(settings(choice));
            }
        });
    }

    /** The probe settings for the tab's choice; the sharpness estimate runs with every refresh. */
    static LandscapeSettings settings(LandscapeSettingsChoice choice) {
        LandscapeDirections.Kind kind = choice.directions() == LandscapeSettingsChoice.Directions.PCA_OF_TRAJECTORY
                ? LandscapeDirections.Kind.PCA : LandscapeDirections.Kind.RANDOM;
        return new LandscapeSettings(choice.resolution(), choice.radius(), kind, choice.cadenceSteps(), true);
    }

    /** A new single run: a fresh probe fed by {@code feed}'s snapshots; FX thread. */
    void load(ResolvedExperiment experiment, TrainingFeed feed) {
        closeProbe();
        view.clear();
        view.ready();
        shownError = null;
        TrainingSetup s = experiment.setup();
        LandscapeProbe p;
        try {
            p = new LandscapeProbe(s.engineId(), s.model(), s.loss(), s.data().train(), settings(view.settings()),
                    s.seed(), view::show, view::addSharpness);
        } catch (RuntimeException e) {
            view.unavailable("No landscape for this experiment: " + e.getMessage());
            return;
        }
        probe = p;
        feed.forwardSnapshotsTo(snapshot -> p.submit(snapshot.step(), snapshot.parameters(), feed.lastLoss()));
    }

    /** A comparison is open: k parameter sets, no single landscape; FX thread. */
    void comparison() {
        closeProbe();
        view.unavailable("The landscape follows a single run: it is the loss around one set of parameters. "
                + "This experiment compares several losses; open one of them alone (e.g. a single-loss sample) to "
                + "watch its landscape.");
    }

    /** Shows the probe's failure, once, instead of a map that never comes. */
    @Override
    public boolean redrawIfDirty() {
        LandscapeProbe p = probe;
        Optional<String> error = p == null ? Optional.empty() : p.error();
        if (error.isPresent() && !error.get().equals(shownError)) {
            shownError = error.get();
            view.unavailable("The landscape could not be computed: " + shownError);
            return true;
        }
        return false;
    }

    private void closeProbe() {
        LandscapeProbe p = probe;
        probe = null;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        closeProbe();
    }
}
