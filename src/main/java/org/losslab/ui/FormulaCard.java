package org.losslab.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;

/**
 * What the selected loss is: its name, its formula typeset as mathematics, the one-sentence intuition, where it
 * comes from, and how sure the catalogue is of the formula (its status tag).
 */
public final class FormulaCard extends VBox {
    private static final float FORMULA_SIZE = 17f;

    private final Label name = new Label();
    private final Label status = new Label();
    private final VBox formulas = new VBox(6);
    private final Label intuition = new Label();
    private final Label citation = new Label();

    public FormulaCard() {
        super(6);
        getStyleClass().add("formula-card");
        setId("formula-card");
        setPadding(new Insets(8));
        name.getStyleClass().add("formula-name");
        status.getStyleClass().add("status-tag");
        intuition.setWrapText(true);
        intuition.getStyleClass().add("intuition");
        citation.setWrapText(true);
        citation.getStyleClass().add("citation");
        HBox head = new HBox(8, name, status);
        getChildren().addAll(head, formulas, intuition, citation);
    }

    public void show(LossSpec spec) {
        name.setText(spec.name());
        showStatus(spec.status());
        formulas.getChildren().setAll(formula(spec.tex(), null));
        intuition.setText(spec.intuition());
        citation.setText(spec.citation());
    }

    /** A weighted sum: each term's formula with its weight. */
    public void showComposite(String label, List<ExperimentSpec.Term> terms, java.util.function.Function<String,
            LossSpec> specs) {
        name.setText("Weighted sum");
        status.setText("");
        status.setVisible(false);
        formulas.getChildren().clear();
        StringBuilder why = new StringBuilder();
        for (ExperimentSpec.Term t : terms) {
            LossSpec s = specs.apply(t.id());
            double w = t.weight() == null ? 1 : t.weight();
            formulas.getChildren().add(formula(s.tex(), String.format(Locale.ROOT, "%s × %s", trim(w), s.name())));
            why.append(s.name()).append(": ").append(s.intuition()).append(' ');
        }
        intuition.setText(label + ". " + why.toString().trim());
        citation.setText("Terms are summed per example with their weights, then averaged. Picking a single loss "
                + "above replaces the sum.");
    }

    private static String trim(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    private void showStatus(Status s) {
        status.setVisible(true);
        status.setText(s.label());
        status.setTooltip(new Tooltip(switch (s) {
            case BASELINE -> "A standard loss, used as a comparator.";
            case CODE -> "Formula read from the authors' code.";
            case PAPER -> "Formula from the paper; not checked against code.";
            case UNCERTAIN -> "Partly reconstructed from the paper: treat details with care.";
            default -> s.label();
        }));
    }

    private static VBox formula(String tex, String heading) {
        VBox box = new VBox(2);
        if (heading != null) {
            Label h = new Label(heading);
            h.getStyleClass().add("formula-term");
            box.getChildren().add(h);
        }
        if (tex == null || tex.isBlank()) {
            box.getChildren().add(new Label("(no formula given)"));
            return box;
        }
        try {
            ImageView view = new ImageView(TexImages.render(tex, FORMULA_SIZE));
            // Long formulas scroll sideways instead of being cut off by the panel.
            ScrollPane scroll = new ScrollPane(view);
            scroll.setFitToHeight(true);
            scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
            scroll.getStyleClass().add("formula-scroll");
            scroll.setPrefViewportHeight(view.getImage().getHeight() + 4);
            box.getChildren().add(scroll);
        } catch (RuntimeException e) {
            Label raw = new Label(tex + "\n(could not typeset: " + e.getMessage() + ")");
            raw.setWrapText(true);
            box.getChildren().add(raw);
        }
        return box;
    }

    public String nameText() {
        return name.getText();
    }
}
