package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.Rng;

/**
 * Annuli on a noisy background, some cut open by a wedge-shaped gap: a closed ring has β0 = 1 and β1 = 1, an open
 * one β0 = 1 and β1 = 0, so each image's truth has β0 = rings and β1 = closed rings (recorded as its
 * {@link KnownTopology}). Rings never touch each other or the border; the image shows the same rings, gaps included.
 */
public final class RingsGenerator {
    static final String NAME = "rings";
    private final int maxRings;
    private final double openProbability;

    /**
     * @param maxRings 1 to this many rings per image (fewer when they do not fit)
     * @param openProbability chance that a ring has a gap
     */
    public RingsGenerator(int maxRings, double openProbability) {
        if (maxRings < 1) {
            throw new org.losslab.data.DataException(NAME + ": maxRings must be at least 1, got " + maxRings);
        }
        Synthesis.checkProbability(NAME, "openProbability", openProbability);
        this.maxRings = maxRings;
        this.openProbability = openProbability;
    }

    /** Up to three rings, a third of them open. */
    public static RingsGenerator defaults() {
        return new RingsGenerator(3, 0.3);
    }

    /** {@code count} images of {@code height}×{@code width} (at least 32×32), seeded. */
    public SegmentationSet generate(int count, int height, int width, long seed) {
        Synthesis.check(NAME, count, height, width, 32);
        return Synthesis.generate(NAME, count, height, width, seed, this::paint);
    }

    private Synthesis.Sample paint(Rng rng, int h, int w) {
        int side = Math.min(h, w);
        int wanted = 1 + rng.nextInt(maxRings);
        List<double[]> rings = new ArrayList<>(); // {cy, cx, rOut}
        double[] mask = new double[h * w];
        double[] image = new double[h * w];
        int closed = 0;
        for (int attempt = 0; attempt < 200 && rings.size() < wanted; attempt++) {
            double rOut = rng.uniform(Math.max(6, 0.12 * side), Math.max(7, 0.3 * side));
            double thickness = rng.uniform(2, Math.max(2.5, Math.min(5, rOut / 3)));
            double rIn = rOut - thickness;
            double margin = rOut + 2;
            if (2 * margin >= side || rIn < 3) {
                continue;
            }
            double cy = rng.uniform(margin, h - 1 - margin);
            double cx = rng.uniform(margin, w - 1 - margin);
            boolean apart = true;
            for (double[] o : rings) {
                apart &= Math.hypot(cy - o[0], cx - o[1]) > rOut + o[2] + 3;
            }
            if (!apart) {
                continue;
            }
            rings.add(new double[] {cy, cx, rOut});
            boolean open = rng.uniform() < openProbability;
            double gapStart = rng.uniform(0, 2 * Math.PI);
            // The wedge is at least 4 pixels wide at the inner radius, so the hole opens to the outside 4-connectedly.
            double gapWidth = Math.max(0.4, 4.0 / rIn);
            double brightness = rng.uniform(0.55, 0.85);
            closed += open ? 0 : 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double d = Math.hypot(r - cy, c - cx);
                    if (d < rIn || d > rOut) {
                        continue;
                    }
                    if (open && angleWithin(Math.atan2(r - cy, c - cx), gapStart, gapWidth)) {
                        continue;
                    }
                    mask[r * w + c] = 1;
                    image[r * w + c] = brightness;
                }
            }
        }
        for (int i = 0; i < image.length; i++) {
            image[i] += 0.2;
        }
        Synthesis.addShading(rng, image, h, w, 0.1);
        Synthesis.addNoise(rng, image, 0.08);
        return new Synthesis.Sample(image, mask, new KnownTopology(rings.size(), closed));
    }

    /** Whether {@code angle} lies in [start, start + width) modulo 2π. */
    static boolean angleWithin(double angle, double start, double width) {
        double delta = (angle - start) % (2 * Math.PI);
        if (delta < 0) {
            delta += 2 * Math.PI;
        }
        return delta < width;
    }
}
