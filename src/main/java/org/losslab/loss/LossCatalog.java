package org.losslab.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every registered loss, by id, in a stable order (family, then id). */
public final class LossCatalog {
    private static final LossCatalog INSTANCE = new LossCatalog();

    private final Map<String, LossFunction> byId;

    private LossCatalog() {
        List<LossFunction> found = new ArrayList<>();
        ServiceLoader.load(LossFunction.class).forEach(found::add);
        found.sort((a, b) -> {
            int f = a.spec().family().compareTo(b.spec().family());
            return f != 0 ? f : a.spec().id().compareTo(b.spec().id());
        });
        Map<String, LossFunction> map = new LinkedHashMap<>();
        for (LossFunction loss : found) {
            LossFunction previous = map.put(loss.spec().id(), loss);
            if (previous != null) {
                throw new IllegalStateException("two losses share the id '" + loss.spec().id() + "': "
                        + previous.getClass().getName() + " and " + loss.getClass().getName());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    public static LossCatalog get() {
        return INSTANCE;
    }

    public List<LossFunction> all() {
        return List.copyOf(byId.values());
    }

    public List<LossFunction> family(Family family) {
        return byId.values().stream().filter(l -> l.spec().family() == family).toList();
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The loss with {@code id}; an unknown id is refused with the list of known ones. */
    public LossFunction byId(String id) {
        LossFunction loss = byId.get(id);
        if (loss == null) {
            throw new IllegalArgumentException("unknown loss '" + id + "'; known losses: " + ids());
        }
        return loss;
    }
}
