package org.losslab.topology;

/**
 * How pixels become a cubical complex, which fixes the connectivity of foreground and background
 * (LOSSES.md §Conventions, "Persistence"; §3 {@code betti-matching}, "Construction").
 */
public enum Construction {
    /** Pixels are top-dimensional cells (LossLab's default): 8-connected foreground, 4-connected holes. */
    T(Neighbours.EIGHT, Neighbours.FOUR),
    /** Pixels are vertices (the original Betti-matching code's default): 4-connected foreground, 8-connected holes. */
    V(Neighbours.FOUR, Neighbours.EIGHT);

    private final int[] foregroundOffsets;
    private final int[] backgroundOffsets;

    Construction(int[] foregroundOffsets, int[] backgroundOffsets) {
        this.foregroundOffsets = foregroundOffsets;
        this.backgroundOffsets = backgroundOffsets;
    }

    /** Neighbour offsets of the foreground as (dRow, dCol) pairs, flattened. */
    int[] foregroundOffsets() {
        return foregroundOffsets;
    }

    /** Neighbour offsets of the background (the complementary connectivity), flattened (dRow, dCol) pairs. */
    int[] backgroundOffsets() {
        return backgroundOffsets;
    }

    /** Parses {@code T} or {@code V} (any case), naming the option in the message otherwise. */
    public static Construction parse(String option, String text) {
        for (Construction c : values()) {
            if (c.name().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException(option + " must be T or V, got '" + text + "'");
    }

    private static final class Neighbours {
        static final int[] FOUR = {-1, 0, 0, -1, 0, 1, 1, 0};
        /** Around the ring (N, NE, E, SE, S, SW, W, NW): consecutive neighbours are 4-adjacent to each other. */
        static final int[] EIGHT = {-1, 0, -1, 1, 0, 1, 1, 1, 1, 0, 1, -1, 0, -1, -1, -1};
    }
}
