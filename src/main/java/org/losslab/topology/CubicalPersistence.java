package org.losslab.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Cubical persistent homology of a 2-D map in dimensions 0 and 1, for the superlevel filtration {map ≥ t}
 * (LOSSES.md §Conventions, "Persistence": pixels are top cells, so the foreground is 8-connected and holes are
 * 4-connected; {@link Construction#V} swaps the two).
 *
 * <p>Dimension 0 is union-find over the pixels in decreasing order of value, with the elder rule: when a pixel joins
 * components, all but the one born first die at that pixel's value.
 *
 * <p>Dimension 1 is computed on the dual: a hole of {map ≥ t} is a bounded component of its complement {map < t}
 * with the complementary connectivity. Running the filtration backwards (increasing values), the complement grows;
 * with a border around the image that is background from the start, a bounded background component is born at its
 * lowest pixel m and dies when a pixel q merges it into an older one. In the superlevel filtration that is the hole
 * born when q becomes foreground (closing the hole) and dying when m does (filling it): the interval
 * (map[q], map[m]) with birth pixel q and death pixel m. The border component is the unbounded outside and gives no
 * hole, so dimension 1 has no essential class; dimension 0 has exactly one.
 *
 * <p>Cost: one radix sort of the values and two union-find passes with path halving, O(n α(n)) after the sort.
 */
public final class CubicalPersistence {
    private CubicalPersistence() {}

    /** The barcode of a map under the default T-construction. */
    public static Barcode compute(ScalarMap map) {
        return compute(map, Construction.T);
    }

    /** The barcode of a map under the given construction. */
    public static Barcode compute(ScalarMap map, Construction construction) {
        double[] v = map.raw();
        int[] order = FiltrationOrder.descending(v);
        return new Barcode(components(map, order, construction), holes(map, FiltrationOrder.reversed(order),
                construction));
    }

    /** Dimension 0, given the pixels in decreasing order. */
    static List<PersistenceInterval> components(ScalarMap map, int[] descending, Construction construction) {
        double[] v = map.raw();
        ComponentImage.Pairs pairs = ComponentImage.run(map.height(), map.width(), v, descending, null, null, true,
                construction.foregroundOffsets(), false);
        List<PersistenceInterval> out = new ArrayList<>(pairs.count() + 1);
        out.add(PersistenceInterval.essential(0, v[pairs.survivingMarker()], pairs.survivingMarker()));
        for (int k = 0; k < pairs.count(); k++) {
            int born = pairs.dyingMarker()[k];
            int killer = pairs.mergePixel()[k];
            if (v[born] != v[killer]) {
                out.add(new PersistenceInterval(0, v[born], v[killer], born, killer));
            }
        }
        return out;
    }

    /** Dimension 1 via the background, given the pixels in increasing order (the reverse of the superlevel order). */
    static List<PersistenceInterval> holes(ScalarMap map, int[] ascending, Construction construction) {
        double[] v = map.raw();
        ComponentImage.Pairs pairs = ComponentImage.run(map.height(), map.width(), v, ascending, null, null, false,
                construction.backgroundOffsets(), true);
        List<PersistenceInterval> out = new ArrayList<>(pairs.count() + 1);
        for (int k = 0; k < pairs.count(); k++) {
            int filledAt = pairs.dyingMarker()[k];
            int closedAt = pairs.mergePixel()[k];
            if (v[closedAt] != v[filledAt]) {
                out.add(new PersistenceInterval(1, v[closedAt], v[filledAt], closedAt, filledAt));
            }
        }
        return out;
    }
}
