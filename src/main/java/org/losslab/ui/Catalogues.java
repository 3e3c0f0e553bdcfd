package org.losslab.ui;

import java.util.List;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossSpec;
import org.losslab.model.ModelCatalog;
import org.losslab.model.ModelType;
import org.losslab.param.ParamSpec;

/** The catalogue metadata the UI shows (names, descriptions, parameter specs), in one place. */
final class Catalogues {
    private Catalogues() {}

    static List<DataSource> dataSources() {
        return DataCatalog.all();
    }

    static DataSource data(String id) {
        return DataCatalog.get(id);
    }

    static String dataName(DataSource source) {
        return source.displayName();
    }

    static List<ModelType> models() {
        // Dense (per-pixel) models serve segmentation, which the window does not train yet.
        return ModelCatalog.get().all().stream().filter(t -> !t.dense()).toList();
    }

    static ModelType model(String id) {
        return ModelCatalog.get().byId(id);
    }

    static List<LossFunction> losses() {
        return LossCatalog.get().all();
    }

    static LossSpec loss(String id) {
        return LossCatalog.get().byId(id).spec();
    }

    /** The parameter specs of a dataset, model or loss by id. */
    static List<ParamSpec> params(ExperimentEditor.Part part, String id) {
        return switch (part) {
            case DATA -> data(id).params();
            case MODEL -> model(id).params();
            case LOSS -> loss(id).params();
        };
    }
}
