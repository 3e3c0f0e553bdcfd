package org.losslab.data;

import java.util.List;
import java.util.Map;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;

/**
 * One kind of data an experiment can train on: a generator, a bundled real data set or a reader for the user's files.
 * Sources are listed by {@link DataCatalog}; an experiment names one by {@link #id()} and gives its parameters.
 *
 * <p>Contract: {@link #load(ParamValues, long)} is deterministic. The same parameters and seed give identical arrays,
 * so that an experiment file reproduces its run and runs in a comparison see exactly the same data.
 */
public interface DataSource {

    /** Stable id used in experiment files and the CLI, e.g. {@code spirals}. */
    String id();

    /** Name for menus, e.g. {@code Spirals}. */
    String displayName();

    /** One sentence for a student: what the data looks like and what it is good for. */
    String description();

    /** Who made the data and under which licence; for generated data, what generated it. */
    String attribution();

    /** The parameters {@link #load(ParamValues, long)} accepts, with defaults and ranges. */
    List<ParamSpec> params();

    /** True if every example is a point in the plane, so decision boundaries can be drawn. */
    boolean twoDimensional();

    /** What the data asks a model to predict: class labels (most sources) or real-valued targets. */
    default Task task() {
        return Task.CLASSIFICATION;
    }

    /**
     * Makes or reads the data.
     *
     * @param params resolved against {@link #params()} (see {@link #resolve(Map)})
     * @param seed drives every random choice: generation, shuffling, splitting, label noise
     * @throws DataException if the data cannot be made or read; the message says why
     */
    DataSplit load(ParamValues params, long seed);

    /** Owner string for parameter messages, e.g. {@code dataset 'spirals'}. */
    default String owner() {
        return "dataset '" + id() + "'";
    }

    /**
     * Validates raw values (from JSON or the CLI) and fills defaults.
     *
     * @throws org.losslab.param.InvalidParameterException naming the parameter and the rule it broke
     */
    default ParamValues resolve(Map<String, ?> raw) {
        return ParamValues.resolve(owner(), params(), raw);
    }

    /** {@link #resolve(Map)} then {@link #load(ParamValues, long)}. */
    default DataSplit load(Map<String, ?> raw, long seed) {
        return load(resolve(raw), seed);
    }
}
