package org.losslab.param;

import java.util.List;
import java.util.Objects;

/**
 * One documented, validated hyperparameter of a loss, model or dataset.
 *
 * @param name ASCII name used in experiment JSON and the CLI (LOSSES.md: τ→tau, γ→gamma, …)
 * @param description one line for the property sheet
 * @param kind how the value is typed
 * @param defaultValue a Double, Integer, Boolean or String (CHOICE, STRING); {@code null} makes the parameter required
 *     (there is no sensible default, e.g. the path of a user's file)
 * @param range allowed numeric values (REAL and INTEGER)
 * @param choices allowed strings (CHOICE)
 */
public record ParamSpec(String name, String description, Kind kind, Object defaultValue, Range range, List<String> choices) {

    public enum Kind {
        REAL,
        INTEGER,
        BOOLEAN,
        CHOICE,
        /** Free text, e.g. a file path or a column name; must not be blank. */
        STRING
    }

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        choices = choices == null ? List.of() : List.copyOf(choices);
        description = description == null ? "" : description;
    }

    public static ParamSpec real(String name, double defaultValue, Range range, String description) {
        return new ParamSpec(name, description, Kind.REAL, defaultValue, range, List.of());
    }

    public static ParamSpec integer(String name, int defaultValue, Range range, String description) {
        return new ParamSpec(name, description, Kind.INTEGER, defaultValue, range, List.of());
    }

    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, description, Kind.BOOLEAN, defaultValue, null, List.of());
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, description, Kind.CHOICE, defaultValue, null, choices);
    }

    /** A free-text parameter; {@code defaultValue} may be {@code null} to make the parameter required. */
    public static ParamSpec string(String name, String defaultValue, String description) {
        return new ParamSpec(name, description, Kind.STRING, defaultValue, null, List.of());
    }

    /**
     * Converts and validates a raw value (from JSON, the CLI or a property sheet).
     *
     * @param owner what the parameter belongs to, for the message (e.g. {@code loss 'focal'})
     * @throws InvalidParameterException naming the parameter, the value and the rule it broke
     */
    public Object validate(String owner, Object raw) {
        if (raw == null) {
            throw new InvalidParameterException(owner, name, "null", "a value is required");
        }
        switch (kind) {
            case REAL -> {
                double v = toDouble(owner, raw);
                if (!range.contains(v)) {
                    throw new InvalidParameterException(owner, name, raw.toString(), "must be in " + range);
                }
                return v;
            }
            case INTEGER -> {
                double d = toDouble(owner, raw);
                if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    throw new InvalidParameterException(owner, name, raw.toString(), "must be a whole number");
                }
                if (!range.contains(d)) {
                    throw new InvalidParameterException(owner, name, raw.toString(), "must be in " + range);
                }
                return (int) d;
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String s = raw.toString().trim().toLowerCase(java.util.Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw new InvalidParameterException(owner, name, raw.toString(), "must be true or false");
            }
            case CHOICE -> {
                String s = raw.toString();
                if (!choices.contains(s)) {
                    throw new InvalidParameterException(owner, name, s, "must be one of " + choices);
                }
                return s;
            }
            case STRING -> {
                String s = raw.toString().trim();
                if (s.isEmpty()) {
                    throw new InvalidParameterException(owner, name, "''", "must not be empty");
                }
                return s;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private double toDouble(String owner, Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(owner, name, raw.toString(), "must be a number");
        }
    }

    /** Human-readable rule, e.g. {@code real in (0, ∞)}. */
    public String rule() {
        return switch (kind) {
            case REAL -> "real in " + range;
            case INTEGER -> "integer in " + range;
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + choices;
            case STRING -> "non-empty text";
        };
    }
}
