package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.DataException;
import org.losslab.data.Rng;

/** Shared plumbing of the synthetic generators: argument checks, per-image random streams, assembling a set. */
final class Synthesis {
    private Synthesis() {}

    /** One generated picture: image [H,W] in any range (clamped to [0,1] here), mask [H,W] 0/1, topology or null. */
    record Sample(double[] image, double[] mask, KnownTopology topology) {}

    interface Painter {
        Sample paint(Rng rng, int height, int width);
    }

    static void check(String generator, int count, int height, int width, int minSide) {
        if (count < 1) {
            throw new DataException(generator + ": count must be at least 1, got " + count);
        }
        if (height < minSide || width < minSide) {
            throw new DataException(generator + ": images must be at least " + minSide + "×" + minSide + ", got "
                    + height + "×" + width);
        }
    }

    static void checkProbability(String generator, String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new DataException(generator + ": " + name + " must be in [0, 1], got " + p);
        }
    }

    /** Image {@code i} draws from its own stream, so the first images do not change when {@code count} grows. */
    static SegmentationSet generate(String generator, int count, int height, int width, long seed, Painter painter) {
        List<String> names = new ArrayList<>();
        List<KnownTopology> topologies = new ArrayList<>();
        int pixels = height * width;
        double[] images = new double[count * pixels];
        double[] masks = new double[count * pixels];
        for (int i = 0; i < count; i++) {
            Sample s = painter.paint(Rng.stream(seed, generator + "/" + i), height, width);
            for (int p = 0; p < pixels; p++) {
                images[i * pixels + p] = Math.min(1.0, Math.max(0.0, s.image()[p]));
            }
            System.arraycopy(s.mask(), 0, masks, i * pixels, pixels);
            names.add(String.format("%s-%03d", generator, i));
            topologies.add(s.topology());
        }
        return SegmentationSet.of("synthetic", names, height, width, images, masks, topologies);
    }

    /** Adds Gaussian noise of standard deviation {@code sigma} to every pixel. */
    static void addNoise(Rng rng, double[] image, double sigma) {
        for (int i = 0; i < image.length; i++) {
            image[i] += sigma * rng.gaussian();
        }
    }

    /** A slow illumination gradient across the image, amplitude {@code amount}. */
    static void addShading(Rng rng, double[] image, int height, int width, double amount) {
        double angle = rng.uniform(0, 2 * Math.PI);
        double dy = Math.sin(angle) / height;
        double dx = Math.cos(angle) / width;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                image[r * width + c] += amount * ((r - height / 2.0) * dy + (c - width / 2.0) * dx);
            }
        }
    }
}
