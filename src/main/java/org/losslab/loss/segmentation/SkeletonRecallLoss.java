package org.losslab.loss.segmentation;

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
import org.losslab.topology.BinaryMask;
import org.losslab.topology.ZhangSuen;

/**
 * Skeleton Recall as TopoMortar trains it: ℓ = a·CE + L_SR per image, with L_SR = −(ΣP₁·Y·S + 10⁻⁵)/(ΣY·S + 10⁻⁵),
 * P₁ = softmax(z)₁ the foreground probability, Y = [target = 1] and CE {@link CeDiceLoss}'s pixel-wise
 * cross-entropy. The source uses it as CE + 1·SR, hence a = {@code ceWeight} = 1; a = 0 leaves L_SR alone.
 *
 * <p>The recall target S = dilate(dilate(skeletonize(Y))) ∩ Y is computed in {@link #prepare}, outside the graph
 * (a constant): Zhang–Suen thinning ({@link ZhangSuen}), then two binary dilations with the 3×3 square (the source
 * leaves the kernel unstated) and the intersection with Y. It is handed to the graph as the input
 * {@value #SKELETON_INPUT} [N,H,W].
 *
 * <p>Inputs: {@code logits} [N,2,H,W] (differentiable) and {@code target} [N,H,W] in {0,1}. Output [N].
 */
public final class SkeletonRecallLoss implements LossFunction {
    /** The prepared tubed skeleton S [N,H,W] in {0,1}. */
    public static final String SKELETON_INPUT = "recallSkeleton";

    public static final LossSpec SPEC = LossSpec.builder("skeleton-recall", "Skeleton Recall (+ CE)",
                    Family.SEGMENTATION)
            .differentiableInput("logits").input("target")
            .param("ceWeight", 1.0, Range.nonNegative(), "weight a of the pixel-wise cross-entropy (source: CE + 1·SR)")
            .cite("TopoMortar: A dataset to evaluate image segmentation methods focused on topology accuracy")
            .tex("L_{SR} = -\\frac{\\sum P_1 Y S + 10^{-5}}{\\sum Y S + 10^{-5}},\\quad "
                    + "S = \\mathrm{dil}^2(\\mathrm{skel}(Y)) \\cap Y,\\quad \\ell = a\\,\\mathrm{CE} + L_{SR}")
            .intuition("The prediction must cover a thickened centreline of every true structure. Missing a short "
                    + "stretch of a thin vessel breaks that centreline and costs as much as missing a stretch of a "
                    + "thick one, so connections are kept.")
            .binaryOnly()
            .status(Status.CODE)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, HostArray> prepare(Map<String, HostArray> hostInputs, ParamValues params) {
        SegmentationInputs.checkClassIndices(hostInputs);
        HostArray target = hostInputs.get(SegmentationInputs.TARGET);
        if (target == null) {
            return Map.of();
        }
        if (target.rank() != 3) {
            throw new IllegalArgumentException("target must have shape [N,H,W], got "
                    + Arrays.toString(target.shape()));
        }
        int n = target.dim(0);
        int h = target.dim(1);
        int w = target.dim(2);
        boolean[][] masks = SegmentationInputs.foregroundMasks(target);
        double[] out = new double[n * h * w];
        for (int i = 0; i < n; i++) {
            boolean[] tubed = recallTarget(masks[i], h, w);
            for (int p = 0; p < h * w; p++) {
                out[i * h * w + p] = tubed[p] ? 1 : 0;
            }
        }
        return Map.of(SKELETON_INPUT, HostArray.wrap(out, n, h, w));
    }

    /** dilate(dilate(ZhangSuen(mask))) ∩ mask, with the 3×3 square; row-major [h·w]. */
    static boolean[] recallTarget(boolean[] mask, int h, int w) {
        boolean[] skeleton = ZhangSuen.skeleton(BinaryMask.of("target", h, w, mask)).toArray();
        boolean[] tube = dilate(dilate(skeleton, h, w), h, w);
        for (int p = 0; p < tube.length; p++) {
            tube[p] &= mask[p];
        }
        return tube;
    }

    /** Binary dilation with the 3×3 square, clipped at the border. */
    private static boolean[] dilate(boolean[] in, int h, int w) {
        boolean[] out = new boolean[in.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                boolean any = false;
                for (int dr = -1; dr <= 1 && !any; dr++) {
                    for (int dc = -1; dc <= 1 && !any; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        any = rr >= 0 && rr < h && cc >= 0 && cc < w && in[rr * w + cc];
                    }
                }
                out[r * w + c] = any;
            }
        }
        return out;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        Tensor z = SegmentationInputs.logits(in, 2);
        Tensor y = SegmentationInputs.oneHotTarget(ops, in, z);
        Tensor tubed = in.get(SKELETON_INPUT);
        Tensor mask = ops.squeeze(ops.slice(y, 1, 1, 2), 1);
        if (!Arrays.equals(tubed.shape(), mask.shape())) {
            throw new IllegalArgumentException(SKELETON_INPUT + " must have the shape of target "
                    + Arrays.toString(mask.shape()) + ", got " + Arrays.toString(tubed.shape()));
        }
        Tensor foreground = ops.squeeze(ops.slice(ops.softmax(z, 1), 1, 1, 2), 1);
        Tensor weight = ops.mul(mask, tubed);
        Tensor recall = ops.div(ops.add(SegmentationInputs.perImageSum(ops, ops.mul(foreground, weight)), 1e-5),
                ops.add(SegmentationInputs.perImageSum(ops, weight), 1e-5));
        Tensor skeletonRecall = ops.neg(recall);
        double ceWeight = params.real("ceWeight");
        if (ceWeight == 0) {
            return skeletonRecall;
        }
        return ops.add(ops.mul(CeDiceLoss.pixelCrossEntropy(ops, z, y), ceWeight), skeletonRecall);
    }
}
