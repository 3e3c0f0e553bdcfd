package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamSpec;

/**
 * The hyperparameters of one dataset, model or loss in a ControlsFX {@link PropertySheet}, one row per
 * {@link ParamSpec}. A value is committed on Enter or when the field loses focus and validated by the spec: a
 * refused value is not clamped but reverted, and the refusal is shown under the sheet naming the parameter and its
 * rule.
 */
final class ParamSheet extends VBox {
    private static final double ROW_HEIGHT = 31;
    /** The sheet's own borders and insets around the rows. */
    private static final double SHEET_INSETS = 14;

    /** Reads and writes the values behind the sheet. */
    interface Binding {
        Object get(String name);

        /** @throws InvalidParameterException when refused */
        void set(String name, Object value);
    }

    private final PropertySheet sheet = new PropertySheet();
    private final Label empty = new Label("No hyperparameters.");
    private final Label error = new Label();
    private Binding binding;
    private Runnable onChanged = () -> {};
    private Consumer<String> onRefused = m -> {};

    ParamSheet(String id) {
        super(4);
        setId(id);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(this::editorFor);
        sheet.getStyleClass().add("param-sheet");
        empty.getStyleClass().add("hint");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        error.setId(id + "-error");
        getChildren().addAll(sheet, empty, error);
    }

    void setOnChanged(Runnable r) {
        onChanged = r;
    }

    void setOnRefused(Consumer<String> c) {
        onRefused = c;
    }

    /** Shows these parameters; the editors read their values from {@code binding}. */
    void show(List<ParamSpec> specs, Binding newBinding) {
        binding = newBinding;
        clearError();
        sheet.getItems().setAll(specs.stream().map(Item::new).toList());
        boolean none = specs.isEmpty();
        sheet.setVisible(!none);
        sheet.setManaged(!none);
        empty.setVisible(none);
        empty.setManaged(none);
        double h = specs.size() * ROW_HEIGHT + SHEET_INSETS;
        sheet.setPrefHeight(h);
        sheet.setMinHeight(h);
    }

    /** The refusal shown now, or empty. */
    String errorText() {
        return error.isVisible() ? error.getText() : "";
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
        onRefused.accept(message);
    }

    private void clearError() {
        error.setText("");
        error.setVisible(false);
        error.setManaged(false);
    }

    /** Commits a value; true when accepted. */
    private boolean commit(ParamSpec spec, Object value) {
        Object before = binding.get(spec.name());
        try {
            binding.set(spec.name(), value);
        } catch (InvalidParameterException e) {
            showError(e.getMessage());
            return false;
        }
        clearError();
        if (!String.valueOf(before).equals(String.valueOf(binding.get(spec.name())))) {
            onChanged.run();
        }
        return true;
    }

    /** One row: a parameter of the current owner. */
    private final class Item implements PropertySheet.Item {
        private final ParamSpec spec;

        Item(ParamSpec spec) {
            this.spec = spec;
        }

        @Override
        public Class<?> getType() {
            return switch (spec.kind()) {
                case REAL -> Double.class;
                case INTEGER -> Integer.class;
                case BOOLEAN -> Boolean.class;
                default -> String.class;
            };
        }

        @Override
        public String getCategory() {
            return "";
        }

        @Override
        public String getName() {
            return spec.name();
        }

        @Override
        public String getDescription() {
            return spec.description() + " (" + spec.rule() + ", default " + spec.defaultValue() + ")";
        }

        @Override
        public Object getValue() {
            return binding.get(spec.name());
        }

        @Override
        public void setValue(Object value) {
            commit(spec, value);
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }
    }

    private static boolean hasSliderRange(ParamSpec spec) {
        return spec.kind() == ParamSpec.Kind.REAL && spec.range() != null && Double.isFinite(spec.range().min())
                && Double.isFinite(spec.range().max()) && spec.range().max() > spec.range().min();
    }

    private PropertyEditor<?> editorFor(PropertySheet.Item item) {
        ParamSpec spec = ((Item) item).spec;
        return switch (spec.kind()) {
            case BOOLEAN -> new CheckEditor(spec);
            case CHOICE -> new ChoiceEditor(spec);
            default -> new TextEditor(spec);
        };
    }

    /** Numbers and free text: typed, committed on Enter or focus loss, reverted when refused. */
    private final class TextEditor implements PropertyEditor<Object> {
        private final ParamSpec spec;
        private final TextField field = new TextField();
        private final Node node;

