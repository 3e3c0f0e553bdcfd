package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.Rng;

/**
 * Separate filled ellipses of random size, elongation and orientation, of varying brightness on a noisy background:
 * the simplest segmentation target. Ellipses are convex and never touch, so the truth has β0 = blobs and β1 = 0.
 */
public final class BlobsGenerator {
    static final String NAME = "blobs";
    private final int maxBlobs;

    /** @param maxBlobs 1 to this many blobs per image (fewer when they do not fit) */
    public BlobsGenerator(int maxBlobs) {
        if (maxBlobs < 1) {
            throw new org.losslab.data.DataException(NAME + ": maxBlobs must be at least 1, got " + maxBlobs);
        }
        this.maxBlobs = maxBlobs;
    }

    public static BlobsGenerator defaults() {
        return new BlobsGenerator(5);
    }

    /** {@code count} images of {@code height}×{@code width} (at least 16×16), seeded. */
    public SegmentationSet generate(int count, int height, int width, long seed) {
        Synthesis.check(NAME, count, height, width, 16);
        return Synthesis.generate(NAME, count, height, width, seed, this::paint);
    }

    private Synthesis.Sample paint(Rng rng, int h, int w) {
        int side = Math.min(h, w);
        int wanted = 1 + rng.nextInt(maxBlobs);
        List<double[]> placed = new ArrayList<>(); // {cy, cx, major}
        double[] mask = new double[h * w];
        double[] image = new double[h * w];
        for (int attempt = 0; attempt < 200 && placed.size() < wanted; attempt++) {
            double a = rng.uniform(Math.max(3, 0.06 * side), Math.max(4, 0.18 * side));
            double b = rng.uniform(Math.max(2.5, 0.4 * a), a);
            double theta = rng.uniform(0, Math.PI);
            double cy = rng.uniform(a + 1, h - 2 - a);
            double cx = rng.uniform(a + 1, w - 2 - a);
            if (a + 1 >= h - 2 - a || a + 1 >= w - 2 - a) {
                continue;
            }
            boolean apart = true;
            for (double[] o : placed) {
                apart &= Math.hypot(cy - o[0], cx - o[1]) > a + o[2] + 3;
            }
            if (!apart) {
                continue;
            }
            placed.add(new double[] {cy, cx, a});
            double brightness = rng.uniform(0.5, 0.8);
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double u = (c - cx) * cos + (r - cy) * sin;
                    double v = -(c - cx) * sin + (r - cy) * cos;
                    if (u * u / (a * a) + v * v / (b * b) <= 1) {
                        mask[r * w + c] = 1;
                        image[r * w + c] = brightness;
                    }
                }
            }
        }
        for (int i = 0; i < image.length; i++) {
            image[i] += 0.15;
        }
        Synthesis.addShading(rng, image, h, w, 0.15);
        Synthesis.addNoise(rng, image, 0.1);
        return new Synthesis.Sample(image, mask, new KnownTopology(placed.size(), 0));
    }
}
