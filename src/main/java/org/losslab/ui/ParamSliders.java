package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamSpec;
import org.losslab.param.Range;

/**
 * A compact sheet of live sliders for hyperparameters: unlike {@link ParamSheet}, which commits when the thumb is
 * released (a change there restarts training), every slider position is passed on at once, so a curve can follow
 * the thumb. Each slider has a field for exact values, which may lie outside the slider's span as long as the
 * parameter's rule allows them; a refused value is reverted and the refusal shown under the sheet.
 */
final class ParamSliders extends VBox {
    /** Steps of a real slider's span that a value is rounded to. */
    private static final int STEPS = 1000;
    /** The catalogue's ASCII names with the symbols of the formulas (LOSSES.md conventions). */
    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("tau", "τ"),
            Map.entry("epsilon", "ε"), Map.entry("gamma", "γ"), Map.entry("lambda", "λ"), Map.entry("alpha", "α"),
            Map.entry("beta", "β"), Map.entry("nu", "ν"), Map.entry("sigma", "σ"), Map.entry("n", "N"),
            Map.entry("m", "M"), Map.entry("k", "K"), Map.entry("temperature", "T"));

    private final GridPane grid = new GridPane();
    private final Label error = new Label();
    private final String owner;

    /**
     * @param idPrefix prefix of the controls' ids, e.g. {@code shape-focal}; a slider is {@code <prefix>-<name>}
     * @param owner for refusals, e.g. {@code loss 'focal'}
     * @param values the current value of each parameter
     * @param onChange receives each accepted value (validated)
     */
    ParamSliders(String idPrefix, String owner, List<ParamSpec> specs, Function<String, Object> values,
            BiConsumer<String, Object> onChange) {
        super(2);
        this.owner = owner;
        grid.setHgap(6);
        grid.setVgap(2);
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        int row = 0;
        for (ParamSpec spec : specs) {
            Label name = new Label(symbol(spec.name()));
            name.setMinWidth(22);
            Tooltip tip = new Tooltip(spec.name() + ": " + spec.description() + "\nallowed: " + spec.rule()
                    + ", default " + ParamSheet.display(spec.defaultValue()));
            name.setTooltip(tip);
            Node editor = editor(idPrefix + "-" + spec.name(), spec, values.apply(spec.name()), onChange, tip);
            grid.add(name, 0, row);
            grid.add(editor, 1, row);
            GridPane.setHgrow(editor, Priority.ALWAYS);
            row++;
        }
        getChildren().addAll(grid, error);
    }

    /** The symbol of a parameter as the formulas write it, e.g. γ for {@code gamma}. */
    static String symbol(String name) {
        return SYMBOLS.getOrDefault(name, name);
    }

    /**
     * The span a slider covers: the parameter's range where it is finite (just inside an open end), otherwise a
     * span around the default wide enough to show the effect (three times the default, at least 1 for reals and 16
     * for integers).
     */
    static double[] sliderSpan(ParamSpec spec) {
        Range r = spec.range() == null ? Range.any() : spec.range();
        double d = spec.defaultValue() instanceof Number n ? Math.abs(n.doubleValue()) : 1;
        boolean integer = spec.kind() == ParamSpec.Kind.INTEGER;
        double reach = integer ? Math.max(16, 4 * d) : Math.max(1, 3 * d);
        double lo = r.min();
        double hi = r.max();
        if (!Double.isFinite(lo) && !Double.isFinite(hi)) {
            lo = -reach;
            hi = reach;
        } else if (!Double.isFinite(hi)) {
            hi = Math.max(lo + reach, reach);
        } else if (!Double.isFinite(lo)) {
            lo = Math.min(hi - reach, -reach);
        }
        double inset = integer ? 1 : (hi - lo) / 200;
        if (!r.minInclusive() && lo == r.min()) {
            lo += inset;
        }
        if (!r.maxInclusive() && hi == r.max()) {
            hi -= inset;
        }
        return new double[] {lo, hi};
    }

    private Node editor(String id, ParamSpec spec, Object value, BiConsumer<String, Object> onChange, Tooltip tip) {
        switch (spec.kind()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setId(id);
                box.setTooltip(tip);
                box.setSelected(Boolean.TRUE.equals(value));
                box.selectedProperty().addListener((o, was, now) -> accept(spec, now, onChange));
                return box;
            }
            case CHOICE -> {
                ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList(spec.choices()));
                combo.setId(id);
                combo.setTooltip(tip);
                combo.setValue(value == null ? null : value.toString());
                combo.valueProperty().addListener((o, was, now) -> accept(spec, now, onChange));
                return combo;
            }
            case STRING -> {
                TextField field = new TextField(value == null ? "" : value.toString());
                field.setId(id);
                field.setTooltip(tip);
                field.setOnAction(e -> accept(spec, field.getText(), onChange));
                return field;
            }
            default -> {
                return slider(id, spec, value, onChange, tip);
            }
        }
    }

    private Node slider(String id, ParamSpec spec, Object value, BiConsumer<String, Object> onChange, Tooltip tip) {
        boolean integer = spec.kind() == ParamSpec.Kind.INTEGER;
        double[] span = sliderSpan(spec);
        double current = value instanceof Number n ? n.doubleValue() : span[0];
        Slider slider = new Slider(span[0], span[1], Math.max(span[0], Math.min(span[1], current)));
        slider.setId(id);
        slider.setTooltip(tip);
        slider.setPrefWidth(120);
        slider.setMinWidth(60);
        if (integer) {
            slider.setMajorTickUnit(1);
            slider.setMinorTickCount(0);
            slider.setSnapToTicks(true);
            slider.setBlockIncrement(1);
        }
        TextField field = new TextField(ParamSheet.display(value));
        field.setId(id + "-value");
        field.setPrefColumnCount(4);
        field.setTooltip(tip);
        boolean[] fromField = {false};
        slider.valueProperty().addListener((o, was, now) -> {
            if (fromField[0]) {
                return;
            }
            Object v = integer ? (Object) (int) Math.round(now.doubleValue())
                    : round(now.doubleValue(), (span[1] - span[0]) / STEPS);
            if (accept(spec, v, onChange)) {
                field.setText(ParamSheet.display(v));
            }
        });
        Runnable commitField = () -> {
            try {
                Object v = spec.validate(owner, field.getText());
                clearError();
                fromField[0] = true;
                slider.setValue(((Number) v).doubleValue());
                fromField[0] = false;
                field.getStyleClass().remove("invalid");
                onChange.accept(spec.name(), v);
            } catch (InvalidParameterException e) {
                showError(e.getMessage());
                if (!field.getStyleClass().contains("invalid")) {
                    field.getStyleClass().add("invalid");
                }
            }
        };
        field.setOnAction(e -> commitField.run());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitField.run();
            }
        });
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(4, slider, field);
        javafx.scene.layout.HBox.setHgrow(slider, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Rounds to the slider's resolution and then to at most four decimals, so fields show 0.35, not 0.3500001. */
    private static double round(double v, double resolution) {
        double r = Math.round(v / resolution) * resolution;
        return Double.parseDouble(String.format(Locale.ROOT, "%.4g", r));
    }

    private boolean accept(ParamSpec spec, Object value, BiConsumer<String, Object> onChange) {
        try {
            Object v = spec.validate(owner, value);
            clearError();
            onChange.accept(spec.name(), v);
            return true;
        } catch (InvalidParameterException e) {
            showError(e.getMessage());
            return false;
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
    }

    private void clearError() {
        error.setText("");
        error.setVisible(false);
        error.setManaged(false);
    }

    /** The refusal shown now, or empty. */
    String errorText() {
        return error.isVisible() ? error.getText() : "";
    }
}
