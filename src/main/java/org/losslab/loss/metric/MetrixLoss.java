package org.losslab.loss.metric;

import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.PrepareContext;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Metrix (mixup for deep metric learning) at the embedding level: L = L_clean + w·L_mix.
 *
 * <ul>
 *   <li>L_clean is the contrastive pair loss on Euclidean distances d of L2-normalised embeddings: positive pairs
 *       give [d − m⁺]₊, negative pairs [m⁻ − d]₊, averaged over all ordered pairs i ≠ j.</li>
 *   <li>For every positive pair (a, p), the mix m = normalise(λ ê_p + (1 − λ) ê_n) with n the anchor's hardest
 *       negative (the nearest one) carries the soft label λ:
 *       L_mix = mean over positive pairs of λ[d(a,m) − m⁺]₊ + (1 − λ)[m⁻ − d(a,m)]₊. Anchors without a negative
 *       have no mix.</li>
 * </ul>
 *
 * <p>Inputs: {@code embeddings} [N,D] (differentiable) and {@code labels} [N]. Output: one value [1]. The hardest
 * negatives and λ ~ Beta(α, α), one per ordered pair, are drawn in {@link #prepare} from the run's seeded source as
 * constants; gradients flow to the anchor, the positive and the selected negative. A caller may fix λ by giving
 * {@value #LAMBDA_INPUT} [N,N] itself.
 */
public final class MetrixLoss implements LossFunction {
    /** Index of each anchor's hardest negative [N] (the anchor itself when it has none). */
    public static final String NEGATIVE_INPUT = "metrixHardestNegative";
    /** 1 where the anchor has a negative, else 0 [N]. */
    public static final String HAS_NEGATIVE_INPUT = "metrixHasNegative";
    /** λ of the mix of pair (anchor i, positive j), [N,N]. */
    public static final String LAMBDA_INPUT = "metrixLambda";
    /** Squared distances are floored here before the square root, so the diagonal's gradient stays finite. */
    private static final double MIN_SQUARED_DISTANCE = 1e-24;

    public static final LossSpec SPEC = LossSpec.builder("metrix", "Metrix (embedding mixup)", Family.METRIC_LEARNING)
            .differentiableInput("embeddings").input("labels")
            .param("w", 0.4, Range.nonNegative(), "weight w of the mixed-embedding loss")
            .param("mPlus", 0.0, Range.nonNegative(), "positive margin m⁺: positive pairs farther than this are pulled in")
            .param("mMinus", 0.5, Range.positive(), "negative margin m⁻: negative pairs closer than this are pushed out")
            .param("alpha", 2.0, Range.positive(), "λ ~ Beta(α, α), the mixing weight of the positive")
            .cite("It Takes Two to Tango: Mixup for Deep Metric Learning")
            .tex("L = L_{\\mathrm{clean}} + w\\,\\mathrm{mean}_{(a,p)}\\left(\\lambda[d(a,m) - m^{+}]_+"
                    + " + (1-\\lambda)[m^{-} - d(a,m)]_+\\right),\\quad m = \\frac{\\lambda e_p + (1-\\lambda) e_n}"
                    + "{\\|\\lambda e_p + (1-\\lambda) e_n\\|}")
            .intuition("Besides the real pairs, each anchor sees a blend of one of its positives with its hardest "
                    + "negative, labelled as partly positive; interpolating labels as well as embeddings fills the "
                    + "space between classes, which helps on classes never seen in training.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public boolean preparesFromPredictions() {
        return true;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params,
            PrepareContext context) {
        HostArray embeddings = hostInputs.get("embeddings");
        HostArray labels = hostInputs.get("labels");
        if (embeddings == null || labels == null) {
            return Map.of();
        }
        CosineSimilarities.checkEmbeddingsAndLabels("metrix", CosineSimilarities.shape(embeddings),
                CosineSimilarities.shape(labels));
        int n = embeddings.dim(0);
        double[][] unit = CosineSimilarities.unitRows(embeddings);
        double[] y = labels.data();
        double[] hardest = new double[n];
        double[] hasNegative = new double[n];
        for (int i = 0; i < n; i++) {
            hardest[i] = i;
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                // on unit vectors the nearest negative is the most similar one
                double similarity = CosineSimilarities.dot(unit[i], unit[j]);
                if (y[j] != y[i] && similarity > best) {
                    best = similarity;
                    hardest[i] = j;
                    hasNegative[i] = 1;
                }
            }
        }
        double alpha = params.real("alpha");
        double[] lambda = new double[n * n];
        for (int k = 0; k < lambda.length; k++) {
            lambda[k] = beta(context.rng(), alpha);
        }
        return Map.of(NEGATIVE_INPUT, HostArray.wrap(hardest, n), HAS_NEGATIVE_INPUT, HostArray.wrap(hasNegative, n),
                LAMBDA_INPUT, HostArray.wrap(lambda, n, n));
    }

    /** A Beta(α, α) draw as G₁/(G₁ + G₂) of two Gamma(α) draws. */
    static double beta(Random random, double alpha) {
        double g1 = gamma(random, alpha);
        double g2 = gamma(random, alpha);
        return g1 / (g1 + g2);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang's method; shapes below 1 are boosted by U^{1/shape}. */
    static double gamma(Random random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor embeddings = in.get("embeddings");
        Tensor labels = in.get("labels");
        CosineSimilarities.checkEmbeddingsAndLabels("metrix", embeddings.shape(), labels.shape());
        int n = (int) embeddings.dim(0);
        double mPlus = params.real("mPlus");
        double mMinus = params.real("mMinus");
        Tensor unit = CosineSimilarities.normalize(ops, embeddings);
        Tensor same = CosineSimilarities.sameLabel(ops, labels);
        Tensor offDiagonal = CosineSimilarities.offDiagonal(ops, n);
        Tensor positive = ops.mul(same, offDiagonal);
        Tensor negative = ops.rsub(1.0, same);

        Tensor anchors = ops.unsqueeze(unit, 1); // [N,1,D]
        Tensor d = distance(ops, anchors, ops.unsqueeze(unit, 0)); // [N,N]
        Tensor clean = ops.add(ops.mul(positive, ops.relu(ops.add(d, -mPlus))),
                ops.mul(negative, ops.relu(ops.rsub(mMinus, d))));
        Tensor cleanMean = ops.div(ops.sum(clean, false), (double) Math.max(1, n * (n - 1)));

        Tensor lambda = in.get(LAMBDA_INPUT); // [N,N]
        Tensor hardestNegative = ops.gather(unit, in.get(NEGATIVE_INPUT), 0); // [N,D]
        Tensor weight = ops.unsqueeze(lambda, -1); // [N,N,1]
        Tensor mix = ops.add(ops.mul(weight, ops.unsqueeze(unit, 0)),
                ops.mul(ops.rsub(1.0, weight), ops.unsqueeze(hardestNegative, 1))); // [N,N,D]
        Tensor dMix = distance(ops, anchors, CosineSimilarities.normalize(ops, mix)); // [N,N]
        Tensor mixed = ops.add(ops.mul(lambda, ops.relu(ops.add(dMix, -mPlus))),
                ops.mul(ops.rsub(1.0, lambda), ops.relu(ops.rsub(mMinus, dMix))));
        Tensor mixPairs = ops.mul(positive, ops.unsqueeze(in.get(HAS_NEGATIVE_INPUT), 1));
        Tensor mixMean = ops.div(ops.sum(ops.mul(mixPairs, mixed), false),
                CosineSimilarities.atLeastOne(ops, ops.sum(mixPairs, false)));
        return ops.reshape(ops.add(cleanMean, ops.mul(mixMean, params.real("w"))), 1);
    }

    /** Euclidean distance over the last axis, with broadcasting: [..., D] × [..., D] → [...]. */
    private static Tensor distance(Ops ops, Tensor a, Tensor b) {
        Tensor squared = ops.sum(ops.square(ops.sub(a, b)), false, -1);
        return ops.sqrt(ops.add(ops.relu(ops.add(squared, -MIN_SQUARED_DISTANCE)), MIN_SQUARED_DISTANCE));
    }
}
