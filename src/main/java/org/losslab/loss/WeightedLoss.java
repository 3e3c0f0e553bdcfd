package org.losslab.loss;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.param.ParamValues;

/**
 * The loss an experiment trains with: one catalogue loss, or a weighted sum Σ w_k ℓ_k of several, each with its
 * own validated hyperparameters. Per-example values are summed with their weights, then reduced by the mean.
 */
public final class WeightedLoss {

    /** One weighted term. */
    public record Term(LossFunction loss, double weight, ParamValues params) {
        public Term {
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("loss weight must be finite, got " + weight);
            }
        }
    }

    private final List<Term> terms;

    public WeightedLoss(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a loss needs at least one term");
        }
        Family family = terms.get(0).loss().spec().family();
        for (Term t : terms) {
            if (t.loss().spec().family() != family) {
                throw new IllegalArgumentException("cannot sum losses of different families: "
                        + terms.get(0).loss().spec().id() + " (" + family.displayName() + ") and "
                        + t.loss().spec().id() + " (" + t.loss().spec().family().displayName() + ")");
            }
        }
        this.terms = List.copyOf(terms);
    }

    /** A single catalogue loss with weight 1. */
    public static WeightedLoss single(LossFunction loss, ParamValues params) {
        return new WeightedLoss(List.of(new Term(loss, 1.0, params)));
    }

    /** A single catalogue loss with its defaults. */
    public static WeightedLoss of(String id) {
        LossFunction loss = LossCatalog.get().byId(id);
        return single(loss, ParamValues.defaults("loss '" + id + "'", loss.spec().params()));
    }

    public List<Term> terms() {
        return terms;
    }

    public Family family() {
        return terms.get(0).loss().spec().family();
    }

    /** A label such as {@code focal} or {@code 0.5·cross-entropy + 0.5·mae}. */
    public String label() {
        if (terms.size() == 1 && terms.get(0).weight() == 1.0) {
            return terms.get(0).loss().spec().id();
        }
        List<String> parts = new ArrayList<>();
        for (Term t : terms) {
            parts.add(fmt(t.weight()) + "·" + t.loss().spec().id());
        }
        return String.join(" + ", parts);
    }

    private static String fmt(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    /** Weighted per-example values, shape [N]. */
    public Tensor perExample(Ops ops, LossInputs inputs) {
        Tensor total = null;
        for (Term t : terms) {
            Tensor values = t.loss().perExample(ops, inputs, t.params());
            Tensor weighted = t.weight() == 1.0 ? values : ops.mul(values, t.weight());
            total = total == null ? weighted : ops.add(total, weighted);
        }
        return total;
    }

    /** The scalar that is minimised: the mean of {@link #perExample}. */
    public Tensor reduced(Ops ops, LossInputs inputs) {
        return terms.get(0).loss().reduction().apply(ops, perExample(ops, inputs));
    }

    /** Every term's {@link LossFunction#prepare} output, merged, for a single evaluation (seed 0, fresh state). */
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs) {
        return prepare(hostInputs, PrepareContext.standalone(0));
    }

    /**
     * Every term's {@link LossFunction#prepare} output, merged. Term {@code i} keeps its state under the key
     * {@code "term" + i} of the context's state, so two terms of the same loss do not share it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, PrepareContext context) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            Map<String, Object> termState = (Map<String, Object>) context.state()
                    .computeIfAbsent("term" + i, k -> new HashMap<String, Object>());
            out.putAll(t.loss().prepare(hostInputs, t.params(), context.withState(termState)));
        }
        return out;
    }

    /** True when some term's {@code prepare} reads the model's outputs. */
    public boolean preparesFromPredictions() {
        for (Term t : terms) {
            if (t.loss().preparesFromPredictions()) {
                return true;
            }
        }
        return false;
    }
}
