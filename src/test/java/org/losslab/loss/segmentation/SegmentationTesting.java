package org.losslab.loss.segmentation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;

/**
 * Shared fixtures of the segmentation loss tests: the LOSSES.md "dice image", random inputs, and naive plain-Java
 * references (loops over pixels, clipped windows) that the tensor code is checked against.
 */
final class SegmentationTesting {
    private SegmentationTesting() {}

    static Stream<String> engines() {
        return LossTesting.engines().stream();
    }

    /** The LOSSES.md `dice` example: 5×7, ground truth = row 2; P_fg = .05 off the row, row = [.9,.9,.9,.2,.9,.9,.9]. */
    static final int DICE_H = 5;
    static final int DICE_W = 7;

    static double[] diceImageForeground() {
        double[] p = new double[DICE_H * DICE_W];
        java.util.Arrays.fill(p, 0.05);
        double[] row = {.9, .9, .9, .2, .9, .9, .9};
        System.arraycopy(row, 0, p, 2 * DICE_W, DICE_W);
        return p;
    }

    static double[] diceImageTarget() {
        double[] y = new double[DICE_H * DICE_W];
        for (int c = 0; c < DICE_W; c++) {
            y[2 * DICE_W + c] = 1;
        }
        return y;
    }

    /**
     * Two-channel logits [1,2,H,W] = [0, log(p/(1−p))] per pixel, whose softmax foreground is exactly p, with the
     * target [1,H,W].
     */
    static Map<String, HostArray> twoChannel(double[] foreground, double[] target, int h, int w) {
        int pixels = h * w;
        int n = foreground.length / pixels;
        double[] z = new double[n * 2 * pixels];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < pixels; p++) {
                double f = foreground[i * pixels + p];
                z[(i * 2 + 1) * pixels + p] = Math.log(f / (1 - f));
            }
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.wrap(z, n, 2, h, w));
        in.put("target", HostArray.of(target, n, h, w));
        return in;
    }

    static Map<String, HostArray> diceImage() {
        return twoChannel(diceImageForeground(), diceImageTarget(), DICE_H, DICE_W);
    }

    static double[] uniform(Random r, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    static double[] binary(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? 1 : 0;
        }
        return v;
    }

    /** Random logits [n,c,h,w] in [−3,3] and class indices [n,h,w]. */
    static Map<String, HostArray> randomLogits(long seed, int n, int c, int h, int w) {
        Random r = new Random(seed);
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("logits", HostArray.wrap(uniform(r, -3, 3, n * c * h * w), n, c, h, w));
        double[] y = new double[n * h * w];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(c);
        }
        in.put("target", HostArray.wrap(y, n, h, w));
        return in;
    }

    /** softmax over the channels of image i, pixel p, from logits [n,c,h,w]. */
    static double[] softmaxAt(HostArray logits, int i, int p) {
        int c = logits.dim(1);
        int pixels = logits.dim(2) * logits.dim(3);
        double[] z = new double[c];
        for (int k = 0; k < c; k++) {
            z[k] = logits.data()[(i * c + k) * pixels + p];
        }
        return LossTesting.softmax(z);
    }

    /** Foreground (channel 1) probabilities of image i, row-major [h·w]. */
    static double[] foreground(HostArray logits, int i) {
        int pixels = logits.dim(2) * logits.dim(3);
        double[] f = new double[pixels];
        for (int p = 0; p < pixels; p++) {
            f[p] = softmaxAt(logits, i, p)[1];
        }
        return f;
    }

    /** Image i of an [n,h,w] array. */
    static double[] image(HostArray x, int i) {
        int pixels = x.dim(1) * x.dim(2);
        double[] out = new double[pixels];
        System.arraycopy(x.data(), i * pixels, out, 0, pixels);
        return out;
    }

    // ---- naive morphology: clipped windows, plain loops ----------------------------------------------------------

    /** Minimum (or maximum) over the window dRows × dCols centred at each pixel, clipped at the border. */
    static double[] filter(double[] x, int h, int w, int halfRows, int halfCols, boolean max) {
        double[] out = new double[x.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int rr = Math.max(0, r - halfRows); rr <= Math.min(h - 1, r + halfRows); rr++) {
                    for (int cc = Math.max(0, c - halfCols); cc <= Math.min(w - 1, c + halfCols); cc++) {
                        best = max ? Math.max(best, x[rr * w + cc]) : Math.min(best, x[rr * w + cc]);
                    }
                }
                out[r * w + c] = best;
            }
        }
        return out;
    }

    static double[] erode(double[] x, int h, int w) {
        double[] vertical = filter(x, h, w, 1, 0, false);
        double[] horizontal = filter(x, h, w, 0, 1, false);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(vertical[i], horizontal[i]);
        }
        return out;
    }

    static double[] dilate(double[] x, int h, int w) {
        return filter(x, h, w, 1, 1, true);
    }

    static double[] softSkeleton(double[] x, int h, int w, int iterations) {
        double[] skeleton = new double[x.length];
        double[] open = dilate(erode(x, h, w), h, w);
        for (int i = 0; i < x.length; i++) {
            skeleton[i] = Math.max(0, x[i] - open[i]);
        }
        double[] current = x;
        for (int k = 0; k < iterations; k++) {
            current = erode(current, h, w);
            double[] opened = dilate(erode(current, h, w), h, w);
            for (int i = 0; i < x.length; i++) {
                double delta = Math.max(0, current[i] - opened[i]);
                skeleton[i] += Math.max(0, delta - skeleton[i] * delta);
            }
        }
        return skeleton;
    }

    /** TopoMortar's negative Dice of one image from per-class probabilities [c][pixels] and labels [pixels]. */
    static double negativeDice(double[][] probabilities, double[] labels) {
        int classes = probabilities.length;
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double overlap = 0;
            double total = 0;
            for (int p = 0; p < labels.length; p++) {
                double y = labels[p] == k ? 1 : 0;
                overlap += probabilities[k][p] * y;
                total += probabilities[k][p] + y;
            }
            sum += (2 * overlap + 1e-5) / (total + 1e-5);
        }
        return -sum / classes;
    }

    /** Per-class probabilities [c][pixels] of image i. */
    static double[][] classProbabilities(HostArray logits, int i) {
        int c = logits.dim(1);
        int pixels = logits.dim(2) * logits.dim(3);
        double[][] out = new double[c][pixels];
        for (int p = 0; p < pixels; p++) {
            double[] s = softmaxAt(logits, i, p);
            for (int k = 0; k < c; k++) {
                out[k][p] = s[k];
            }
        }
        return out;
    }

    /** Mean over pixels of −log P_y for image i. */
    static double crossEntropy(HostArray logits, HostArray target, int i) {
        int pixels = logits.dim(2) * logits.dim(3);
        double[] y = image(target, i);
        double sum = 0;
        for (int p = 0; p < pixels; p++) {
            sum -= Math.log(softmaxAt(logits, i, p)[(int) y[p]]);
        }
        return sum / pixels;
    }
}
