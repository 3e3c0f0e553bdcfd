package org.losslab.topology;

/**
 * Zhang–Suen thinning (T. Y. Zhang and C. Y. Suen, "A fast parallel algorithm for thinning digital patterns",
 * CACM 1984): the skeleton used by {@code skeleton-recall} (LOSSES.md §3). Pixels outside the image count as
 * background. Two sub-iterations alternate until neither removes a pixel; each removes, all at once, the foreground
 * pixels p1 with neighbours p2…p9 (clockwise from north) such that 2 ≤ B(p1) ≤ 6 foreground neighbours,
 * A(p1) = 1 background→foreground transition around the ring, and p2·p4·p6 = p4·p6·p8 = 0 (first sub-iteration,
 * south-east boundary and north-west corner) or p2·p4·p8 = p2·p6·p8 = 0 (second, north-west boundary).
 */
public final class ZhangSuen {
    private ZhangSuen() {}

    // p2..p9 as (dRow, dCol), clockwise from north
    private static final int[] RING = {-1, 0, -1, 1, 0, 1, 1, 1, 1, 0, 1, -1, 0, -1, -1, -1};

    /**
     * The skeleton of a mask: a subset of it, mostly one pixel wide. As in the published algorithm, a component
     * that is exactly a 2×2 block is erased, since all four of its pixels pass the first sub-iteration together.
     */
    public static BinaryMask skeleton(BinaryMask mask) {
        int h = mask.height();
        int w = mask.width();
        boolean[] fg = mask.toArray();
        int[] candidates = new int[fg.length];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int step = 0; step < 2; step++) {
                int n = 0;
                for (int p = 0; p < fg.length; p++) {
                    if (fg[p] && removable(fg, h, w, p, step)) {
                        candidates[n++] = p;
                    }
                }
                for (int k = 0; k < n; k++) {
                    fg[candidates[k]] = false;
                }
                changed |= n > 0;
            }
        }
        return BinaryMask.of(mask.name() + " skeleton", h, w, fg);
    }

    private static boolean removable(boolean[] fg, int h, int w, int p, int step) {
        int row = p / w;
        int col = p - row * w;
        boolean[] ring = new boolean[8];
        int neighbours = 0;
        for (int k = 0; k < 8; k++) {
            int r = row + RING[2 * k];
            int c = col + RING[2 * k + 1];
            ring[k] = r >= 0 && r < h && c >= 0 && c < w && fg[r * w + c];
            neighbours += ring[k] ? 1 : 0;
        }
        if (neighbours < 2 || neighbours > 6) {
            return false;
        }
        int transitions = 0;
        for (int k = 0; k < 8; k++) {
            transitions += !ring[k] && ring[(k + 1) % 8] ? 1 : 0;
        }
        if (transitions != 1) {
            return false;
        }
        boolean p2 = ring[0];
        boolean p4 = ring[2];
        boolean p6 = ring[4];
        boolean p8 = ring[6];
        return step == 0
                ? !(p2 && p4 && p6) && !(p4 && p6 && p8)
                : !(p2 && p4 && p8) && !(p2 && p6 && p8);
    }
}
