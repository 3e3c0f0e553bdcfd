package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslab.analysis.LandscapeDirections;
import org.losslab.analysis.LandscapeProbe;
import org.losslab.analysis.LandscapeSettings;
import org.losslab.analysis.SharpnessPoint;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ComparisonRun;
import org.losslab.train.TrainingSetup;

/**
 * Connects the Landscape tab to the run: for a single run one {@link LandscapeProbe} on its model, loss and training
 * data; for a comparison one per arm, of which only the arm the tab follows computes landscapes (the others record
 * their paths, so switching shows the whole trajectory at once). It hands every parameter snapshot from the training
 * thread to the probes, and passes the tab's settings, "re-draw", checkpoint and interpolation requests on.
 */
final class LandscapeController implements FrameCoalescer.Redrawable, AutoCloseable {
    private final LandscapeWorkspace view;
    private volatile List<LandscapeProbe> probes = List.of();
    private volatile int followed;
    private List<String> armLabels = List.of();
    private String shownError;

    LandscapeController(LandscapeWorkspace view) {
        this.view = view;
        view.onRedrawDirections(() -> probe().ifPresent(LandscapeProbe::redrawDirections));
        view.onSettingsChanged(choice -> probe().ifPresent(p -> apply(p, choice)));
        view.onCheckpointsChanged(() -> probe().ifPresent(p -> apply(p, view.settings())));
        view.onInterpolate((a, b) -> probe().ifPresent(p -> interpolate(p, a, b)));
        view.onArmChosen(this::follow);
    }

    /** The probe settings for the tab's choice; the sharpness estimate runs with every refresh. */
    static LandscapeSettings settings(LandscapeSettingsChoice choice) {
        LandscapeDirections.Kind kind = switch (choice.directions()) {
            case PCA_OF_TRAJECTORY -> LandscapeDirections.Kind.PCA;
            case THROUGH_CHECKPOINTS -> LandscapeDirections.Kind.CHECKPOINTS;
            case RANDOM_FILTER_NORMALISED -> LandscapeDirections.Kind.RANDOM;
        };
        return new LandscapeSettings(choice.resolution(), choice.radius(), kind, choice.cadenceSteps(), true);
    }

    /** A new single run: a fresh probe fed by {@code feed}'s snapshots; FX thread. */
    void load(ResolvedExperiment experiment, TrainingFeed feed) {
        closeProbes();
        prepareView(List.of());
        TrainingSetup s = experiment.setup();
        LandscapeProbe p;
        try {
            p = newProbe(s, 0);
        } catch (RuntimeException e) {
            view.unavailable("No landscape for this experiment: " + e.getMessage());
            return;
        }
        probes = List.of(p);
        feed.forwardSnapshotsTo(snapshot -> p.submit(snapshot.step(), snapshot.parameters(), feed.lastLoss()));
    }

    /**
     * A comparison: one probe per arm on the arm's model and loss, all on the same training data; the tab follows
     * the first arm until the user picks another. FX thread.
     */
    void comparison(ResolvedExperiment experiment, ComparisonFeed feed) {
        closeProbes();
        List<ComparisonRun.Arm> arms = experiment.arms();
        prepareView(arms.stream().map(ComparisonRun.Arm::label).toList());
        List<LandscapeProbe> made = new ArrayList<>();
        try {
            for (int i = 0; i < arms.size(); i++) {
                LandscapeProbe p = newProbe(arms.get(i).setup(), i);
                p.setActive(i == 0);
                made.add(p);
            }
        } catch (RuntimeException e) {
            made.forEach(LandscapeProbe::close);
            view.unavailable("No landscape for this comparison: " + e.getMessage());
            return;
        }
        probes = List.copyOf(made);
        if (feed != null) {
            List<LandscapeProbe> fed = probes;
            feed.forwardSnapshotsTo((arm, snapshot) -> fed.get(arm).submit(snapshot.step(), snapshot.parameters(),
                    Double.NaN));
        }
    }

    /** No landscape for this experiment (e.g. an embedding run), and why; FX thread. */
    void unavailable(String why) {
        closeProbes();
        prepareView(List.of());
        view.unavailable(why);
    }

    private void prepareView(List<String> labels) {
        followed = 0;
        armLabels = List.copyOf(labels);
        view.clear();
        view.showArms(labels);
        view.ready();
        shownError = null;
    }