        TextEditor(ParamSpec spec) {
            this.spec = spec;
            this.node = isFilePath(spec) ? withBrowseButton() : hasSliderRange(spec) ? withSlider() : field;
            field.setId("param-" + spec.name());
            field.setTooltip(new Tooltip(spec.description() + "\nallowed: " + spec.rule()));
            field.setOnAction(e -> commitText());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commitText();
                }
            });
            setValue(binding.get(spec.name()));
        }

        private void commitText() {
            String text = field.getText();
            if (text.equals(display(binding.get(spec.name())))) {
                return;
            }
            if (commit(spec, text)) {
                field.getStyleClass().remove("invalid");
                setValue(binding.get(spec.name()));
            } else {
                if (!field.getStyleClass().contains("invalid")) {
                    field.getStyleClass().add("invalid");
                }
                setValue(binding.get(spec.name()));
            }
        }

        /**
         * A real parameter with a finite range (noise, label noise, ε, dropout, …) also gets a slider, so a teacher
         * can sweep it; the field still takes exact values. The value is committed when the thumb is released.
         */
        private Node withSlider() {
            org.losslab.param.Range r = spec.range();
            double span = r.max() - r.min();
            double lo = r.minInclusive() ? r.min() : r.min() + span / 100;
            double hi = r.maxInclusive() ? r.max() : r.max() - span / 100;
            javafx.scene.control.Slider slider = new javafx.scene.control.Slider(lo, hi, lo);
            slider.setId("slider-" + spec.name());
            slider.setPrefWidth(90);
            slider.setTooltip(new Tooltip(spec.description() + "\nallowed: " + spec.rule()));
            Object current = binding.get(spec.name());
            if (current instanceof Number n) {
                slider.setValue(n.doubleValue());
            }
            Runnable commitSlider = () -> {
                double v = Math.round(slider.getValue() * 1000) / 1000.0;
                field.setText(display(v));
                commitText();
            };
            slider.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    commitSlider.run();
                }
            });
            slider.setOnMouseReleased(e -> commitSlider.run());
            field.textProperty().addListener((o, was, now) -> {
                try {
                    double v = Double.parseDouble(now.trim());
                    if (!slider.isValueChanging() && v >= lo && v <= hi) {
                        slider.setValue(v);
                    }
                } catch (NumberFormatException ignored) {
                    // the field shows what was typed; commitText reports it
                }
            });
            field.setPrefColumnCount(5);
            javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(4, slider, field);
            javafx.scene.layout.HBox.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            return box;
        }

        /** A file path gets a "…" button that opens a file chooser; the path can still be typed. */
        private Node withBrowseButton() {
            javafx.scene.control.Button browse = new javafx.scene.control.Button("…");
            browse.setId("browse-" + spec.name());
            browse.setTooltip(new Tooltip("Choose the file"));
            browse.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle("Choose " + spec.description());
                java.io.File f = chooser.showOpenDialog(field.getScene() == null ? null : field.getScene().getWindow());
                if (f != null) {
                    field.setText(f.getAbsolutePath());
                    commitText();
                }
            });
            javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(2, field, browse);
            javafx.scene.layout.HBox.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
            return box;
        }

        @Override
        public Node getEditor() {
            return node;
        }

        @Override
        public Object getValue() {
            return field.getText();
        }

        @Override
        public void setValue(Object value) {
            field.setText(display(value));
        }
    }

    private final class CheckEditor implements PropertyEditor<Object> {
        private final CheckBox box = new CheckBox();

        CheckEditor(ParamSpec spec) {
            box.setId("param-" + spec.name());
            box.setTooltip(new Tooltip(spec.description()));
            setValue(binding.get(spec.name()));
            box.selectedProperty().addListener((o, was, now) -> commit(spec, now));
        }

        @Override
        public Node getEditor() {
            return box;
        }

        @Override
        public Object getValue() {
            return box.isSelected();
        }

        @Override
        public void setValue(Object value) {
            box.setSelected(Boolean.TRUE.equals(value));
        }
    }

    private final class ChoiceEditor implements PropertyEditor<Object> {
        private final ComboBox<String> combo;

        ChoiceEditor(ParamSpec spec) {
            combo = new ComboBox<>(FXCollections.observableArrayList(spec.choices()));
            combo.setId("param-" + spec.name());
            combo.setTooltip(new Tooltip(spec.description()));
            combo.setMaxWidth(Double.MAX_VALUE);
            setValue(binding.get(spec.name()));
            combo.valueProperty().addListener((o, was, now) -> {
                if (now != null && !commit(spec, now)) {
                    combo.setValue(was);
                }
            });
        }

        @Override
        public Node getEditor() {
            return combo;
        }

        @Override
        public Object getValue() {
            return combo.getValue();
        }

        @Override
        public void setValue(Object value) {
            combo.setValue(value == null ? null : value.toString());
        }
    }

    private static boolean isFilePath(ParamSpec spec) {
        return spec.kind() == ParamSpec.Kind.STRING && spec.name().toLowerCase(Locale.ROOT).contains("path");
    }

    /** Whole reals keep their ".0", so a real parameter never reads as an integer. */
    static String display(Object value) {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return Double.toString(d);
        }
        return value == null ? "" : value.toString();
    }
}
