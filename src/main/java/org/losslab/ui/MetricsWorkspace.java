package org.losslab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.losslab.analysis.ClassificationMetrics;
import org.losslab.train.EvaluationReport;

/**
 * The "Metrics" workspace: the reliability diagram and the confusion matrix of the latest evaluation side by side,
 * over a table of its scores. Fed by the run's {@link EvaluationReport}s through the frame loop; shows the validation
 * set while training and, where the data has one, the test set once the run has finished. FX thread only.
 *
 * <p>A tab of its own rather than two more tiles on the training board: next to the decision boundary and the
 * curves they left every tile too narrow for its title and controls at the window's default size.
 */
public final class MetricsWorkspace {
    static final String VALIDATION = "validation";
    static final String TEST = "test";

    /** The newest metrics of one split and the step they were taken at. */
    private record Latest(ClassificationMetrics metrics, long step) {}

    private final ReliabilityDiagramView reliability = new ReliabilityDiagramView();
    private final ConfusionMatrixView confusion = new ConfusionMatrixView();
    private final ScoresView scores = new ScoresView();
    private final TileBoard board = new TileBoard(new double[] {50, 50}, new double[] {83, 17});
    private final StringProperty split = new SimpleStringProperty(VALIDATION);
    private final Map<String, Latest> latest = new LinkedHashMap<>();
    private final List<ChoiceBox<String>> choosers = new ArrayList<>();
    private List<String> classNames = List.of();
    private boolean hasTest;
    private double labelNoise;
    private int topK;
    private int passAtN;

    public MetricsWorkspace() {
        Tile reliabilityTile = new Tile("Reliability", reliability).withControls(splitChooser());
        reliabilityTile.setId("reliability-tile");
        reliabilityTile.captionProperty().bind(reliability.captionProperty());
        Tile confusionTile = new Tile("Confusion", confusion).withControls(splitChooser());
        confusionTile.setId("confusion-tile");
        confusionTile.captionProperty().bind(confusion.captionProperty());
        Tile scoresTile = new Tile("Scores", scores);
        scoresTile.setId("scores-tile");
        board.add(reliabilityTile, 0, 0, 1, 1).add(confusionTile, 1, 0, 1, 1).add(scoresTile, 0, 1, 2, 1);
        board.setPadding(new Insets(8));
        split.addListener((o, was, now) -> refresh());
        refresh();
    }

    /** The workspace's content, for a tab. */
    public Node root() {
        return board;
    }

    /** The views that draw on a canvas, for the frame loop. */
    public List<FrameCoalescer.Redrawable> redrawables() {
        return List.of(reliability, confusion);
    }

    public ReliabilityDiagramView reliability() {
        return reliability;
    }

    public ConfusionMatrixView confusion() {
        return confusion;
    }

    public ScoresView scores() {
        return scores;
    }

    /** {@code validation} or {@code test}. */
    public StringProperty splitProperty() {
        return split;
    }

    /** A chooser of the split for a tile's title bar, kept in step with the other; hidden without a test set. */
    private ChoiceBox<String> splitChooser() {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.getItems().addAll(VALIDATION, TEST);
        box.valueProperty().bindBidirectional(split);
        box.setTooltip(new Tooltip("Which examples the view counts: the validation set at every evaluation, the test "
                + "set once, at the end of training"));
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.setVisible(false);
        box.setManaged(false);
        choosers.add(box);
        return box;
    }

    /**
     * A new run: forget the last one's reports.
     *
     * @param names one name per class
     * @param withTest whether the data has a test set
     * @param trainingLabelNoise the fraction of training labels flipped on purpose (validation and test never are)
     */
    public void reset(List<String> names, boolean withTest, double trainingLabelNoise) {
        classNames = List.copyOf(names);
        hasTest = withTest;
        labelNoise = trainingLabelNoise;
        topK = 0;
        passAtN = 0;
        latest.clear();
        for (ChoiceBox<String> box : choosers) {
            box.setVisible(withTest);
            box.setManaged(withTest);
        }
        if (!withTest) {
            split.set(VALIDATION);
        }
        refresh();
    }

    /** The newest evaluation. */
    public void accept(EvaluationReport report) {
        topK = report.topK();
        passAtN = report.passAtN();
        report.split(EvaluationReport.VALIDATION).ifPresent(m -> latest.put(VALIDATION, new Latest(m, report.step())));
        report.split(EvaluationReport.TEST).ifPresent(m -> latest.put(TEST, new Latest(m, report.step())));
        refresh();
    }

    private String label(String splitName) {
        return splitName + (labelNoise > 0 ? " (clean labels)" : "");
    }

    private void refresh() {
        String chosen = split.get() == null ? VALIDATION : split.get();
        Latest shown = latest.get(chosen);
        if (shown == null) {
            String why = chosen.equals(TEST)
                    ? "The test set is evaluated once, when training finishes. Until then, choose validation."
                    : "Appears at the first evaluation: load an experiment and press Train or Step.";
            reliability.clear(why);
            confusion.clear(why);
        } else {
            reliability.show(shown.metrics(), label(chosen), shown.step());
            confusion.show(shown.metrics(), classNames, label(chosen), shown.step());
        }
        List<ScoresView.Row> rows = new ArrayList<>();
        rows.add(row("val", VALIDATION, "at the first evaluation"));
        if (hasTest) {
            rows.add(row("test", TEST, "when training finishes"));
        }
        String note = labelNoise > 0 ? String.format(Locale.ROOT, "%.0f %% of the training labels were flipped to "
                + "another class; validation and test labels are clean, so these scores count against the true "
                + "classes.", 100 * labelNoise) : "";
        scores.show(rows, topK, passAtN, note);
    }

    private ScoresView.Row row(String id, String splitName, String pending) {
        Latest l = latest.get(splitName);
        return new ScoresView.Row(id, label(splitName), l == null ? null : l.metrics(), l == null ? 0 : l.step(),
                pending);
    }
}
