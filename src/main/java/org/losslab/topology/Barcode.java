package org.losslab.topology;

import java.util.List;

/**
 * The persistence barcode of a map in dimensions 0 and 1 (superlevel filtration), each list sorted by decreasing
 * persistence (essential classes first), then by birth pixel.
 */
public record Barcode(List<PersistenceInterval> dim0, List<PersistenceInterval> dim1) {

    public Barcode {
        dim0 = List.copyOf(dim0);
        dim1 = List.copyOf(dim1);
    }

    /** The intervals of one dimension (0 or 1). */
    public List<PersistenceInterval> dimension(int dimension) {
        return switch (dimension) {
            case 0 -> dim0;
            case 1 -> dim1;
            default -> throw new IllegalArgumentException("dimension must be 0 or 1, got " + dimension);
        };
    }

    /** The Betti number of the superlevel set {map ≥ t} in one dimension: the intervals alive at t. */
    public int bettiAt(int dimension, double t) {
        int n = 0;
        for (PersistenceInterval i : dimension(dimension)) {
            n += i.isAliveAt(t) ? 1 : 0;
        }
        return n;
    }
}
