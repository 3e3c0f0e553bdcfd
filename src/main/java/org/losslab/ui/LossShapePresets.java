package org.losslab.ui;

import java.util.List;
import java.util.Map;
import org.losslab.analysis.LossShapeProbe.Axis;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.ui.LossShapeSelection.Key;

/**
 * One-click teaching views of the loss-shape explorer: which curves to compare, how to set up the example, and the
 * sentence that says what to look for. A preset that names a loss the catalogue does not have is not offered.
 */
final class LossShapePresets {

    /**
     * @param curves the curves to show, each with hyperparameters that differ from its defaults
     * @param settings the example's logits
     * @param lesson what to look at, one or two sentences
     */
    record Preset(String id, String title, Map<Key, Map<String, Object>> curves, Settings settings, String lesson) {
        /** True when every curve is drawable now. */
        boolean availableIn(LossShapeSelection selection) {
            return curves.keySet().stream().allMatch(selection::has);
        }

        /** Selects exactly these curves, with their hyperparameters, and the preset's settings. */
        void applyTo(LossShapeSelection selection) {
            selection.clearSelection();
            selection.setSettings(settings);
            for (Map.Entry<Key, Map<String, Object>> c : curves.entrySet()) {
                selection.select(c.getKey(), true);
                c.getValue().forEach((name, value) -> selection.setParam(c.getKey(), name, value));
            }
        }
    }

    private static Key classification(String id) {
        return new Key(id, Plot.CLASSIFICATION);
    }

    private static Key regression(String id) {
        return new Key(id, Plot.REGRESSION);
    }

    private static Map<Key, Map<String, Object>> curves(Key... keys) {
        java.util.LinkedHashMap<Key, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Key k : keys) {
            out.put(k, Map.of());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    static final List<Preset> ALL = List.of(
            new Preset("noise", "Robust to label noise: CE vs GCE vs MAE",
                    curves(classification("cross-entropy"), classification("generalized-ce"), classification("mae")),
                    Settings.defaults(),
                    "A wrong label looks like a confident mistake: far left, where the true class has a low "
                            + "probability. Cross-entropy keeps pushing there with full force (derivative near −1); "
                            + "GCE and MAE let go (derivative → 0), so mislabelled examples stop steering the model. "
                            + "Slide GCE's q towards 0 and it turns back into cross-entropy."),
            new Preset("scale", "Scale invariance: CE vs Z-loss",
                    curves(classification("cross-entropy"), classification("z-loss")),
                    Settings.defaults().withRivalSpread(1),
                    "Drag the logit scale s (tick \"hold the y-axes\" first). Cross-entropy's loss steepens: the "
                            + "same pattern of logits, only larger, counts as more confident. The Z-loss does not "
                            + "move: it standardises the logits first, so only their pattern matters, not their size "
                            + "or offset. Its push on z_y shrinks as 1/s: the same push, relative to the logits' size."),
            new Preset("confidence", "Limiting confidence: CE vs DCO",
                    curves(classification("cross-entropy"), classification("dco-pass-at-n")),
                    Settings.defaults().withAxis(Axis.PROBABILITY),
                    "DCO maximises pass@N, the chance that one of N samples is right. Once p_y is high enough for "
                            + "that, its derivative falls to 0 and it stops pushing, while cross-entropy pushes "
                            + "p_y all the way to 1. Slide N: N = 1 is cross-entropy."),
            new Preset("focusing", "Focusing: CE vs focal",
                    curves(classification("cross-entropy"), classification("focal")),
                    Settings.defaults(),
                    "Focal loss scales cross-entropy by (1 − p_y)^γ: examples already classified well (right) add "
                            + "almost nothing, hard ones (left) keep nearly full weight. γ = 0 is cross-entropy."),
            new Preset("outliers", "Outliers in regression: MSE vs pseudo-Huber vs Cauchy",
                    curves(regression("mse"), regression("pseudo-huber"), regression("cauchy")),
                    Settings.defaults(),
                    "Squared error pulls harder the further off a prediction is, so one outlier can dominate. "
                            + "Pseudo-Huber's pull levels off like absolute error; Cauchy's falls back towards 0 for "
                            + "huge residuals, so outliers are nearly ignored."));

    private LossShapePresets() {}

    /** The presets whose curves are all drawable now. */
    static List<Preset> availableIn(LossShapeSelection selection) {
        return ALL.stream().filter(p -> p.availableIn(selection)).toList();
    }
}
