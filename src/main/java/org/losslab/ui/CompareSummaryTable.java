package org.losslab.ui;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.losslab.train.ArmSummary;
import org.losslab.train.RunStatus;
import org.losslab.viz.ArmPalette;

/**
 * The comparison's summary table, one row per arm: final train loss, validation loss, accuracy, top-k, ECE,
 * steps per second and strategy; the arm's colour in front of its label. Values not reported yet show as "–".
 */
public final class CompareSummaryTable extends TableView<CompareSummaryTable.Row> {

    /** One arm's line. */
    public record Row(int arm, ArmSummary summary) {}

    private final TableColumn<Row, String> topK;
    private final TableColumn<Row, String> valAccuracy;
    private final TableColumn<Row, String> valEce;
    /** Columns shown only while some arm reports them (test accuracy, pass@N, regression fit). */
    private final Map<String, TableColumn<Row, String>> optional = new LinkedHashMap<>();

    public CompareSummaryTable() {
        setId("compare-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("Open an experiment with a compare section (e.g. the sample "
                + "spirals-noise-ce-vs-mae) to compare losses here."));
        TableColumn<Row, Row> arm = new TableColumn<>("arm");
        arm.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        arm.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(row.summary().label());
                setGraphic(new Rectangle(18, 4, Color.web(ArmPalette.web(row.arm()))));
            }
        });
        arm.setPrefWidth(170);
        TableColumn<Row, String> status = text("status", r -> status(r.summary()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String message = row == null ? "" : row.summary().message();
                setTooltip(message.isEmpty() ? null : new Tooltip(message));
            }
        });
        topK = text("val top-k", r -> percent(r.summary().valTopK()));
        getColumns().add(arm);
        getColumns().add(status);
        getColumns().add(text("steps", r -> String.format(Locale.ROOT, "%,d", r.summary().steps())));
        getColumns().add(text("train loss", r -> number(r.summary().trainLoss())));
        getColumns().add(text("val loss", r -> number(r.summary().valLoss())));
        valAccuracy = text("val accuracy", r -> percent(r.summary().valAccuracy()));
        getColumns().add(valAccuracy);
        getColumns().add(topK);
        valEce = text("val ECE", r -> number(r.summary().valEce()));
        getColumns().add(valEce);
        for (Map.Entry<String, String> c : ArmSummary.OPTIONAL_COLUMNS.entrySet()) {
            String key = c.getKey();
            boolean share = key.endsWith("accuracy") || key.contains("pass@");
            TableColumn<Row, String> column = text(c.getValue(), r -> share ? percent(r.summary().last(key))
                    : number(r.summary().last(key)));
            column.setVisible(false);
            optional.put(key, column);
            getColumns().add(column);
        }
        getColumns().add(text("steps/s", r -> r.summary().stepsPerSecond() > 0
                ? ProgressText.rate(r.summary().stepsPerSecond()) : "–"));
        getColumns().add(text("strategy", r -> r.summary().strategy()));
        setFixedCellSize(24);
    }

    private static TableColumn<Row, String> text(String title, Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** Shows {@code rows}; the top-k column is named after their k, or hidden when none reports one. */
    public void show(List<Row> rows) {
        int k = rows.stream().mapToInt(r -> r.summary().topK()).max().orElse(0);
        topK.setText(k > 0 ? "val top-" + k : "val top-k");
        topK.setVisible(k > 0);
        // Regression arms have no accuracy or calibration; before the first evaluation nobody has, so keep them.
        boolean regression = !rows.isEmpty() && rows.stream().allMatch(r -> r.summary().finals().containsKey("val/r2"));
        valAccuracy.setVisible(!regression);
        valEce.setVisible(!regression);
        List<String> shown = ArmSummary.optionalColumnsOf(rows.stream().map(Row::summary).toList());
        optional.forEach((key, column) -> column.setVisible(shown.contains(key)));
        getItems().setAll(FXCollections.observableArrayList(rows));
    }

    private static String status(ArmSummary s) {
        if (s.status() == RunStatus.DIVERGED) {
            return "diverged";
        }
        return s.status().name().toLowerCase(Locale.ROOT);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "–";
    }
}
