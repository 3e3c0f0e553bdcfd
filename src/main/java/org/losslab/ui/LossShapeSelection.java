package org.losslab.ui;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.losslab.analysis.LossShapeProbe;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.loss.LossFunction;
import org.losslab.param.ParamSpec;
import org.losslab.viz.ClassPalette;

/**
 * What the loss-shape explorer shows, without JavaFX: the drawable losses, which of them are selected with which
 * hyperparameters and colour, and the settings of the example's logits. The view reads it and turns it into
 * requests for the probe; tests drive it directly.
 */
final class LossShapeSelection {

    /** One line of the checklist: a loss drawn against one kind of x-axis (mse appears twice: softmax and residual). */
    record Key(String lossId, Plot plot) {
        Key {
            Objects.requireNonNull(lossId);
            Objects.requireNonNull(plot);
        }

        /** A stable id for controls, e.g. {@code focal} or {@code mse-regression}. */
        String controlId() {
            return plot == Plot.CLASSIFICATION ? lossId : lossId + "-regression";
        }
    }

    /** A selected curve: its colour slot and raw hyperparameter values (validated as they are set). */
    private static final class Selected {
        final int colour;
        final Map<String, Object> params = new LinkedHashMap<>();

        Selected(int colour) {
            this.colour = colour;
        }
    }

    private final Map<Key, LossFunction> entries = new LinkedHashMap<>();
    private final Map<Key, Selected> selected = new LinkedHashMap<>();
    private Settings settings = Settings.defaults();
    private long version;

    /** Fills the drawable entries from the probe's candidates (catalogue order). */
    void setCandidates(List<LossShapeProbe.Candidate> candidates) {
        entries.clear();
        for (LossShapeProbe.Candidate c : candidates) {
            for (Plot p : c.plots()) {
                entries.put(new Key(c.loss().spec().id(), p), c.loss());
            }
        }
        selected.keySet().retainAll(entries.keySet());
        version++;
    }

    /** Every drawable entry, in catalogue order. */
    List<Key> entries() {
        return List.copyOf(entries.keySet());
    }

    boolean has(Key key) {
        return entries.containsKey(key);
    }

    LossFunction loss(Key key) {
        LossFunction f = entries.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no drawable loss " + key.lossId() + " against " + key.plot());
        }
        return f;
    }

    /** Selects or deselects; a newly selected curve gets the first colour no other selected curve has. */
    void select(Key key, boolean on) {
        loss(key);
        if (on && !selected.containsKey(key)) {
            BitSet used = new BitSet();
            selected.values().forEach(s -> used.set(s.colour));
            selected.put(key, new Selected(used.nextClearBit(0)));
            version++;
        } else if (!on && selected.remove(key) != null) {
            version++;
        }
    }

    void clearSelection() {
        if (!selected.isEmpty()) {
            selected.clear();
            version++;
        }
    }

    boolean isSelected(Key key) {
        return selected.containsKey(key);
    }

    /** Selected entries in the order they were selected. */
    List<Key> selected() {
        return List.copyOf(selected.keySet());
    }

    /** The selected curve's colour as 0xAARRGGBB. */
    int colour(Key key) {
        Selected s = selected.get(key);
        if (s == null) {
            throw new IllegalArgumentException(key.lossId() + " is not selected");
        }
        return ClassPalette.colour(s.colour);
    }

    /**
     * Sets one hyperparameter of a selected curve.
     *
     * @throws org.losslab.param.InvalidParameterException naming the parameter when the value breaks its rule
     */
    void setParam(Key key, String name, Object raw) {
        Selected s = selected.get(key);
        if (s == null) {
            throw new IllegalArgumentException(key.lossId() + " is not selected");
        }
        ParamSpec spec = loss(key).spec().params().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("loss '" + key.lossId() + "' has no parameter '"
                        + name + "'"));
        Object value = spec.validate("loss '" + key.lossId() + "'", raw);
        if (!value.equals(s.params.put(name, value))) {
            version++;
        }
    }

    /** The current value of a selected curve's hyperparameter (its default until set). */
    Object param(Key key, String name) {
        Selected s = selected.get(key);
        Object v = s == null ? null : s.params.get(name);
        if (v != null) {
            return v;
        }
        return loss(key).spec().params().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(ParamSpec::defaultValue).orElse(null);
    }

    Settings settings() {
        return settings;
    }

    void setSettings(Settings s) {
        if (!s.equals(settings)) {
            settings = s;
            version++;
        }
    }

    /** True when a selected classification loss reads teacher logits (the teacher-margin slider matters). */
    boolean needsTeacher() {
        return selected.keySet().stream().anyMatch(k -> k.plot() == Plot.CLASSIFICATION
                && loss(k).spec().inputs().contains("teacherLogits"));
    }

    boolean hasPlot(Plot plot) {
        return selected.keySet().stream().anyMatch(k -> k.plot() == plot);
    }

    /** One probe request per selected curve, in selection order. */
    List<LossShapeProbe.Request> requests() {
        List<LossShapeProbe.Request> out = new ArrayList<>();
        for (Map.Entry<Key, Selected> e : selected.entrySet()) {
            out.add(new LossShapeProbe.Request(e.getKey().lossId(), e.getKey().plot(), e.getValue().params));
        }
        return out;
    }

    /** Grows with every change that alters the requests. */
    long version() {
        return version;
    }
}
