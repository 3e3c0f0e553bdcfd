package org.losslab.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.experiment.Experiments;
import org.losslab.topology.BettiMatching;
import org.losslab.topology.BinaryMask;
import org.losslab.topology.Construction;
import org.losslab.topology.PersistenceInterval;
import org.losslab.topology.ScalarMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab betti-match PRED TARGET [--json]}: Betti matching of a probability map against a binary mask
 * (LOSSES.md §3 {@code betti-matching}): the matched pairs, the unmatched intervals of each map, the loss L_BM and
 * the Betti-matching error (the number of unmatched intervals).
 */
@Command(name = "betti-match", description = "Betti matching of a prediction map against a binary target mask.")
final class BettiMatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PRED", description = "prediction: greyscale PNG (scaled to [0, 1]) or CSV")
    Path prediction;

    @Parameters(index = "1", paramLabel = "TARGET", description = "target mask of 0 and 1: PNG or CSV")
    Path target;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--construction", description = "T (pixels are cells; default) or V (pixels are vertices)",
            defaultValue = "T")
    String construction;

    @Override
    public Integer call() throws Exception {
        Construction c = Construction.parse("--construction", construction);
        ScalarMap p = MapFiles.read("PRED", prediction);
        ScalarMap g = MapFiles.read("TARGET", target);
        BinaryMask.of(g.named("TARGET " + g.name()));
        p.named("PRED " + p.name()).requireSameShape(g.named("TARGET " + g.name()));
        BettiMatching.Result r = BettiMatching.match(p, g, c);
        if (json) {
            ObjectNode out = Experiments.mapper().createObjectNode();
            out.put("loss", r.loss());
            out.put("bettiMatchingError", r.bettiMatchingError());
            ObjectNode matched = out.putObject("matched");
            for (int dim = 0; dim <= 1; dim++) {
                ArrayNode pairs = matched.putArray("dim" + dim);
                for (BettiMatching.MatchedPair m : r.matched()) {
                    if (m.dimension() == dim) {
                        pairs.addArray().add(BarcodeCommand.bar(m.prediction())).add(BarcodeCommand.bar(m.target()));
                    }
                }
            }
            out.set("unmatchedPred", byDimension(r.unmatchedPrediction()));
            out.set("unmatchedTarget", byDimension(r.unmatchedTarget()));
            System.out.println(Experiments.mapper().writeValueAsString(out));
            return 0;
        }
        System.out.printf("Betti matching of %s against %s (%d×%d, %s-construction)%n", p.name(), g.name(),
                p.height(), p.width(), c);
        System.out.printf("%-10s %-4s %24s %24s%n", "", "dim", "prediction (birth, death)", "target (birth, death)");
        for (BettiMatching.MatchedPair m : r.matched()) {
            System.out.printf("%-10s %-4d %24s %24s%n", "matched", m.dimension(), text(m.prediction()),
                    text(m.target()));
        }
        for (PersistenceInterval i : r.unmatchedPrediction()) {
            System.out.printf("%-10s %-4d %24s %24s%n", "unmatched", i.dimension(), text(i), "-");
        }
        for (PersistenceInterval i : r.unmatchedTarget()) {
            System.out.printf("%-10s %-4d %24s %24s%n", "unmatched", i.dimension(), "-", text(i));
        }
        System.out.printf("loss L_BM = %.6f (dim 0: %.6f, dim 1: %.6f); Betti-matching error = %d%n", r.loss(),
                r.loss(0), r.loss(1), r.bettiMatchingError());
        return 0;
    }

    private static ObjectNode byDimension(List<PersistenceInterval> intervals) {
        ObjectNode out = Experiments.mapper().createObjectNode();
        for (int dim = 0; dim <= 1; dim++) {
            int d = dim;
            out.set("dim" + dim, BarcodeCommand.bars(intervals.stream().filter(i -> i.dimension() == d).toList()));
        }
        return out;
    }

    private static String text(PersistenceInterval i) {
        return String.format("(%.6f, %s)", i.birth(), i.isEssential() ? "-∞" : String.format("%.6f", i.death()));
    }
}