    private LandscapeProbe newProbe(TrainingSetup s, int arm) {
        LandscapeProbe p = new LandscapeProbe(s.engineId(), s.model(), s.loss(), s.data().train(),
                settings(view.settings()), s.seed(), frame -> {
                    if (arm == followed) {
                        view.show(frame);
                    }
                }, point -> {
                    if (arm == followed) {
                        view.addSharpness(point);
                    }
                });
        p.onInterpolation(line -> {
            if (arm == followed) {
                view.showInterpolation(line);
            }
        });
        return p;
    }

    /** Shows arm {@code arm}'s landscape: its latest frame and sharpness at once, then its refreshes. FX thread. */
    void follow(int arm) {
        List<LandscapeProbe> all = probes;
        if (arm < 0 || arm >= all.size() || arm == followed) {
            return;
        }
        all.get(followed).setActive(false);
        followed = arm;
        view.clear();
        view.computing("Computing the landscape of " + armLabels.get(arm) + " around its current parameters; its path "
                + "so far was recorded while another run was on screen.");
        shownError = null;
        LandscapeProbe p = all.get(arm);
        apply(p, view.settings());
        p.latest().ifPresent(view::show);
        for (SharpnessPoint point : p.sharpness()) {
            view.addSharpness(point);
        }
        p.setActive(true);
    }

    /** The index of the arm on screen (0 for a single run). */
    int followed() {
        return followed;
    }

    private Optional<LandscapeProbe> probe() {
        List<LandscapeProbe> all = probes;
        int i = followed;
        return i < all.size() ? Optional.of(all.get(i)) : Optional.empty();
    }

    /** New settings; for a plane through checkpoints, A and B are resolved and handed over first. */
    private void apply(LandscapeProbe p, LandscapeSettingsChoice choice) {
        if (choice.directions() == LandscapeSettingsChoice.Directions.THROUGH_CHECKPOINTS) {
            try {
                if (isNow(view.checkpointA()) || isNow(view.checkpointB())) {
                    throw new IllegalArgumentException("The plane already goes through the current point: choose "
                            + "two other checkpoints (earlier steps, or other runs) for A and B.");
                }
                double[] a = parameters(p, view.checkpointA());
                double[] b = parameters(p, view.checkpointB());
                p.useCheckpoints(a, b);
                view.checkpointMessage("Plane through the current point, " + view.checkpointA() + " and "
                        + view.checkpointB());
            } catch (RuntimeException e) {
                view.checkpointMessage(e.getMessage());
                return;
            }
        }
        p.setSettings(settings(choice));
    }

    private static boolean isNow(LandscapeEndpoint e) {
        return e != null && e.kind() == LandscapeEndpoint.Kind.NOW;
    }

    private void interpolate(LandscapeProbe p, LandscapeEndpoint a, LandscapeEndpoint b) {
        try {
            p.interpolate(parameters(p, a), label(a), parameters(p, b), label(b));
        } catch (RuntimeException e) {
            view.checkpointMessage(e.getMessage());
        }
    }

    /** In a comparison "now" is the followed arm's: name it, since the line is measured with that arm's loss. */
    private String label(LandscapeEndpoint e) {
        return e.kind() == LandscapeEndpoint.Kind.NOW && armLabels.size() > 1 ? armLabels.get(followed) + " (now)"
                : e.label();
    }

    /** The flat parameters an endpoint stands for, from the followed probe or another arm's. */
    private double[] parameters(LandscapeProbe p, LandscapeEndpoint e) {
        if (e == null) {
            throw new IllegalArgumentException("Choose checkpoints A and B first (they appear once training has run).");
        }
        Optional<double[]> theta = switch (e.kind()) {
            case NOW -> p.newestParameters();
            case STEP -> p.parametersAt(e.step());
            case ARM -> e.arm() < probes.size() ? probes.get(e.arm()).newestParameters() : Optional.empty();
        };
        return theta.orElseThrow(() -> new IllegalArgumentException(e.label() + " has no parameters yet: train "
                + "first" + (e.kind() == LandscapeEndpoint.Kind.STEP ? " (or the step is no longer kept)" : "")));
    }

    /** Shows the probe's failure, once, instead of a map that never comes. */
    @Override
    public boolean redrawIfDirty() {
        Optional<String> error = probe().flatMap(LandscapeProbe::error);
        if (error.isPresent() && !error.get().equals(shownError)) {
            shownError = error.get();
            view.unavailable("The landscape could not be computed: " + shownError);
            return true;
        }
        return false;
    }

    private void closeProbes() {
        List<LandscapeProbe> all = probes;
        probes = List.of();
        all.forEach(LandscapeProbe::close);
    }

    @Override
    public void close() {
        closeProbes();
    }
}
