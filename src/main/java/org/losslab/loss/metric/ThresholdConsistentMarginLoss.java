package org.losslab.loss.metric;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Threshold-consistent margin (TCM) as a regulariser on top of a base metric loss:
 * L = L_base + λ⁺·mean_{pos: s ≤ m⁺}(m⁺ − s) + λ⁻·mean_{neg: s ≥ m⁻}(s − m⁻), over the cosines s of all ordered
 * pairs i ≠ j; each mean is over the hard pairs only and is 0 when there are none.
 *
 * <p>Inputs: {@code embeddings} [N,D] (differentiable) and {@code labels} [N]. Output: one value [1] (the hard-pair
 * means couple the whole batch). The base is looked up in the {@link LossCatalog} by id when the loss is evaluated
 * and used with its own defaults; it must be a metric-learning loss reading only embeddings and labels. With
 * {@code base = none} the value is the TCM term alone.
 */
public final class ThresholdConsistentMarginLoss implements LossFunction {
    /** The base losses offered; each is resolved in the catalogue at evaluation time. */
    static final List<String> BASES = List.of("none", "contrastive-pairs", "triplet-margin");

    public static final LossSpec SPEC = LossSpec.builder("tcm", "Threshold-consistent margin", Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels")
            .param(ParamSpec.choice("base", "none", BASES,
                    "metric loss the TCM term regularises (none: the TCM term alone)"))
            .param("mPlus", 0.9, Range.closed(-1, 1), "positive margin m⁺: positive pairs with cosine ≤ m⁺ are pulled up")
            .param("mMinus", 0.5, Range.closed(-1, 1), "negative margin m⁻: negative pairs with cosine ≥ m⁻ are pushed down")
            .param("lambdaPlus", 1.0, Range.nonNegative(), "weight λ⁺ of the positive-pair term")
            .param("lambdaMinus", 1.0, Range.nonNegative(), "weight λ⁻ of the negative-pair term")
            .cite("Threshold-Consistent Margin Loss for Open-World Deep Metric Learning")
            .tex("L = L_{\\mathrm{base}} + \\lambda^{+}\\,\\mathrm{mean}_{\\mathrm{pos}:\\,s\\le m^{+}}(m^{+}-s)"
                    + " + \\lambda^{-}\\,\\mathrm{mean}_{\\mathrm{neg}:\\,s\\ge m^{-}}(s-m^{-})")
            .intuition("Positive pairs less similar than m⁺ are pulled up and negative pairs more similar than m⁻ are "
                    + "pushed down, whatever their class, so one similarity threshold separates matches from "
                    + "non-matches about equally well for every class.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor embeddings = in.get("embeddings");
        Tensor labels = in.get("labels");
        CosineSimilarities.checkEmbeddingsAndLabels("tcm", embeddings.shape(), labels.shape());
        int n = (int) embeddings.dim(0);
        double mPlus = params.real("mPlus");
        double mMinus = params.real("mMinus");
        Tensor s = CosineSimilarities.matrix(ops, embeddings);
        Tensor same = CosineSimilarities.sameLabel(ops, labels);
        Tensor positive = ops.mul(same, CosineSimilarities.offDiagonal(ops, n));
        Tensor negative = ops.rsub(1.0, same);
        Tensor hardPositive = ops.mul(positive, ops.rsub(1.0, ops.greaterThan(s, mPlus)));
        Tensor hardNegative = ops.mul(negative, ops.rsub(1.0, ops.greaterThan(ops.neg(s), -mMinus)));
        Tensor positiveTerm = hardPairMean(ops, hardPositive, ops.rsub(mPlus, s));
        Tensor negativeTerm = hardPairMean(ops, hardNegative, ops.add(s, -mMinus));
        Tensor tcm = ops.add(ops.mul(positiveTerm, params.real("lambdaPlus")),
                ops.mul(negativeTerm, params.real("lambdaMinus")));
        String baseId = params.string("base");
        if (!baseId.equals("none")) {
            LossFunction base = base(baseId);
            ParamValues baseParams = baseParams(base);
            Tensor baseValue = base.reduction().apply(ops, base.perExample(ops, in, baseParams));
            tcm = ops.add(tcm, baseValue);
        }
        return ops.reshape(tcm, 1);
    }

    /** Σ mask·value / max(Σ mask, 1): the mean over the hard pairs, 0 without any. [N,N] → scalar. */
    private static Tensor hardPairMean(Ops ops, Tensor mask, Tensor value) {
        Tensor count = ops.sum(mask, false);
        return ops.div(ops.sum(ops.mul(mask, value), false), CosineSimilarities.atLeastOne(ops, count));
    }

    /** The base's own helpers, when it has any. */
    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params,
            PrepareContext context) {
        String baseId = params.string("base");
        if (baseId.equals("none")) {
            return Map.of();
        }
        LossFunction base = base(baseId);
        return base.prepare(hostInputs, baseParams(base), context);
    }

    /** True when one of the offered bases in this catalogue prepares from the embeddings. */
    @Override
    public boolean preparesFromPredictions() {
        LossCatalog catalog = LossCatalog.get();
        return BASES.stream().filter(id -> !id.equals("none") && catalog.ids().contains(id))
                .anyMatch(id -> catalog.byId(id).preparesFromPredictions());
    }

    /**
     * The base loss by id, refused by name when this catalogue lacks it or when it reads more than embeddings and
     * labels (TCM has nothing else to give it).
     */
    static LossFunction base(String id) {
        LossCatalog catalog = LossCatalog.get();
        if (!catalog.ids().contains(id)) {
            throw new IllegalArgumentException("tcm: parameter 'base' names loss '" + id + "', which is not in this "
                    + "catalogue; use base = none or one of " + catalog.family(Family.METRIC_LEARNING).stream()
                    .map(l -> l.spec().id()).toList());
        }
        LossFunction base = catalog.byId(id);
        if (base.spec().family() != Family.METRIC_LEARNING
                || !Set.of("embeddings", "labels").containsAll(base.spec().requiredInputs())) {
            throw new IllegalArgumentException("tcm: parameter 'base' = '" + id + "' must be a metric-learning loss "
                    + "on embeddings and labels; it reads " + base.spec().requiredInputs());
        }
        return base;
    }

    private static ParamValues baseParams(LossFunction base) {
        return ParamValues.defaults("loss '" + base.spec().id() + "' (base of tcm)", base.spec().params());
    }
}
