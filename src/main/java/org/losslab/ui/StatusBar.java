package org.losslab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The bottom line: the latest message (information, warning or error) and, on the right, the engine's device. */
public final class StatusBar extends HBox {

    /** How much attention a message needs. */
    public enum Level {
        INFO,
        WARNING,
        ERROR
    }

    private final Label message = new Label("Starting…");
    private final Label engine = new Label();
    private Level level = Level.INFO;

    public StatusBar() {
        super(12);
        setId("status-bar");
        getStyleClass().add("status-bar");
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        message.setId("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        // Long messages (a divergence with its advice) wrap onto a second line instead of being cut off.
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(message.textProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        engine.setId("status-engine");
        engine.getStyleClass().add("status-engine");
        engine.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(message, engine);
    }

    public void info(String text) {
        show(Level.INFO, text);
    }

    public void warn(String text) {
        show(Level.WARNING, text);
    }

    public void error(String text) {
        show(Level.ERROR, text);
    }

    public void show(Level newLevel, String text) {
        level = newLevel;
        message.getStyleClass().removeAll("status-info", "status-warning", "status-error");
        message.getStyleClass().add("status-" + newLevel.name().toLowerCase(java.util.Locale.ROOT));
        String prefix = switch (newLevel) {
            case INFO -> "";
            case WARNING -> "⚠ ";
            case ERROR -> "✖ ";
        };
        message.setText(prefix + text);
    }

    public void setEngine(String text) {
        engine.setText(text);
    }

    public String text() {
        return message.getText();
    }

    public Level level() {
        return level;
    }
}
