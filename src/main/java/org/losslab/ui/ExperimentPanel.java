package org.losslab.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.losslab.data.DataSource;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.data.Task;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.experiment.TaskLosses;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.model.ModelType;
import org.losslab.param.InvalidParameterException;

/**
 * The left panel: task, dataset, model, loss and optimizer, each with its hyperparameters, the loss's formula card
 * and what the data is. Every edit goes into the {@link ExperimentEditor}; an accepted edit calls
 * {@code onEdited}, a refused one {@code onRefused} with the message.
 */
public final class ExperimentPanel extends ScrollPane {
    private static final String ALL_FAMILIES = "All families";

    private final ExperimentEditor editor;
    private final Label title = new Label();
    private final Label description = hint();
    private final ComboBox<String> task = new ComboBox<>(FXCollections.observableArrayList(Task.ids()));
    private final ComboBox<DataSource> dataset = new ComboBox<>();
    private final Label datasetDescription = hint();
    private final ParamSheet datasetParams = new ParamSheet("dataset-params");
    private final Label datasetInfo = new Label();
    private final Label attribution = new Label();
    private final ComboBox<ModelType> model = new ComboBox<>();
    private final Label modelDescription = hint();
    private final ParamSheet modelParams = new ParamSheet("model-params");
    private final Label modelInfo = new Label();
    private final ComboBox<String> family = new ComboBox<>();
    private final ComboBox<LossFunction> loss = new ComboBox<>();
    private final Label compositeNote = hint();
    /** Shown instead of the loss controls while the experiment compares several losses. */
    private final Label comparisonNote = hint();
    private final ParamSheet lossParams = new ParamSheet("loss-params");
    private final FormulaCard formula = new FormulaCard();
    private final ComboBox<String> optimizer = new ComboBox<>(
            FXCollections.observableArrayList(ExperimentEditor.OPTIMIZERS));
    private Runnable onEdited = () -> {};
    private Consumer<String> onRefused = m -> {};
    /** True while the controls are being filled from the editor: their listeners must not edit it back. */
    private boolean refreshing;

