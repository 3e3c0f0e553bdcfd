package org.losslab.analysis.embedding;

/** Checks and conversions of the row-per-point arrays this package takes. */
final class Matrices {

    private Matrices() {}

    /**
     * @return the common row length d ≥ 1 of {@code rows}; refuses an empty, ragged or non-finite array, naming it
     */
    static int checkRows(double[][] rows, String name) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one row");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + " rows must not be empty");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(rows[i][k])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + k + "] is " + rows[i][k]);
                }
            }
        }
        return d;
    }

    /** Rows as one [N × d] row-major array. */
    static double[] flatten(double[][] rows, int d) {
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** Checks labels are one per row and non-negative; returns the number of classes (max label + 1). */
    static int checkLabels(int[] labels, int rows, String name) {
        if (labels.length != rows) {
            throw new IllegalArgumentException(name + " holds " + labels.length + " labels for " + rows + " rows");
        }
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] is negative: " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        return max + 1;
    }
}
