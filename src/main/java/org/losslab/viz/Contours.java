package org.losslab.viz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Iso-lines of a function sampled on a regular grid, by marching squares: each grid cell whose corners straddle the
 * level contributes a segment between linearly interpolated edge crossings, and segments sharing a crossing are
 * joined into polylines. Cells with a NaN or infinite corner are left out, so an overflowed region ends the lines
 * around it instead of bending them.
 */
public final class Contours {

    /**
     * One iso-line in grid coordinates: x is the fractional column index (0 … columns−1), y the fractional row index
     * (0 … rows−1). A closed line repeats its first point at the end.
     */
    public record Line(double level, double[] xs, double[] ys, boolean closed) {
        public int size() {
            return xs.length;
        }
    }

    private Contours() {}

    /**
     * The iso-lines of {@code values} at each of {@code levels}.
     *
     * @param values row-major [rows, columns]: {@code values[r * columns + c]}
     */
    public static List<Line> trace(double[] values, int columns, int rows, double[] levels) {
        List<Line> all = new ArrayList<>();
        for (double level : levels) {
            all.addAll(trace(values, columns, rows, level));
        }
        return all;
    }

    /** The iso-lines of {@code values} (row-major [rows, columns]) at one level. */
    public static List<Line> trace(double[] values, int columns, int rows, double level) {
        if (columns < 2 || rows < 2) {
            throw new IllegalArgumentException("a contour grid needs at least 2×2 values, got " + columns + "×" + rows);
        }
        if (values.length != columns * rows) {
            throw new IllegalArgumentException("values must hold " + columns + "×" + rows + " numbers, got "
                    + values.length);
        }
        Segments segments = new Segments(values, columns, level);
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c + 1 < columns; c++) {
                addCell(segments, values, columns, c, r, level);
            }
        }
        return segments.join(level);
    }

    /**
     * {@code count} levels spread evenly strictly inside [lo, hi]: lo + (hi − lo)·m/(count + 1), m = 1 … count. On a
     * log scale they are spread evenly in log(value), so they crowd where a loss is small and changes slowly.
     *
     * @param log space the levels geometrically (needs lo > 0)
     */
    public static double[] levels(double lo, double hi, int count, boolean log) {
        if (count < 1) {
            throw new IllegalArgumentException("contour count must be at least 1, got " + count);
        }
        if (!(hi > lo)) {
            return new double[0];
        }
        if (log && !(lo > 0)) {
            throw new IllegalArgumentException("log-spaced contour levels need a positive lower bound, got " + lo);
        }
        double a = log ? Math.log(lo) : lo;
        double b = log ? Math.log(hi) : hi;
        double[] out = new double[count];
        for (int m = 1; m <= count; m++) {
            double t = a + (b - a) * m / (count + 1);
            out[m - 1] = log ? Math.exp(t) : t;
        }
        return out;
    }

    /** A corner is "above" when it is at or over the level; the 4 bits name the case of the cell. */
    private static void addCell(Segments s, double[] v, int columns, int c, int r, double level) {
        double bl = v[r * columns + c];
        double br = v[r * columns + c + 1];
        double tr = v[(r + 1) * columns + c + 1];
        double tl = v[(r + 1) * columns + c];
        if (!Double.isFinite(bl) || !Double.isFinite(br) || !Double.isFinite(tr) || !Double.isFinite(tl)) {
            return;
        }
        int code = (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0) | (tl >= level ? 8 : 0);
        if (code == 0 || code == 15) {
            return;
        }
        // The four edges of the cell, by the id of their crossing point.
        long bottom = s.horizontalEdge(c, r);
        long top = s.horizontalEdge(c, r + 1);
        long left = s.verticalEdge(c, r);
        long right = s.verticalEdge(c + 1, r);
        switch (code) {
            case 1, 14 -> s.add(left, bottom);
            case 2, 13 -> s.add(bottom, right);
            case 3, 12 -> s.add(left, right);
            case 4, 11 -> s.add(right, top);
            case 6, 9 -> s.add(bottom, top);
            case 7, 8 -> s.add(left, top);
            case 5, 10 -> {
                // Saddle: the mean of the corners decides which diagonal pair is connected.
                boolean centreAbove = (bl + br + tr + tl) / 4 >= level;
                boolean bottomLeftAbove = code == 5;
                if (centreAbove == bottomLeftAbove) {
                    s.add(left, top);
                    s.add(bottom, right);
                } else {
                    s.add(left, bottom);
                    s.add(right, top);
                }
            }
            default -> throw new IllegalStateException("marching-squares case " + code);
        }
    }

    /** Segments between edge crossings, keyed by edge so that neighbouring cells' segments meet exactly. */
    private static final class Segments {
        private final double[] values;
        private final int columns;
        private final double level;
        private final Map<Long, List<Long>> neighbours = new HashMap<>();
        private final List<Long> order = new ArrayList<>();

        Segments(double[] values, int columns, double level) {
            this.values = values;
            this.columns = columns;
            this.level = level;
        }

        /** The edge from (c, r) to (c + 1, r); even ids. */
        long horizontalEdge(int c, int r) {
            return ((long) r * columns + c) * 2;
        }

        /** The edge from (c, r) to (c, r + 1); odd ids. */
        long verticalEdge(int c, int r) {
            return ((long) r * columns + c) * 2 + 1;
        }

        void add(long a, long b) {
            link(a, b);
            link(b, a);
        }

        private void link(long from, long to) {
            List<Long> list = neighbours.computeIfAbsent(from, k -> {
                order.add(k);
                return new ArrayList<>(2);
            });
            list.add(to);
        }

        /** The crossing on an edge, interpolated linearly between its two grid values: {x, y}. */
        double[] point(long edge) {
            long cell = edge / 2;
            int c = (int) (cell % columns);
            int r = (int) (cell / columns);
            boolean horizontal = edge % 2 == 0;
            double a = values[r * columns + c];
            double b = horizontal ? values[r * columns + c + 1] : values[(r + 1) * columns + c];
            double t = a == b ? 0.5 : (level - a) / (b - a);
            return horizontal ? new double[] {c + t, r} : new double[] {c, r + t};
        }

        /** Walks the crossings into polylines: open ones from their ends first, then the closed loops. */
        List<Line> join(double lineLevel) {
            List<Line> lines = new ArrayList<>();
            Map<Long, Boolean> used = new HashMap<>();
            for (long start : order) {
                if (neighbours.get(start).size() == 1 && !used.containsKey(start)) {
                    lines.add(walk(start, used, lineLevel, false));
                }
            }
            for (long start : order) {
                if (!used.containsKey(start)) {
                    lines.add(walk(start, used, lineLevel, true));
                }
            }
            return lines;
        }

        private Line walk(long start, Map<Long, Boolean> used, double lineLevel, boolean closed) {
            List<Long> path = new ArrayList<>();
            long previous = -1;
            long current = start;
            while (true) {
                path.add(current);
                used.put(current, true);
                long next = -1;
                for (long n : neighbours.get(current)) {
                    if (n != previous && !used.containsKey(n)) {
                        next = n;
                        break;
                    }
                }
                if (next < 0) {
                    break;
                }
                previous = current;
                current = next;
            }
            int size = path.size() + (closed ? 1 : 0);
            double[] xs = new double[size];
            double[] ys = new double[size];
            for (int i = 0; i < path.size(); i++) {
                double[] p = point(path.get(i));
                xs[i] = p[0];
                ys[i] = p[1];
            }
            if (closed) {
                xs[size - 1] = xs[0];
                ys[size - 1] = ys[0];
            }
            return new Line(lineLevel, xs, ys, closed);
        }
    }
}
