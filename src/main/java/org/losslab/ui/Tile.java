package org.losslab.ui;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One live view in the centre grid: a title bar (title, a caption such as the probe's cost, optional controls and a
 * maximise button) over the view. Double-clicking the title bar also maximises and restores.
 */
public final class Tile extends BorderPane {
    private final Label title = new Label();
    private final Label caption = new Label();
    private final Button maximise = new Button("⤢");
    private final HBox controls = new HBox(8);
    private Runnable onToggle = () -> {};
    private boolean maximised;

    public Tile(String titleText, Node content) {
        getStyleClass().add("tile");
        title.setText(titleText);
        title.getStyleClass().add("tile-title");
        caption.getStyleClass().add("tile-caption");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        controls.setAlignment(Pos.CENTER_RIGHT);
        maximise.getStyleClass().add("tile-button");
        maximise.setTooltip(new Tooltip("Maximise this view (double-click the title bar also works)"));
        maximise.setOnAction(e -> onToggle.run());
        maximise.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, caption, spacer, controls, maximise);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(3, 6, 3, 10));
        header.getStyleClass().add("tile-header");
        header.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                onToggle.run();
            }
        });
        setTop(header);
        setCenter(content);
        setMinSize(0, 0);
    }

    /** Small controls for the title bar (e.g. a log-scale switch). */
    public Tile withControls(Node... nodes) {
        controls.getChildren().addAll(nodes);
        return this;
    }

    public StringProperty captionProperty() {
        return caption.textProperty();
    }

    public String title() {
        return title.getText();
    }

    public Button maximiseButton() {
        return maximise;
    }

    void setOnToggle(Runnable r) {
        onToggle = r;
    }

    void setMaximised(boolean on) {
        maximised = on;
        maximise.setText(on ? "⤡" : "⤢");
        maximise.getTooltip().setText(on ? "Restore the grid of views" : "Maximise this view");
    }

    public boolean isMaximised() {
        return maximised;
    }
}
