package org.losslab.loss.hyperbolic;

import java.util.Arrays;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Hyperbolic cross-entropy (Hyp-OC, LOSSES.md {@code hyp-ce}): softmax cross-entropy on the logits of hyperbolic
 * multiclass logistic regression over points of the Poincaré ball.
 *
 * <p>Inputs: {@code points} [N,D] inside the ball of radius 1/√c, {@code labels} [N], and the raw MLR parameters
 * {@code mlrA} (normals) and {@code mlrP} (offsets, tangent vectors at the origin), each [C,D]. The offsets are
 * mapped by expmap0 and the normals scaled by 1 − c‖p_k‖² before the logits are taken, as hyptorch's
 * {@code HyperbolicMLR} does. Gradients flow to the points and both parameter sets.
 */
public final class HyperbolicCrossEntropy implements LossFunction {
    public static final LossSpec SPEC = LossSpec.builder("hyp-ce", "Hyperbolic cross-entropy", Family.CLASSIFICATION)
            .differentiableInput("points").input("labels").differentiableInput("mlrA").differentiableInput("mlrP")
            .param("c", PoincareBall.DEFAULT_CURVATURE, Range.positive(),
                    "curvature of the Poincaré ball (radius 1/√c); larger values curve space more")
            .cite("Hyp-OC: Hyperbolic One Class Classification for Face Anti-Spoofing")
            .tex("\\ell = \\log\\sum_k e^{\\zeta_k} - \\zeta_y,\\quad \\zeta_k = \\frac{\\lambda_{p_k}\\|a_k\\|}{\\sqrt{c}}"
                    + "\\,\\operatorname{asinh}\\!\\left(\\frac{2\\sqrt{c}\\,\\langle (-p_k)\\oplus_c x,\\,a_k\\rangle}"
                    + "{(1-c\\|(-p_k)\\oplus_c x\\|^2)\\,\\|a_k\\|}\\right)")
            .intuition("Each class owns the side of a hyperbolic hyperplane; a logit is the signed hyperbolic distance "
                    + "to it, which grows without bound towards the rim of the ball, so the edge of the disk is where "
                    + "the model puts the points it is surest of.")
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        for (String name : SPEC.inputs()) {
            if (!in.has(name)) {
                throw new IllegalArgumentException("hyp-ce needs input '" + name + "' (ball points and the raw MLR "
                        + "parameters, e.g. from the poincare-mlp model); given: " + in.names());
            }
        }
        Tensor points = in.get("points");
        Tensor normals = in.get("mlrA");
        Tensor offsets = in.get("mlrP");
        Tensor labels = in.get("labels");
        checkShapes(points.shape(), normals.shape(), offsets.shape(), labels.shape());
        PoincareBall ball = new PoincareBall(ops, params.real("c"));
        Tensor logits = ball.mlrLogitsFromRaw(points, normals, offsets);
        Tensor onehot = ops.oneHot(labels, (int) normals.dim(0));
        return ops.sub(ops.logSumExp(logits, -1, false), ops.rowDot(logits, onehot));
    }

    /**
     * Refuses points on or beyond the rim of the ball, where the logits are meaningless, naming the first such
     * row. It runs here because only the host side may look at values; during training the points come from the
     * model, which keeps them inside by construction, and are not on the host.
     */
    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        requireInsideBall("points", hostInputs.get("points"), params.real("c"));
        return Map.of();
    }

    /**
     * Refuses points [N,D] on or beyond the rim of the ball of curvature c, naming the input and the first such row;
     * anything but a host matrix (e.g. points still on the engine during training) passes.
     */
    static void requireInsideBall(String name, HostArray points, double c) {
        if (points == null || points.rank() != 2) {
            return;
        }
        int d = points.dim(1);
        double[] x = points.data();
        for (int i = 0; i < points.dim(0); i++) {
            double squared = 0;
            for (int j = 0; j < d; j++) {
                squared += x[i * d + j] * x[i * d + j];
            }
            if (c * squared >= 1) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "input '%s' row %d has norm %.6g, outside the Poincaré ball of radius 1/√c = %.6g "
                                + "(c = %s); map Euclidean vectors into the ball first (expmap0)",
                        name, i, Math.sqrt(squared), 1 / Math.sqrt(c), c));
            }
        }
    }

    static void checkShapes(long[] points, long[] normals, long[] offsets, long[] labels) {
        if (points.length != 2) {
            throw new IllegalArgumentException("input 'points' must have shape [N, D], got " + Arrays.toString(points));
        }
        if (normals.length != 2 || normals[1] != points[1]) {
            throw new IllegalArgumentException("input 'mlrA' must have shape [C, " + points[1] + "] (one normal per "
                    + "class, D as the points), got " + Arrays.toString(normals));
        }
        if (!Arrays.equals(offsets, normals)) {
            throw new IllegalArgumentException("input 'mlrP' must have the shape of mlrA " + Arrays.toString(normals)
                    + ", got " + Arrays.toString(offsets));
        }
        if (labels.length != 1 || labels[0] != points[0]) {
            throw new IllegalArgumentException("input 'labels' must have shape [" + points[0] + "], got "
                    + Arrays.toString(labels));
        }
    }
}
