package org.losslab.loss.density;

import java.util.Arrays;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.loss.Family;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.loss.LossSpec;
import org.losslab.loss.Status;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * MS-SSIM reconstruction loss: ℓ = 1 − SSIM_M^{w_M}·Π_{j&lt;M} cs_j^{w_j}, per image (Wang, Simoncelli and Bovik's
 * multi-scale SSIM, as used by Snell et al.).
 *
 * <p>At each scale, with Gaussian-weighted local moments (population moments: σ_x² = E[x²] − μ_x²) over every
 * 'valid' window position, l = (2μ_xμ_y + C1)/(μ_x² + μ_y² + C1) and cs = (2σ_xy + C2)/(σ_x² + σ_y² + C2) with
 * C1 = 0.01², C2 = 0.03² (data range 1). cs_j is the mean of the cs map at scale j; at the last scale the factor is
 * the mean of the l·cs map (the SSIM), as in the reference implementations. Between scales both images are 2×2
 * average-pooled (an odd last row or column is dropped). The weights are the first M of Wang's
 * [0.0448, 0.2856, 0.3001, 0.2363, 0.1333], renormalised to sum to 1. Each factor is clamped at 0 before its power;
 * below 0 the factor is 0 with zero gradient (written so that the fractional power never sees 0, which would make
 * its gradient infinite and the clamp's NaN).
 *
 * <p>The five local moments of a scale come from one convolution of the stacked maps x, y, x², y², xy with the
 * fixed window. The window is a normalised Gaussian on the centred coordinates i − (k−1)/2, so an even size is
 * symmetric too (a size-2 window is the uniform 2×2 mean of the LOSSES.md example).
 *
 * <p>Inputs: {@code pred} x̂ (N,C,H,W) (differentiable) and {@code target} x of the same shape, values in [0,1];
 * normally C = 1, more channels are scored separately and averaged. Output [N]. Each side must hold the window at
 * the coarsest scale: at least 28 pixels for the defaults (7 × 2²).
 */
public final class MsSsimLoss implements LossFunction {
    /** Wang et al.'s five scale weights, finest first. */
    static final double[] SCALE_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    static final double C1 = 0.01 * 0.01;
    static final double C2 = 0.03 * 0.03;

    public static final LossSpec SPEC = LossSpec.builder("ms-ssim", "MS-SSIM", Family.DENSITY)
            .differentiableInput("pred").input("target")
            .param(ParamSpec.integer("scales", 3, Range.closed(1, 5),
                    "number of scales M; the image is halved between scales and the first M weights are used"))
            .param(ParamSpec.integer("window", 7, Range.closed(1, 31),
                    "side of the Gaussian window, in pixels, used at every scale without padding"))
            .param("sigma", 1.5, Range.positive(), "standard deviation of the Gaussian window, in pixels")
            .cite("Learning to Generate Images with Perceptual Similarity Metrics")
            .tex("\\ell = 1 - \\left[l_M\\,cs_M\\right]^{w_M}\\prod_{j<M} cs_j^{w_j},\\quad "
                    + "cs = \\frac{2\\sigma_{xy}+C_2}{\\sigma_x^2+\\sigma_y^2+C_2},\\ "
                    + "l = \\frac{2\\mu_x\\mu_y+C_1}{\\mu_x^2+\\mu_y^2+C_1}")
            .intuition("Compares local brightness, contrast and structure of the reconstruction and the image in "
                    + "small windows, at several zoom levels, instead of pixel by pixel: blurring or a misplaced edge "
                    + "costs far more than a uniform brightness shift of the same squared error. As reconstructed: "
                    + "the paper's window and number of scales are unknown; a 7×7 Gaussian window and 3 scales are "
                    + "used.")
            .status(Status.UNCERTAIN)
            .build();

    @Override
    public LossSpec spec() {
        return SPEC;
    }

    /**
     * The window-averaged similarity of one scale, each [B].
     *
     * @param luminance mean of the l map
     * @param contrastStructure mean of the cs map
     * @param ssim mean of the l·cs map
     */
    public record Similarity(Tensor luminance, Tensor contrastStructure, Tensor ssim) {}

    /**
     * Single-scale SSIM terms of x and y [B,1,H,W] under a fixed window [1,1,k,k] (weights summing to 1), over the
     * (H−k+1)×(W−k+1) 'valid' positions.
     */
    public static Similarity singleScale(Ops ops, Tensor x, Tensor y, HostArray window) {
        long b = x.dim(0);
        Tensor stacked = ops.concat(0, x, y, ops.square(x), ops.square(y), ops.mul(x, y));
        Tensor moments = ops.conv2d(stacked, ops.constant(window), null, 1, 0);
        Tensor meanX = ops.slice(moments, 0, 0, b);
        Tensor meanY = ops.slice(moments, 0, b, 2 * b);
        Tensor varianceX = ops.sub(ops.slice(moments, 0, 2 * b, 3 * b), ops.square(meanX));
        Tensor varianceY = ops.sub(ops.slice(moments, 0, 3 * b, 4 * b), ops.square(meanY));
        Tensor covariance = ops.sub(ops.slice(moments, 0, 4 * b, 5 * b), ops.mul(meanX, meanY));
        Tensor luminance = ops.div(ops.add(ops.mul(ops.mul(meanX, meanY), 2.0), C1),
                ops.add(ops.add(ops.square(meanX), ops.square(meanY)), C1));
        Tensor contrastStructure = ops.div(ops.add(ops.mul(covariance, 2.0), C2),
                ops.add(ops.add(varianceX, varianceY), C2));
        return new Similarity(ops.mean(luminance, false, 1, 2, 3), ops.mean(contrastStructure, false, 1, 2, 3),
                ops.mean(ops.mul(luminance, contrastStructure), false, 1, 2, 3));
    }

    /** A normalised Gaussian window [1,1,size,size] on the centred coordinates i − (size−1)/2. */
    public static HostArray gaussianWindow(int size, double sigma) {
        if (size < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("a Gaussian window needs size ≥ 1 and sigma > 0, got size " + size
                    + " and sigma " + sigma);
        }
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        double[] w = new double[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                w[r * size + c] = g[r] * g[c] / (sum * sum);
            }
        }
        return HostArray.wrap(w, 1, 1, size, size);
    }

    /** The first {@code scales} of Wang's weights, renormalised to sum to 1. */
    public static double[] scaleWeights(int scales) {
        if (scales < 1 || scales > SCALE_WEIGHTS.length) {
            throw new IllegalArgumentException("scales must be 1 to " + SCALE_WEIGHTS.length + ", got " + scales);
        }
        double[] w = Arrays.copyOf(SCALE_WEIGHTS, scales);
        double sum = Arrays.stream(w).sum();
        for (int j = 0; j < scales; j++) {
            w[j] /= sum;
        }
        return w;
    }

    @Override
    public Tensor perExample(Ops ops, LossInputs in, ParamValues params) {
        int scales = params.integer("scales");
        int size = params.integer("window");
        Tensor pred = in.get("pred");
        Tensor target = in.get("target");
        long[] shape = pred.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException("ms-ssim: pred must be images of shape [N,C,H,W], got "
                    + Arrays.toString(shape));
        }
        if (!Arrays.equals(target.shape(), shape)) {
            throw new IllegalArgumentException("ms-ssim: target must have the shape of pred " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(target.shape()));
        }
        requireRoom(shape[2], shape[3], size, scales);
        long n = shape[0];
        long channels = shape[1];
        Tensor x = ops.reshape(pred, n * channels, 1, shape[2], shape[3]);
        Tensor y = ops.reshape(target, n * channels, 1, shape[2], shape[3]);
        HostArray window = gaussianWindow(size, params.real("sigma"));
        double[] weights = scaleWeights(scales);
        Tensor product = null;
        for (int j = 0; j < scales; j++) {
            Similarity s = singleScale(ops, x, y, window);
            boolean last = j == scales - 1;
            Tensor factor = clampedPower(ops, last ? s.ssim() : s.contrastStructure(), weights[j]);
            product = product == null ? factor : ops.mul(product, factor);
            if (!last) {
                x = ops.avgPool2d(x, 2, 2);
                y = ops.avgPool2d(y, 2, 2);
            }
        }
        Tensor perImage = ops.mean(ops.reshape(product, n, channels), false, 1);
        return ops.rsub(1.0, perImage);
    }

    /** max(v, 0)^w for 0 &lt; w ≤ 1: the power only ever sees v where v > 0 and 1 elsewhere, masked to 0. */
    private static Tensor clampedPower(Ops ops, Tensor v, double w) {
        Tensor positive = ops.greaterThan(v, 0.0);
        return ops.mul(positive, ops.pow(ops.where(positive, v, ops.onesLike(v)), w));
    }

    private static void requireRoom(long height, long width, int window, int scales) {
        long h = height;
        long w = width;
        for (int j = 1; j < scales; j++) {
            h /= 2;
            w /= 2;
        }
        if (h < window || w < window) {
            long need = (long) window << (scales - 1);
            throw new IllegalArgumentException("ms-ssim: pred is " + height + "×" + width + " but a " + window + "×"
                    + window + " window at " + scales + " scales needs at least " + need + "×" + need
                    + " (each scale halves the image and the last must still hold the window)");
        }
    }
}
