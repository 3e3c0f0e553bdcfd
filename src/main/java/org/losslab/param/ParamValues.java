package org.losslab.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated hyperparameter values for one owner (a loss, model or dataset): every declared parameter present,
 * typed, and within its rule. Immutable.
 */
public final class ParamValues {
    private final Map<String, Object> values;

    private ParamValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Fills defaults, validates every given value and refuses names that are not declared.
     *
     * @param owner for messages, e.g. {@code loss 'focal'}
     */
    public static ParamValues resolve(String owner, List<ParamSpec> specs, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, ?> raw = given == null ? Map.of() : given;
        for (String key : raw.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(key))) {
                List<String> known = specs.stream().map(ParamSpec::name).toList();
                throw new InvalidParameterException(owner, key, String.valueOf(raw.get(key)),
                        "is not a parameter; known parameters: " + (known.isEmpty() ? "none" : known));
            }
        }
        for (ParamSpec spec : specs) {
            Object v = raw.containsKey(spec.name()) ? raw.get(spec.name()) : spec.defaultValue();
            out.put(spec.name(), spec.validate(owner, v));
        }
        return new ParamValues(out);
    }

    public static ParamValues defaults(String owner, List<ParamSpec> specs) {
        return resolve(owner, specs, Map.of());
    }

    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String string(String name) {
        return require(name).toString();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
