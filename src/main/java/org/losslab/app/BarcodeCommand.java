package org.losslab.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.experiment.Experiments;
import org.losslab.topology.Barcode;
import org.losslab.topology.Construction;
import org.losslab.topology.CubicalPersistence;
import org.losslab.topology.PersistenceInterval;
import org.losslab.topology.ScalarMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab barcode MAP.(png|csv) [--json]}: the persistence barcode of a map's superlevel filtration in map
 * values, {@code {"dim0": [[birth, death], …], "dim1": […]}} with birth ≥ death and a {@code null} death for the
 * essential class, each dimension by decreasing persistence.
 */
@Command(name = "barcode", description = "Persistence barcode (dimensions 0 and 1) of a map's superlevel filtration.")
final class BarcodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MAP", description = "greyscale PNG (scaled to [0, 1]) or CSV of numbers")
    Path map;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--construction", description = "T (pixels are cells; default) or V (pixels are vertices)",
            defaultValue = "T")
    String construction;

    @Override
    public Integer call() throws Exception {
        Construction c = Construction.parse("--construction", construction);
        ScalarMap values = MapFiles.read("MAP", map);
        Barcode barcode = CubicalPersistence.compute(values, c).byPersistence();
        if (json) {
            ObjectNode out = Experiments.mapper().createObjectNode();
            out.set("dim0", bars(barcode.dim0()));
            out.set("dim1", bars(barcode.dim1()));
            System.out.println(Experiments.mapper().writeValueAsString(out));
            return 0;
        }
        System.out.printf("barcode of %s (%d×%d, %s-construction, superlevel filtration)%n", values.name(),
                values.height(), values.width(), c);
        System.out.printf("%-4s %12s %12s %14s %14s%n", "dim", "birth", "death", "birth pixel", "death pixel");
        for (int dim = 0; dim <= 1; dim++) {
            for (PersistenceInterval i : barcode.dimension(dim)) {
                System.out.printf("%-4d %12.6f %12s %14s %14s%n", dim, i.birth(),
                        i.isEssential() ? "-" : String.format("%.6f", i.death()), pixel(i.birthPixel(), values),
                        i.isEssential() ? "-" : pixel(i.deathPixel(), values));
            }
        }
        System.out.printf("%d intervals in dimension 0, %d in dimension 1%n", barcode.dim0().size(),
                barcode.dim1().size());
        return 0;
    }

    /** [[birth, death], …] with a null death for an essential class. */
    static ArrayNode bars(List<PersistenceInterval> intervals) {
        ArrayNode out = Experiments.mapper().createArrayNode();
        for (PersistenceInterval i : intervals) {
            out.add(bar(i));
        }
        return out;
    }

    static ArrayNode bar(PersistenceInterval i) {
        ArrayNode pair = Experiments.mapper().createArrayNode();
        pair.add(i.birth());
        if (i.isEssential()) {
            pair.addNull();
        } else {
            pair.add(i.death());
        }
        return pair;
    }

    static String pixel(int index, ScalarMap map) {
        return "(" + index / map.width() + ", " + index % map.width() + ")";
    }
}
