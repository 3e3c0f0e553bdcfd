package org.losslab.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.WeightedLoss;
import org.losslab.param.ParamValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab loss ID --input IN.json [--param k=v ...] [--grad] [--engine E]}: one loss on given tensors, in
 * double precision, printed as JSON {@code {"id", "loss", "perExample", "grad"}}.
 */
@Command(name = "loss", description = "Evaluate one catalogue loss (and its gradient) on tensors from a JSON file.")
final class LossCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "loss id (see: losslab list losses)")
    String id;

    @Option(names = "--input", required = true, description = "JSON object of named nested arrays, e.g. {\"logits\": [[2,1,0]], \"labels\": [0]}")
    Path input;

    @Option(names = "--param", description = "hyperparameter name=value (repeatable)")
    List<String> params = List.of();

    @Option(names = "--grad", description = "also print the gradient of the reduced loss w.r.t. each differentiable input")
    boolean grad;

    @Option(names = "--engine", description = "nd4j or pytorch (default: ${DEFAULT-VALUE})", defaultValue = Engines.DEFAULT)
    String engine;

    @Override
    public Integer call() throws Exception {
        LossFunction loss = LossCatalog.get().byId(id);
        Map<String, Object> given = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param must be name=value, got '" + p + "'");
            }
            given.put(p.substring(0, eq), p.substring(eq + 1));
        }
        ParamValues values = ParamValues.resolve("loss '" + id + "'", loss.spec().params(), given);
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file not found: " + input);
        }
        JsonNode root;
        try {
            root = Experiments.mapper().readTree(input.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(input + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(input + " must hold a JSON object of named arrays");
        }
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> tensors.put(e.getKey(), JsonArrays.read(e.getKey(), e.getValue())));
        LossEvaluation.Result r = LossEvaluation.evaluate(engine, WeightedLoss.single(loss, values), tensors, grad);
        ObjectNode out = Experiments.mapper().createObjectNode();
        out.put("id", id);
        out.put("loss", r.loss());
        out.set("perExample", JsonArrays.write(r.perExample()));
        if (grad) {
            ObjectNode g = out.putObject("grad");
            r.gradients().forEach((name, value) -> g.set(name, JsonArrays.write(value)));
        }
        System.out.println(Experiments.mapper().writeValueAsString(out));
        return 0;
    }
}
