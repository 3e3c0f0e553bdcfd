package org.losslab.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;

/**
 * The centre of the window: tiles in a grid, any of which can take the whole area and give it back.
 */
public final class TileBoard extends StackPane {
    private final GridPane grid = new GridPane();
    private final Map<Tile, int[]> places = new LinkedHashMap<>();
    private Tile maximised;

    /**
     * @param columnPercents width of each column in percent
     * @param rowPercents height of each row in percent
     */
    public TileBoard(double[] columnPercents, double[] rowPercents) {
        getStyleClass().add("tile-board");
        grid.setHgap(8);
        grid.setVgap(8);
        for (double p : columnPercents) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(p);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (double p : rowPercents) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(p);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        getChildren().add(grid);
    }

    public TileBoard add(Tile tile, int column, int row, int columnSpan, int rowSpan) {
        places.put(tile, new int[] {column, row, columnSpan, rowSpan});
        grid.add(tile, column, row, columnSpan, rowSpan);
        tile.setOnToggle(() -> toggle(tile));
        return this;
    }

    /** Moves a tile already on the board to another cell (e.g. when a view has little to show for this data). */
    public void move(Tile tile, int column, int row, int columnSpan, int rowSpan) {
        places.put(tile, new int[] {column, row, columnSpan, rowSpan});
        if (maximised != tile) {
            GridPane.setConstraints(tile, column, row, columnSpan, rowSpan);
        }
    }

    /** New column widths and row heights in percent. */
    public void resize(double[] columnPercents, double[] rowPercents) {
        for (int i = 0; i < columnPercents.length && i < grid.getColumnConstraints().size(); i++) {
            grid.getColumnConstraints().get(i).setPercentWidth(columnPercents[i]);
        }
        for (int i = 0; i < rowPercents.length && i < grid.getRowConstraints().size(); i++) {
            grid.getRowConstraints().get(i).setPercentHeight(rowPercents[i]);
        }
    }

    /** Maximises {@code tile}, or restores the grid if it is the maximised one. */
    public void toggle(Tile tile) {
        if (maximised == tile) {
            restore();
        } else {
            maximise(tile);
        }
    }

    public void maximise(Tile tile) {
        if (maximised != null) {
            restore();
        }
        grid.getChildren().remove(tile);
        getChildren().add(tile);
        grid.setVisible(false);
        tile.setMaximised(true);
        maximised = tile;
    }

    public void restore() {
        if (maximised == null) {
            return;
        }
        Tile tile = maximised;
        getChildren().remove(tile);
        int[] p = places.get(tile);
        grid.add(tile, p[0], p[1], p[2], p[3]);
        grid.setVisible(true);
        tile.setMaximised(false);
        maximised = null;
    }

    /** The maximised tile, or null when the grid shows. */
    public Tile maximisedTile() {
        return maximised;
    }
}