    public ExperimentPanel(ExperimentEditor editor) {
        this.editor = editor;
        setId("experiment-panel");
        getStyleClass().add("experiment-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        task.setId("task");
        task.getSelectionModel().selectFirst();
        task.setTooltip(new Tooltip("classification: predict a class per example · regression: predict real values "
                + "(the function data sets, with noise and outliers); the datasets and losses offered follow"));
        task.setMaxWidth(Double.MAX_VALUE);
        task.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null && !now.equals(editor.task().id())) {
                try {
                    editor.setTask(Task.byId(now));
                } catch (RuntimeException e) {
                    onRefused.accept(e.getMessage());
                    refresh();
                    return;
                }
                family.setValue(switch (editor.task()) {
                    case REGRESSION -> ALL_FAMILIES;
                    case EMBEDDING -> Family.METRIC_LEARNING.displayName();
                    case CLASSIFICATION -> Family.CLASSIFICATION.displayName();
                });
                refresh();
                onEdited.run();
            }
        });

        dataset.setId("dataset");
        dataset.setItems(FXCollections.observableArrayList(Catalogues.dataSources()));
        named(dataset, Catalogues::dataName);
        dataset.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null) {
                pick(ExperimentEditor.Part.DATA, now.id());
            }
        });
        datasetInfo.setWrapText(true);
        datasetInfo.setId("dataset-info");
        attribution.setWrapText(true);
        attribution.getStyleClass().add("citation");
        attribution.setId("attribution");

        model.setId("model");
        model.setItems(FXCollections.observableArrayList(Catalogues.models()));
        named(model, ModelType::name);
        model.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null) {
                pick(ExperimentEditor.Part.MODEL, now.id());
            }
        });
        modelInfo.setWrapText(true);
        modelInfo.setId("model-info");

        family.setId("loss-family");
        List<String> families = new ArrayList<>();
        families.add(ALL_FAMILIES);
        for (Family f : Family.values()) {
            if (Catalogues.losses().stream().anyMatch(l -> l.spec().family() == f)) {
                families.add(f.displayName());
            }
        }
        family.setItems(FXCollections.observableArrayList(families));
        family.setTooltip(new Tooltip("Show the losses of one family"));
        family.setMaxWidth(Double.MAX_VALUE);
        family.valueProperty().addListener((o, was, now) -> filterLosses());

        loss.setId("loss");
        named(loss, l -> l.spec().name() + "  ·  " + l.spec().id());
        loss.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null) {
                pick(ExperimentEditor.Part.LOSS, now.spec().id());
            }
        });

        optimizer.setId("optimizer");
        optimizer.setMaxWidth(Double.MAX_VALUE);
        optimizer.setTooltip(new Tooltip("adam: adaptive steps, a safe default · adamw: adam with decoupled "
                + "weight decay · sgd: plain gradient steps with momentum"));
        optimizer.valueProperty().addListener((o, was, now) -> {
            if (!refreshing && now != null) {
                try {
                    editor.setOptimizer(now);
                    onEdited.run();
                } catch (InvalidParameterException e) {
                    onRefused.accept(e.getMessage());
                }
            }
        });

        for (ParamSheet sheet : List.of(datasetParams, modelParams, lossParams)) {
            sheet.setOnChanged(() -> onEdited.run());
            sheet.setOnRefused(m -> onRefused.accept(m));
        }

        title.getStyleClass().add("experiment-title");
        title.setWrapText(true);
        title.setId("experiment-title");
        VBox content = new VBox(6,
                title, description,
                section("Task"), task,
                // The loss first: it is what this workbench is about, and its formula card should not need scrolling.
                section("Loss"), comparisonNote, family, loss, compositeNote, lossParams, formula,
                section("Dataset"), dataset, datasetDescription, datasetParams, datasetInfo, attribution,
                section("Model"), model, modelDescription, modelParams, modelInfo,
                section("Optimizer"), optimizer);
        content.setPadding(new Insets(8, 10, 12, 10));
        content.setFillWidth(true);
        for (Node n : content.getChildren()) {
            if (n instanceof ComboBox<?> c) {
                c.setMaxWidth(Double.MAX_VALUE);
            }
        }
        setContent(content);
        family.setValue(Family.CLASSIFICATION.displayName());
        refresh();
    }

    public void setOnEdited(Runnable r) {
        onEdited = r;
    }

    public void setOnRefused(Consumer<String> c) {
        onRefused = c;
    }

    private void pick(ExperimentEditor.Part part, String id) {
        try {
            editor.select(part, id);
        } catch (RuntimeException e) {
            onRefused.accept(e.getMessage());
            refresh();
            return;
        }
        refresh();
        onEdited.run();
    }

    /** Fills every control from the editor (after a pick, Open…, or a refused experiment). */
    public void refresh() {
        refreshing = true;
        try {
            task.setValue(editor.task().id());
            if (editor.task() != Task.CLASSIFICATION && Family.CLASSIFICATION.displayName().equals(family.getValue())) {
                family.setValue(ALL_FAMILIES); // mse and mae are catalogued as classification losses
            }
            dataset.setItems(FXCollections.observableArrayList(Catalogues.dataSources().stream()
                    .filter(d -> d.task() == editor.task().dataTask()).toList()));
            String dataId = editor.id(ExperimentEditor.Part.DATA);
            DataSource ds = dataset.getItems().stream().filter(d -> d.id().equals(dataId)).findFirst().orElse(null);
            dataset.setValue(ds);
            datasetDescription.setText(ds == null ? "" : ds.description());
            datasetParams.show(editor.paramSpecs(ExperimentEditor.Part.DATA), binding(ExperimentEditor.Part.DATA));
            String modelId = editor.id(ExperimentEditor.Part.MODEL);
            ModelType mt = model.getItems().stream().filter(m -> m.id().equals(modelId)).findFirst().orElse(null);
            model.setValue(mt);
            modelDescription.setText(mt == null ? "" : mt.description());
            modelParams.show(editor.paramSpecs(ExperimentEditor.Part.MODEL), binding(ExperimentEditor.Part.MODEL));
            filterLosses();
            if (editor.lossIsComposite()) {
                loss.setValue(null);
                loss.setPromptText("weighted sum: pick one loss to replace it");
                compositeNote.setText("Loss from the file: " + editor.compositeLabel());
                compositeNote.setVisible(true);
                compositeNote.setManaged(true);
                formula.showComposite(editor.compositeLabel(), editor.lossTerms(), Catalogues::loss);
            } else {
                String lossId = editor.id(ExperimentEditor.Part.LOSS);
                LossFunction lf = Catalogues.losses().stream().filter(l -> l.spec().id().equals(lossId)).findFirst()
                        .orElse(null);
                if (lf != null && !loss.getItems().contains(lf)) {
                    family.setValue(ALL_FAMILIES);
                    filterLosses();
                }
                loss.setValue(lf);
                compositeNote.setVisible(false);
                compositeNote.setManaged(false);
                if (lf != null) {
                    formula.show(lf.spec());
                }
            }
            lossParams.show(editor.paramSpecs(ExperimentEditor.Part.LOSS), binding(ExperimentEditor.Part.LOSS));
            showComparison(editor.compareArms());
            optimizer.setValue(editor.optimizer());
        } finally {
            refreshing = false;
        }
    }

    /**
     * A comparison trains its arms' losses, not the one picked here: the note names them and the single-loss
     * controls step aside, so nobody tunes a loss that is not used.
     */
    private void showComparison(List<ExperimentSpec.Arm> arms) {
        boolean comparing = !arms.isEmpty();
        if (comparing) {
            List<String> labels = new ArrayList<>();
            for (ExperimentSpec.Arm a : arms) {
                labels.add(a.label() != null ? a.label() : a.loss() == null ? "?" : a.loss().id() != null
                        ? a.loss().id() : "weighted sum");
            }
            comparisonNote.setText("This experiment compares " + arms.size() + " losses side by side: "
                    + String.join(", ", labels) + ". They train together in the "
                    + (editor.task() == Task.EMBEDDING ? "Embedding" : "Compare") + " tab, each with its own "
                    + "colour; their losses are set in the file's \"compare\" section. Data, model and optimizer "
                    + "below are shared by every arm.");
        }
        comparisonNote.setVisible(comparing);
        comparisonNote.setManaged(comparing);
        for (Node n : List.of(family, loss, lossParams, formula)) {
            n.setVisible(!comparing);
            n.setManaged(!comparing);
        }
        if (comparing) {
            compositeNote.setVisible(false);
            compositeNote.setManaged(false);
        }
    }

    private void filterLosses() {
        boolean was = refreshing;
        refreshing = true;
        try {
            String f = family.getValue();
            LossFunction current = loss.getValue();
            List<LossFunction> shown = Catalogues.losses().stream()
                    .filter(l -> TaskLosses.accepts(editor.task(), l.spec()))
                    .filter(l -> f == null || f.equals(ALL_FAMILIES) || l.spec().family().displayName().equals(f))
                    .toList();
            loss.setItems(FXCollections.observableArrayList(shown));
            loss.setValue(shown.contains(current) ? current : null);
        } finally {
            refreshing = was;
        }
    }

    /** The experiment's name and description (from its file). */
    public void showTitle(String name, String text) {
        title.setText(name);
        description.setText(text == null ? "" : text);
        description.setVisible(text != null && !text.isBlank());
        description.setManaged(description.isVisible());
    }

    /** Sizes, classes and attribution of the loaded data; the model as built. */
    public void showResolved(ResolvedExperiment r) {
        DataSplit data = r.setup().data();
        Dataset train = data.train();
        String test = data.test().map(t -> String.format(Locale.ROOT, " · %,d test", t.size())).orElse("");
        List<String> names = train.classNames();
        String classes = names.size() <= 12 ? String.join(", ", names) : String.join(", ", names.subList(0, 12)) + ", …";
        String targets = train.isRegression()
                ? String.format(Locale.ROOT, "target: %d real value%s per example; %,d injected outliers in training "
                        + "(validation and test clean)", train.targetDims(), train.targetDims() == 1 ? "" : "s",
                        train.outlierCount())
                : String.format(Locale.ROOT, "%d classes: %s", train.numClasses(), classes);
        datasetInfo.setText(String.format(Locale.ROOT,
                "%,d train · %,d validation%s examples%neach example: %s (%d features)%n%s",
                train.size(), data.validation().size(), test, shape(train.featureShape()), train.featureSize(),
                targets));
        DataSource ds = dataset.getValue();
        String source = ds == null ? "" : ds.attribution();
        attribution.setText(source);
        modelInfo.setText(String.format(Locale.ROOT, "%s · %,d parameters", r.setup().model().describe(),
                r.setup().model().parameterCount()));
    }

    private static String shape(int[] s) {
        if (s.length == 1 && s[0] == 2) {
            return "a point (x₁, x₂)";
        }
        if (s.length == 1 && s[0] == 1) {
            return "a number x";
        }
        if (s.length == 3) {
            return s[1] + "×" + s[2] + (s[0] == 1 ? " grey image" : " image, " + s[0] + " channels");
        }
        return Arrays.toString(s);
    }

    private ParamSheet.Binding binding(ExperimentEditor.Part part) {
        return new ParamSheet.Binding() {
            @Override
            public Object get(String name) {
                return editor.value(part, name);
            }

            @Override
            public void set(String name, Object value) {
                editor.setParam(part, name, value);
            }
        };
    }

    public ParamSheet sheet(ExperimentEditor.Part part) {
        return switch (part) {
            case DATA -> datasetParams;
            case MODEL -> modelParams;
            case LOSS -> lossParams;
        };
    }

    public FormulaCard formulaCard() {
        return formula;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Label hint() {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }

    private static <T> void named(ComboBox<T> combo, Function<T, String> name) {
        combo.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : name.apply(item));
            }
        });
        combo.setButtonCell(combo.getCellFactory().call(null));
        combo.setMaxWidth(Double.MAX_VALUE);
    }

}
