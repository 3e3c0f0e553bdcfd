package org.losslab.engine;

import java.util.List;
import java.util.Map;

/**
 * Named trainable arrays held by an engine. Owned by one thread (the training thread); others work on copies
 * taken with {@link #toHost()}.
 */
public interface ParameterStore extends AutoCloseable {
    /** Names in creation order. */
    List<String> names();

    int[] shape(String name);

    /** The engine-side buffer of a parameter, for optimizers. */
    Buffer buffer(String name);

    HostArray get(String name);

    /** Replaces a parameter's values; the shape must match. */
    void set(String name, HostArray value);

    /** A host copy of every parameter, in {@link #names()} order. */
    Map<String, HostArray> toHost();

    /** Replaces every parameter named in {@code values}. */
    default void load(Map<String, HostArray> values) {
        values.forEach(this::set);
    }

    /** Total number of scalar parameters. */
    default long count() {
        long n = 0;
        for (String name : names()) {
            long s = 1;
            for (int d : shape(name)) {
                s *= d;
            }
            n += s;
        }
        return n;
    }

    /** True when no parameter holds NaN or ±Inf. */
    boolean allFinite();

    @Override
    void close();
}
