package org.losslab.topology;

/**
 * Betti numbers of a binary mask (LOSSES.md §Conventions, "Persistence"): β0 counts the 8-connected foreground
 * components and β1 the 4-connected background components that do not touch the border (the holes); the
 * V-construction swaps the two connectivities.
 *
 * @param betti0 number of foreground components
 * @param betti1 number of holes
 */
public record BettiNumbers(int betti0, int betti1) {

    /** The Betti numbers of a mask under the default T-construction. */
    public static BettiNumbers of(BinaryMask mask) {
        return of(mask, Construction.T);
    }

    public static BettiNumbers of(BinaryMask mask, Construction construction) {
        int h = mask.height();
        int w = mask.width();
        boolean[] foreground = mask.toArray();
        boolean[] background = new boolean[foreground.length];
        for (int i = 0; i < foreground.length; i++) {
            background[i] = !foreground[i];
        }
        int components = components(foreground, h, w, construction.foregroundOffsets(), false);
        int holes = components(background, h, w, construction.backgroundOffsets(), true);
        return new BettiNumbers(components, holes);
    }

    /** The Betti errors |Δβ0| and |Δβ1| of a prediction against a target (the clDice paper's metric). */
    public static BettiNumbers errors(BinaryMask prediction, BinaryMask target) {
        requireSameShape(prediction, target);
        BettiNumbers p = of(prediction);
        BettiNumbers t = of(target);
        return new BettiNumbers(Math.abs(p.betti0 - t.betti0), Math.abs(p.betti1 - t.betti1));
    }

    static void requireSameShape(BinaryMask a, BinaryMask b) {
        if (a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("mask '" + a.name() + "' is " + a.height() + "×" + a.width()
                    + " but '" + b.name() + "' is " + b.height() + "×" + b.width() + "; they must have the same size");
        }
    }

    /** Counts the components of {@code in} by flood fill; with {@code boundedOnly}, those off the border. */
    private static int components(boolean[] in, int h, int w, int[] offsets, boolean boundedOnly) {
        boolean[] seen = new boolean[in.length];
        int[] stack = new int[in.length];
        int count = 0;
        for (int start = 0; start < in.length; start++) {
            if (!in[start] || seen[start]) {
                continue;
            }
            boolean touchesBorder = false;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                int row = p / w;
                int col = p - row * w;
                touchesBorder |= row == 0 || row == h - 1 || col == 0 || col == w - 1;
                for (int k = 0; k < offsets.length; k += 2) {
                    int r = row + offsets[k];
                    int c = col + offsets[k + 1];
                    if (r >= 0 && r < h && c >= 0 && c < w && in[r * w + c] && !seen[r * w + c]) {
                        seen[r * w + c] = true;
                        stack[top++] = r * w + c;
                    }
                }
            }
            count += boundedOnly && touchesBorder ? 0 : 1;
        }
        return count;
    }
}
