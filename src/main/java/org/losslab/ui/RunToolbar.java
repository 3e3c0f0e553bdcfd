package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.losslab.param.InvalidParameterException;

/**
 * The top of the window: run buttons, engine, the training settings a student changes most (learning rate, batch
 * size, seed, steps), experiment files, and the progress line. Fields commit on Enter or when they lose focus; a
 * refused value is reverted and reported, never clamped.
 */
public final class RunToolbar extends VBox {
    final Button train = button("Train", "train", "Start training (or resume after a pause)");
    final Button pause = button("Pause", "pause", "Pause between two steps; nothing is lost");
    final Button step = button("Step", "step", "Take exactly one training step, then pause");
    final Button reset = button("Reset", "reset", "Start again from freshly initialised parameters");
    final ComboBox<String> engine = new ComboBox<>();
    final TextField learningRate = field("learning-rate", 70,
            "Learning rate: the optimizer's step size. Can be changed while training.");
    final TextField batchSize = field("batch-size", 56, "Examples per training step");
    final TextField seed = field("seed", 56, "Seeds the data, the initial parameters, shuffling and dropout");
    final TextField steps = field("steps", 72, "Training steps to run");
    final MenuButton samples = new MenuButton("Samples");
    final Button open = button("Open…", "open", "Open an experiment file (JSON)");
    final Button save = button("Save…", "save", "Save this experiment as a JSON file");
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label("step 0");
    final Label state = new Label();

    public RunToolbar(List<String> engines) {
        setId("run-toolbar");
        engine.setId("engine");
        engine.setItems(FXCollections.observableArrayList(engines));
        engine.setTooltip(new Tooltip("The tensor engine that trains the model: pytorch (default, fast) or nd4j"));
        samples.setId("samples");
        samples.setTooltip(new Tooltip("Experiments that ship with LossLab"));
        train.getStyleClass().add("primary");
        ToolBar bar = new ToolBar(train, pause, step, reset, new Separator(),
                new Label("Engine"), engine, new Separator(),
                new Label("Learning rate"), learningRate, new Label("Batch"), batchSize, new Label("Seed"), seed,
                new Label("Steps"), steps, new Separator(), samples, open, save);
        progress.setId("progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setPrefHeight(14);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progressText.setId("progress-text");
        progressText.setMinWidth(320);
        progressText.getStyleClass().add("progress-text");
        state.setId("run-state");
        state.getStyleClass().add("run-state");
        state.setMinWidth(90);
        HBox line = new HBox(10, state, progress, progressText);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 10, 4, 10));
        line.getStyleClass().add("progress-line");
        getChildren().addAll(bar, line);
    }

    /** Fills the sample menu; {@code open} receives the chosen file name. */
    void setSamples(List<String> names, Consumer<String> open) {
        samples.getItems().clear();
        for (String name : names) {
            MenuItem item = new MenuItem(name.replace(".json", ""));
            item.setOnAction(e -> open.accept(name));
            samples.getItems().add(item);
        }
    }

    /**
     * Wires a field to a setter: on commit the text goes to {@code set}; when refused the message goes to
     * {@code refused} and the field shows {@code current} again.
     */
    static void bind(TextField field, java.util.function.Supplier<String> current, Consumer<String> set,
            Consumer<String> refused) {
        field.setText(current.get());
        Runnable commit = () -> {
            if (field.getText().equals(current.get())) {
                field.getStyleClass().remove("invalid");
                return;
            }
            try {
                set.accept(field.getText());
                field.getStyleClass().remove("invalid");
            } catch (InvalidParameterException e) {
                if (!field.getStyleClass().contains("invalid")) {
                    field.getStyleClass().add("invalid");
                }
                refused.accept(e.getMessage());
            }
            field.setText(current.get());
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    private static TextField field(String id, double width, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.setPrefWidth(width);
        f.setTooltip(new Tooltip(tip));
        return f;
    }
}
