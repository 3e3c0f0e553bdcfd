package org.losslab.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.engine.EngineProvider;
import org.losslab.engine.Engines;
import org.losslab.experiment.Experiments;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.model.ModelCatalog;
import org.losslab.model.ModelType;
import org.losslab.param.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab list losses|models|datasets|engines [--json]}. */
@Command(name = "list", description = "List the catalogue: losses, models, datasets or engines.")
final class ListCommand implements Callable<Integer> {

    enum What { losses, models, datasets, engines }

    @Parameters(index = "0", description = "losses, models, datasets or engines")
    What what;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--engine", description = "accepted for symmetry with other commands; listing needs no engine")
    String engine;

    @Override
    public Integer call() throws Exception {
        ArrayNode rows = Experiments.mapper().createArrayNode();
        switch (what) {
            case losses -> {
                for (LossFunction l : LossCatalog.get().all()) {
                    ObjectNode n = rows.addObject();
                    n.put("id", l.spec().id());
                    n.put("name", l.spec().name());
                    n.put("family", l.spec().family().displayName());
                    n.put("status", l.spec().status().label());
                    n.putPOJO("inputs", l.spec().inputs());
                    n.set("params", params(l.spec().params()));
                    n.put("citation", l.spec().citation());
                }
            }
            case models -> {
                for (ModelType m : ModelCatalog.get().all()) {
                    ObjectNode n = rows.addObject();
                    n.put("id", m.id());
                    n.put("name", m.name());
                    n.put("description", m.description());
                    n.set("params", params(m.params()));
                }
            }
            case datasets -> {
                for (DataSource d : DataCatalog.all()) {
                    ObjectNode n = rows.addObject();
                    n.put("id", d.id());
                    n.put("name", d.displayName());
                    n.put("description", d.description());
                    n.put("task", d.task().id());
                    n.set("params", params(d.params()));
                    n.put("attribution", d.attribution());
                }
            }
            case engines -> {
                for (EngineProvider p : Engines.available()) {
                    ObjectNode n = rows.addObject();
                    n.put("id", p.id());
                    n.put("description", p.description() + (p.id().equals(Engines.DEFAULT) ? " (default)" : ""));
                }
            }
        }
        if (json) {
            System.out.println(Experiments.mapper().writeValueAsString(rows));
        } else {
            for (var n : rows) {
                String extra = n.has("family") ? n.get("family").asText() : n.has("description") ? n.get("description").asText() : "";
                System.out.printf("%-22s %s%n", n.get("id").asText(), extra);
            }
        }
        return 0;
    }

    private static ArrayNode params(java.util.List<ParamSpec> specs) {
        ArrayNode arr = Experiments.mapper().createArrayNode();
        for (ParamSpec s : specs) {
            ObjectNode p = arr.addObject();
            p.put("name", s.name());
            p.putPOJO("default", s.defaultValue());
            p.put("rule", s.rule());
            p.put("description", s.description());
        }
        return arr;
    }
}
