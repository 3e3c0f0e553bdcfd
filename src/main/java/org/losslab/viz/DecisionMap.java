package org.losslab.viz;

import java.util.Arrays;

/**
 * A classifier's answer on a grid over the plane, TensorFlow-Playground style: for every cell the predicted class
 * and the probability it was given, plus the predicted class of each data point drawn on top.
 *
 * <p>Cells are stored row-major with row 0 at the <em>bottom</em> ({@code minY}), as in a maths plot; a view that
 * draws top-down flips the rows. Arrays are copied in and are read-only by contract afterwards.
 *
 * @param columns cells along x, at least 1
 * @param rows cells along y, at least 1
 * @param bounds the area the grid covers
 * @param classes number of classes, at least 1
 * @param predicted class index per cell, {@code rows × columns}
 * @param confidence the predicted class's probability per cell, in [0, 1]
 * @param pointPredictions predicted class of each data point the probe was given (may be empty)
 * @param step the training step of the parameters that produced this map
 * @param costNanos wall time the probe spent on this map
 */
public record DecisionMap(int columns, int rows, Bounds2D bounds, int classes, int[] predicted, double[] confidence,
        int[] pointPredictions, long step, long costNanos) {

    public DecisionMap {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a decision map needs at least one cell, got " + columns + "×" + rows);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        int cells = columns * rows;
        if (predicted.length != cells || confidence.length != cells) {
            throw new IllegalArgumentException(columns + "×" + rows + " grid needs " + cells + " cells, got "
                    + predicted.length + " classes and " + confidence.length + " confidences");
        }
        predicted = predicted.clone();
        confidence = confidence.clone();
        pointPredictions = pointPredictions == null ? new int[0] : pointPredictions.clone();
    }

    /** Index of cell ({@code column}, {@code row}) in {@link #predicted()} and {@link #confidence()}. */
    public int index(int column, int row) {
        return row * columns + column;
    }

    public double cellWidth() {
        return bounds.width() / columns;
    }

    public double cellHeight() {
        return bounds.height() / rows;
    }

    /** x of the centre of cells in {@code column}: where the probe evaluated the model. */
    public double cellCenterX(int column) {
        return bounds.minX() + (column + 0.5) * cellWidth();
    }

    /** y of the centre of cells in {@code row}. */
    public double cellCenterY(int row) {
        return bounds.minY() + (row + 0.5) * cellHeight();
    }

    /** The predicted class of the cell containing (x, y), clamped to the grid's edge cells. */
    public int classAt(double x, double y) {
        int c = (int) Math.floor((x - bounds.minX()) / cellWidth());
        int r = (int) Math.floor((y - bounds.minY()) / cellHeight());
        c = Math.max(0, Math.min(columns - 1, c));
        r = Math.max(0, Math.min(rows - 1, r));
        return predicted[index(c, r)];
    }

    /** Milliseconds the probe spent, for the view's caption. */
    public double costMillis() {
        return costNanos / 1e6;
    }

    /** Share of cells predicted as each class. */
    public double[] classShares() {
        double[] shares = new double[classes];
        for (int p : predicted) {
            if (p >= 0 && p < classes) {
                shares[p]++;
            }
        }
        for (int c = 0; c < classes; c++) {
            shares[c] /= predicted.length;
        }
        return shares;
    }

    @Override
    public String toString() {
        return "DecisionMap[" + columns + "×" + rows + " over " + bounds + ", " + classes + " classes, step " + step
                + ", shares " + Arrays.toString(classShares()) + "]";
    }
}
