package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.DataException;
import org.losslab.data.Rng;

/**
 * Random P×P training patches from a {@link SegmentationSet}, seeded: each patch picks an image uniformly and, with
 * probability {@code foregroundBias}, centres itself (as far as the borders allow) on a random foreground pixel of
 * that image, otherwise lies anywhere. A bias towards the foreground helps thin structures that cover a few percent
 * of the pixels. Successive calls of {@link #next} continue the same stream.
 */
public final class PatchSampler {
    private final SegmentationSet set;
    private final int patchSize;
    private final double foregroundBias;
    private final Rng rng;
    private final int[] foregroundCounts;
    private long drawn;

    /**
     * @param patchSize P, 2 to min(H, W)
     * @param foregroundBias probability in [0, 1] that a patch is centred on a foreground pixel
     */
    public PatchSampler(SegmentationSet set, int patchSize, double foregroundBias, long seed) {
        if (patchSize < 2 || patchSize > set.height() || patchSize > set.width()) {
            throw new DataException("patchSize must be between 2 and the image size " + set.height() + "×" + set.width()
                    + " of set '" + set.split() + "', got " + patchSize);
        }
        if (!(foregroundBias >= 0 && foregroundBias <= 1)) {
            throw new DataException("foregroundBias must be in [0, 1], got " + foregroundBias);
        }
        this.set = set;
        this.patchSize = patchSize;
        this.foregroundBias = foregroundBias;
        this.rng = Rng.stream(seed, "patches");
        this.foregroundCounts = new int[set.size()];
        for (int i = 0; i < set.size(); i++) {
            foregroundCounts[i] = set.foregroundCount(i);
        }
    }

    /** {@code count} patches from a fresh sampler: a set of P×P images named {@code <image>@<row>,<column>#<k>}. */
    public static SegmentationSet sample(SegmentationSet set, int patchSize, int count, double foregroundBias, long seed) {
        return new PatchSampler(set, patchSize, foregroundBias, seed).next(count);
    }

    /** The next {@code count} patches. */
    public SegmentationSet next(int count) {
        if (count < 1) {
            throw new DataException("patch count must be at least 1, got " + count);
        }
        int p = patchSize;
        int h = set.height();
        int w = set.width();
        double[] images = new double[count * p * p];
        double[] masks = new double[count * p * p];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = rng.nextInt(set.size());
            int top;
            int left;
            boolean centred = rng.uniform() < foregroundBias && foregroundCounts[index] > 0;
            if (centred) {
                int pixel = nthForeground(index, rng.nextInt(foregroundCounts[index]));
                top = clamp(pixel / w - p / 2, h - p);
                left = clamp(pixel % w - p / 2, w - p);
            } else {
                top = rng.nextInt(h - p + 1);
                left = rng.nextInt(w - p + 1);
            }
            double[] image = set.image(index);
            double[] mask = set.mask(index);
            for (int r = 0; r < p; r++) {
                System.arraycopy(image, (top + r) * w + left, images, (k * p + r) * p, p);
                System.arraycopy(mask, (top + r) * w + left, masks, (k * p + r) * p, p);
            }
            names.add(set.name(index) + "@" + top + "," + left + "#" + (drawn + k));
        }
        drawn += count;
        return SegmentationSet.of(set.split(), names, p, p, images, masks, null);
    }

    private int nthForeground(int index, int n) {
        int seen = 0;
        for (int r = 0; r < set.height(); r++) {
            for (int c = 0; c < set.width(); c++) {
                if (set.foreground(index, r, c) && seen++ == n) {
                    return r * set.width() + c;
                }
            }
        }
        throw new IllegalStateException("foreground pixel " + n + " of image " + index + " not found");
    }

    private static int clamp(int start, int max) {
        return Math.max(0, Math.min(max, start));
    }
}
