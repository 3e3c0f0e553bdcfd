package org.losslab.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Predicts a whole H×W image with a model trained on P×P patches: overlapping tiles at a fixed stride, the last
 * tile of each row and column moved back so that it ends on the border, and every pixel's prediction the average of
 * the tiles that cover it. A prediction that does not depend on the pixel's position inside the patch is therefore
 * reproduced exactly; for a convolutional network the averaging softens the seams where padding changed the output.
 *
 * <p>Plain arrays only (no engine types): the caller wraps the model in a {@link PatchFunction}.
 */
public final class TiledPredictor {

    /** A model applied to a batch of patches. */
    @FunctionalInterface
    public interface PatchFunction {
        /**
         * @param patches [count, C, P, P] row-major
         * @param count number of patches in the batch
         * @return per-pixel outputs (e.g. probabilities) [count, K, P, P] row-major
         */
        double[] apply(double[] patches, int count);
    }

    private final int patchSize;
    private final int stride;
    private final int batchSize;

    /**
     * @param patchSize P, the side of the square patches the model was trained on
     * @param stride step between tiles, 1 to P (P/2 gives every interior pixel several predictions)
     * @param batchSize patches per call of the function
     */
    public TiledPredictor(int patchSize, int stride, int batchSize) {
        if (patchSize < 1) {
            throw new IllegalArgumentException("patchSize must be at least 1, got " + patchSize);
        }
        if (stride < 1 || stride > patchSize) {
            throw new IllegalArgumentException("stride must be between 1 and patchSize = " + patchSize + ", got " + stride);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.patchSize = patchSize;
        this.stride = stride;
        this.batchSize = batchSize;
    }

    /** Tiles at half-patch stride, the usual overlap. */
    public static TiledPredictor halfOverlap(int patchSize, int batchSize) {
        return new TiledPredictor(patchSize, Math.max(1, patchSize / 2), batchSize);
    }

    /** Start offsets along an axis of {@code length}: 0, stride, 2·stride, … and {@code length − P} last. */
    public List<Integer> offsets(int length) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + patchSize <= length; s += stride) {
            starts.add(s);
        }
        if (starts.get(starts.size() - 1) + patchSize < length) {
            starts.add(length - patchSize);
        }
        return starts;
    }

    /**
     * @param image [C, H, W] row-major
     * @param outputs K, outputs per pixel the function returns
     * @return the averaged outputs [K, H, W] row-major
     */
    public double[] predict(double[] image, int channels, int height, int width, int outputs, PatchFunction function) {
        if (channels < 1 || outputs < 1) {
            throw new IllegalArgumentException("channels and outputs must be at least 1, got " + channels + " and " + outputs);
        }
        if (image.length != (long) channels * height * width) {
            throw new IllegalArgumentException("image has " + image.length + " values but " + channels + "×" + height
                    + "×" + width + " = " + (long) channels * height * width + " were announced");
        }
        if (height < patchSize || width < patchSize) {
            throw new IllegalArgumentException("image " + height + "×" + width + " is smaller than the " + patchSize
                    + "×" + patchSize + " patches the model was trained on");
        }
        int p = patchSize;
        double[] sum = new double[outputs * height * width];
        int[] cover = new int[height * width];
        List<int[]> tiles = new ArrayList<>();
        for (int top : offsets(height)) {
            for (int left : offsets(width)) {
                tiles.add(new int[] {top, left});
            }
        }
        for (int from = 0; from < tiles.size(); from += batchSize) {
            int count = Math.min(batchSize, tiles.size() - from);
            double[] batch = new double[count * channels * p * p];
            for (int t = 0; t < count; t++) {
                int[] tile = tiles.get(from + t);
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < p; i++) {
                        System.arraycopy(image, (c * height + tile[0] + i) * width + tile[1], batch,
                                ((t * channels + c) * p + i) * p, p);
                    }
                }
            }
            double[] out = function.apply(batch, count);
            if (out.length != count * outputs * p * p) {
                throw new IllegalStateException("the patch function returned " + out.length + " values for " + count
                        + " patches; expected " + count + "×" + outputs + "×" + p + "×" + p);
            }
            for (int t = 0; t < count; t++) {
                int[] tile = tiles.get(from + t);
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        int pixel = (tile[0] + i) * width + tile[1] + j;
                        cover[pixel]++;
                        for (int k = 0; k < outputs; k++) {
                            sum[k * height * width + pixel] += out[((t * outputs + k) * p + i) * p + j];
                        }
                    }
                }
            }
        }
        for (int k = 0; k < outputs; k++) {
            for (int pixel = 0; pixel < cover.length; pixel++) {
                sum[k * height * width + pixel] /= cover[pixel];
            }
        }
        return sum;
    }
}
