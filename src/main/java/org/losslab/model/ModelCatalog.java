package org.losslab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every registered {@link ModelType}, by id. */
public final class ModelCatalog {
    private static final ModelCatalog INSTANCE = new ModelCatalog();
    private final Map<String, ModelType> byId;

    private ModelCatalog() {
        List<ModelType> found = new ArrayList<>();
        ServiceLoader.load(ModelType.class).forEach(found::add);
        Map<String, ModelType> map = new LinkedHashMap<>();
        found.forEach(t -> map.put(t.id(), t));
        this.byId = Collections.unmodifiableMap(map);
    }

    public static ModelCatalog get() {
        return INSTANCE;
    }

    public List<ModelType> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public ModelType byId(String id) {
        ModelType t = byId.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown model '" + id + "'; known models: " + ids());
        }
        return t;
    }
}
