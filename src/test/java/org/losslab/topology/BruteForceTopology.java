package org.losslab.topology;

import java.util.ArrayDeque;

/**
 * An independent, slow reference for the tests: Betti numbers of one binary set by flood fill and by the Euler
 * characteristic of its cubical complex, and persistent ranks of superlevel sets by flood fill. Shares no code with
 * the union-find kernel it checks.
 */
final class BruteForceTopology {
    private BruteForceTopology() {}

    static final int[][] FOUR = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    static final int[][] EIGHT = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};

    static int[][] foreground(Construction c) {
        return c == Construction.T ? EIGHT : FOUR;
    }

    static int[][] background(Construction c) {
        return c == Construction.T ? FOUR : EIGHT;
    }

    /** Component labels (≥ 0) of the pixels where {@code in} is true, −1 elsewhere. */
    static int[] label(boolean[] in, int h, int w, int[][] neighbours) {
        int[] label = new int[h * w];
        java.util.Arrays.fill(label, -1);
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < h * w; start++) {
            if (!in[start] || label[start] >= 0) {
                continue;
            }
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                for (int[] d : neighbours) {
                    int r = p / w + d[0];
                    int c = p % w + d[1];
                    if (r >= 0 && r < h && c >= 0 && c < w && in[r * w + c] && label[r * w + c] < 0) {
                        label[r * w + c] = next;
                        queue.add(r * w + c);
                    }
                }
            }
            next++;
        }
        return label;
    }

    static int count(int[] label) {
        int max = -1;
        for (int l : label) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    static int betti0(boolean[] set, int h, int w, Construction c) {
        return count(label(set, h, w, foreground(c)));
    }

    /** β1 from the Euler characteristic of the complex of the set: β1 = β0 − χ (β2 = 0 in the plane). */
    static int betti1ByEuler(boolean[] set, int h, int w, Construction c) {
        return betti0(set, h, w, c) - euler(set, h, w, c);
    }

    static int euler(boolean[] set, int h, int w, Construction c) {
        if (c == Construction.V) {
            int vertices = 0;
            int edges = 0;
            int squares = 0;
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    boolean s = set[r * w + col];
                    vertices += s ? 1 : 0;
                    edges += s && col + 1 < w && set[r * w + col + 1] ? 1 : 0;
                    edges += s && r + 1 < h && set[(r + 1) * w + col] ? 1 : 0;
                    squares += s && col + 1 < w && r + 1 < h && set[r * w + col + 1] && set[(r + 1) * w + col]
                            && set[(r + 1) * w + col + 1] ? 1 : 0;
                }
            }
            return vertices - edges + squares;
        }
        boolean[] vertex = new boolean[(h + 1) * (w + 1)];
        boolean[] horizontal = new boolean[(h + 1) * w];
        boolean[] vertical = new boolean[h * (w + 1)];
        int squares = 0;
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                if (!set[r * w + col]) {
                    continue;
                }
                squares++;
                vertex[r * (w + 1) + col] = true;
                vertex[r * (w + 1) + col + 1] = true;
                vertex[(r + 1) * (w + 1) + col] = true;
                vertex[(r + 1) * (w + 1) + col + 1] = true;
                horizontal[r * w + col] = true;
                horizontal[(r + 1) * w + col] = true;
                vertical[r * (w + 1) + col] = true;
                vertical[r * (w + 1) + col + 1] = true;
            }
        }
        return trues(vertex) - trues(horizontal) - trues(vertical) + squares;
    }

    private static int trues(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return n;
    }

    static boolean[] atLeast(ScalarMap map, double t) {
        boolean[] s = new boolean[map.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = map.value(i) >= t;
        }
        return s;
    }

    /** rank H0({≥ s} → {≥ t}) for s ≥ t: components of {≥ t} that hold a pixel of {≥ s}. */
    static int persistentRank0(ScalarMap map, double s, double t, Construction c) {
        int[] label = label(atLeast(map, t), map.height(), map.width(), foreground(c));
        boolean[] hit = new boolean[count(label)];
        int n = 0;
        for (int i = 0; i < map.size(); i++) {
            if (map.value(i) >= s && !hit[label[i]]) {
                hit[label[i]] = true;
                n++;
            }
        }
        return n;
    }

    /**
     * rank H1({≥ s} → {≥ t}) for s ≥ t, by Alexander duality the rank of H̃0({< t} → {< s}) of the background with
     * the complementary connectivity: the bounded components of {< s} that hold a pixel of {< t}.
     */
    static int persistentRank1(ScalarMap map, double s, double t, Construction c) {
        int h = map.height();
        int w = map.width();
        boolean[] below = new boolean[map.size()];
        for (int i = 0; i < below.length; i++) {
            below[i] = map.value(i) < s;
        }
        int[] label = label(below, h, w, background(c));
        int k = count(label);
        boolean[] bounded = new boolean[k];
        java.util.Arrays.fill(bounded, true);
        boolean[] hit = new boolean[k];
        for (int i = 0; i < map.size(); i++) {
            if (label[i] < 0) {
                continue;
            }
            int r = i / w;
            int col = i % w;
            if (r == 0 || r == h - 1 || col == 0 || col == w - 1) {
                bounded[label[i]] = false;
            }
            if (map.value(i) < t) {
                hit[label[i]] = true;
            }
        }
        int n = 0;
        for (int l = 0; l < k; l++) {
            n += bounded[l] && hit[l] ? 1 : 0;
        }
        return n;
    }
}
