package org.losslab.loss;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * What {@link LossFunction#prepare} may use besides the batch: a seeded random source (so per-batch draws such as
 * EnsLoss's random derivatives are reproducible), the step, whether this is a training batch, and a mutable state
 * that lives as long as the run (e.g. ALDR-KL's per-instance λ, keyed by the {@code instanceIds} input).
 *
 * <p>Each term of a {@link WeightedLoss} gets its own state; the random source is shared and drawn in term order.
 */
public final class PrepareContext {
    private final Random rng;
    private final long step;
    private final boolean training;
    private final Map<String, Object> state;

    public PrepareContext(Random rng, long step, boolean training, Map<String, Object> state) {
        this.rng = rng;
        this.step = step;
        this.training = training;
        this.state = state;
    }

    /** A context for one evaluation outside training (the CLI, tests, probes): fresh state, seeded draws. */
    public static PrepareContext standalone(long seed) {
        return new PrepareContext(new Random(seed), 0, false, new HashMap<>());
    }

    /** The run's random source: draw from it only in {@code prepare}, in a fixed order. */
    public Random rng() {
        return rng;
    }

    /** Optimizer steps taken before this batch. */
    public long step() {
        return step;
    }

    /** True for a training batch (state may be updated); false for evaluation (state is read, never written). */
    public boolean training() {
        return training;
    }

    /** State that persists across the batches of one run; empty at the start. */
    public Map<String, Object> state() {
        return state;
    }

    /** The same draws and step, with another term's state. */
    PrepareContext withState(Map<String, Object> termState) {
        return new PrepareContext(rng, step, training, termState);
    }
}
