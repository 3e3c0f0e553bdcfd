package org.losslab.data.segmentation;

/**
 * The Betti numbers a mask has by construction or by its source's record, under LossLab's default T-construction:
 * {@code betti0} 8-connected foreground components, {@code betti1} 4-connected background components off the border.
 */
public record KnownTopology(int betti0, int betti1) {
    public KnownTopology {
        if (betti0 < 0 || betti1 < 0) {
            throw new IllegalArgumentException("Betti numbers are counts, got β0 = " + betti0 + ", β1 = " + betti1);
        }
    }
}
