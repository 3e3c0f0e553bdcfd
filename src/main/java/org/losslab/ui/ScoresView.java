package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.losslab.analysis.ClassificationMetrics;

/**
 * The scores of the latest evaluation as a small table: a row per split (validation, test), a column per metric
 * (accuracy, top-k accuracy, ECE, NLL, expected pass@N when the run reports it). Under label noise a line says that
 * these rows count against clean labels.
 */
public final class ScoresView extends VBox {
    private final GridPane table = new GridPane();
    private final Label note = new Label();
    private final List<Label> cells = new ArrayList<>();

    /** One column of the table. */
    private record Column(String title, ToDoubleFunction<ClassificationMetrics> value, boolean percent) {}

    public ScoresView() {
        setId("scores");
        setSpacing(4);
        setPadding(new Insets(6, 12, 6, 12));
        table.setHgap(22);
        table.setVgap(3);
        table.setId("scores-table");
        note.getStyleClass().add("legend-text");
        note.setWrapText(true);
        getChildren().addAll(table, note);
    }

    /**
     * Fills the table.
     *
     * @param rows split label → its metrics and step, or null for a split not evaluated yet
     * @param topK the k of the top-k column, 0 for none
     * @param passAtN the N of the pass@N column, 0 for none
     * @param noteText a sentence under the table (e.g. about label noise), or empty
     */
    public void show(List<Row> rows, int topK, int passAtN, String noteText) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("accuracy", ClassificationMetrics::accuracy, true));
        if (topK > 0) {
            columns.add(new Column("top-" + topK + " accuracy", m -> m.topK(topK), true));
        }
        columns.add(new Column("ECE", ClassificationMetrics::ece, true));
        columns.add(new Column("NLL", ClassificationMetrics::nll, false));
        if (passAtN > 0) {
            columns.add(new Column("pass@" + passAtN + " (expected)", m -> m.expectedPassAtN(passAtN), true));
        }
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        cells.clear();
        table.add(header(""), 0, 0);
        table.getColumnConstraints().add(new ColumnConstraints());
        for (int c = 0; c <= columns.size(); c++) {
            ColumnConstraints right = new ColumnConstraints();
            right.setHalignment(HPos.RIGHT);
            table.getColumnConstraints().add(right);
            if (c < columns.size()) {
                table.add(header(columns.get(c).title()), c + 1, 0);
            }
        }
        table.add(header("examples · step"), columns.size() + 1, 0);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            table.add(new Label(row.label()), 0, r + 1);
            for (int c = 0; c < columns.size(); c++) {
                String text = row.metrics() == null ? "–" : format(columns.get(c), row.metrics());
                Label cell = new Label(text);
                cell.setId("score-" + row.id() + "-" + c);
                cells.add(cell);
                table.add(cell, c + 1, r + 1);
            }
            Label where = new Label(row.metrics() == null ? row.pending()
                    : String.format(Locale.ROOT, "%,d · %,d", row.metrics().size(), row.step()));
            where.getStyleClass().add("legend-text");
            table.add(where, columns.size() + 1, r + 1);
        }
        note.setText(noteText);
        note.setVisible(!noteText.isEmpty());
        note.setManaged(!noteText.isEmpty());
    }

    private static String format(Column column, ClassificationMetrics m) {
        double v = column.value().applyAsDouble(m);
        return column.percent() ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("scores-header");
        return l;
    }

    /** Cell texts in reading order, for tests. */
    public List<String> cellTexts() {
        return cells.stream().map(Label::getText).toList();
    }

    /**
     * One split's row.
     *
     * @param id {@code val} or {@code test}
     * @param label shown at the start of the row
     * @param metrics the newest metrics, or null
     * @param step when they were taken
     * @param pending shown instead while there are none
     */
    public record Row(String id, String label, ClassificationMetrics metrics, long step, String pending) {}
}
