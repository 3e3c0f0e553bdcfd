package org.losslab.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The persistence barcode of a map in dimensions 0 and 1 (superlevel filtration). {@link CubicalPersistence} lists
 * the essential class first and then the others in the order they die; {@link #byPersistence()} sorts for display.
 */
public record Barcode(List<PersistenceInterval> dim0, List<PersistenceInterval> dim1) {

    public Barcode {
        dim0 = List.copyOf(dim0);
        dim1 = List.copyOf(dim1);
    }

    /** The same barcode with each dimension by decreasing persistence (essential first), then birth pixel. */
    public Barcode byPersistence() {
        Comparator<PersistenceInterval> order = Comparator.comparingDouble(PersistenceInterval::persistence).reversed()
                .thenComparingInt(PersistenceInterval::birthPixel);
        List<PersistenceInterval> d0 = new ArrayList<>(dim0);
        List<PersistenceInterval> d1 = new ArrayList<>(dim1);
        d0.sort(order);
        d1.sort(order);
        return new Barcode(d0, d1);
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
