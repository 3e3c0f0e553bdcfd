package org.losslab.data;

import java.util.Random;

/**
 * Random views of examples for two-view contrastive losses (NT-Xent, DCL, …): two augmentations of one example are
 * a positive pair. Vectors get Gaussian jitter scaled to each feature's spread; images [C,H,W] get a small random
 * shift (zero-padded: a crop of a padded image) and pixel noise.
 */
public final class ViewAugmenter {
    /** Largest shift of an image view, in pixels. */
    public static final int MAX_SHIFT = 2;

    private final int[] featureShape;
    private final double[] featureScale;
    private final double strength;
    private final Random rng;

    /**
     * @param data gives the feature shape and, for vectors, each feature's standard deviation
     * @param strength jitter as a fraction of each feature's spread (vectors) or the pixel-noise standard deviation
     *     (images), in [0, 1]
     * @throws IllegalArgumentException naming {@code jitter} when out of range
     */
    public ViewAugmenter(Dataset data, double strength, long seed) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + strength);
        }
        this.featureShape = data.featureShape();
        this.strength = strength;
        this.rng = new Random(seed);
        int width = data.featureSize();
        this.featureScale = new double[width];
        double[] x = data.features();
        int n = data.size();
        for (int j = 0; j < width; j++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += x[r * width + j];
            }
            mean /= Math.max(1, n);
            double var = 0;
            for (int r = 0; r < n; r++) {
                double d = x[r * width + j] - mean;
                var += d * d;
            }
            featureScale[j] = Math.sqrt(var / Math.max(1, n - 1));
        }
    }

    public boolean isImage() {
        return featureShape.length == 3;
    }

    /** One random view of each row of {@code batch} (row-major, [N, …featureShape]); a new array. */
    public double[] view(double[] batch) {
        int width = featureScale.length;
        int n = batch.length / width;
        double[] out = new double[batch.length];
        for (int r = 0; r < n; r++) {
            if (isImage()) {
                shiftAndNoise(batch, out, r * width);
            } else {
                for (int j = 0; j < width; j++) {
                    out[r * width + j] = batch[r * width + j] + strength * featureScale[j] * rng.nextGaussian();
                }
            }
        }
        return out;
    }

    private void shiftAndNoise(double[] in, double[] out, int offset) {
        int c = featureShape[0];
        int h = featureShape[1];
        int w = featureShape[2];
        int dy = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dx = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y - dy;
                    int sx = x - dx;
                    double v = sy >= 0 && sy < h && sx >= 0 && sx < w ? in[offset + (ch * h + sy) * w + sx] : 0;
                    out[offset + (ch * h + y) * w + x] = v + strength * rng.nextGaussian();
                }
            }
        }
    }
}
