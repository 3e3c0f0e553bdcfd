package org.losslab.calibration;

import java.util.Arrays;
import java.util.Random;
import org.losslab.data.Batch;

/**
 * A change of the classifier's inputs, applied to a whole batch in plain Java: a view of CA calibration or the
 * distribution shift of the test set. Two kinds of example are understood: 2-D points (shape [2]) and images
 * (shape [C,H,W]); see {@link #supports(int[])}. Labels pass through unchanged.
 */
@FunctionalInterface
public interface InputTransform {

    /** A new batch; {@code batch} is not modified. */
    Batch apply(Batch batch);

    /** True for 2-D points [2] and images [C,H,W], the inputs the geometric transforms know how to move. */
    static boolean supports(int[] featureShape) {
        return isPoint(featureShape) || featureShape.length == 3;
    }

    private static boolean isPoint(int[] shape) {
        return shape.length == 1 && shape[0] == 2;
    }

    /** Leaves the inputs as they are. */
    static InputTransform identity() {
        return b -> b;
    }

    /** Applies {@code this}, then {@code next}. */
    default InputTransform then(InputTransform next) {
        return b -> next.apply(apply(b));
    }

    /**
     * Adds independent N(0, σ²) noise to every feature (jitter of points, pixel noise of images), drawn from a
     * {@link Random} seeded with {@code seed}, so the same batch always gets the same noise.
     */
    static InputTransform gaussianNoise(double sigma, long seed) {
        return b -> {
            if (sigma == 0) {
                return b;
            }
            Random rng = new Random(seed);
            double[] x = b.features().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += sigma * rng.nextGaussian();
            }
            return new Batch(x, b.labels(), b.featureShape());
        };
    }

    /**
     * Rotates counter-clockwise by {@code degrees}: points about the origin, images about their centre (bilinear
     * interpolation, 0 outside the frame, the background of the bundled digit images).
     */
    static InputTransform rotation(double degrees) {
        return b -> {
            if (degrees == 0) {
                return b;
            }
            double cos = Math.cos(Math.toRadians(degrees));
            double sin = Math.sin(Math.toRadians(degrees));
            int[] shape = requireSupported(b.featureShape(), "rotation");
            double[] x = b.features();
            double[] out = new double[x.length];
            if (isPoint(shape)) {
                for (int i = 0; i < x.length; i += 2) {
                    out[i] = cos * x[i] - sin * x[i + 1];
                    out[i + 1] = sin * x[i] + cos * x[i + 1];
                }
            } else {
                rotateImages(x, out, shape, cos, sin);
            }
            return new Batch(out, b.labels(), b.featureShape());
        };
    }

    /**
     * Scales by {@code factor}: points away from the origin (further from the class centres' middle, where the
     * classifier is more sure), images' intensities about each image's mean (a contrast change).
     */
    static InputTransform scaling(double factor) {
        return b -> {
            if (factor == 1) {
                return b;
            }
            int[] shape = requireSupported(b.featureShape(), "scaling");
            double[] x = b.features();
            double[] out = new double[x.length];
            if (isPoint(shape)) {
                for (int i = 0; i < x.length; i++) {
                    out[i] = factor * x[i];
                }
            } else {
                int size = shape[0] * shape[1] * shape[2];
                for (int from = 0; from < x.length; from += size) {
                    double mean = 0;
                    for (int j = 0; j < size; j++) {
                        mean += x[from + j] / size;
                    }
                    for (int j = 0; j < size; j++) {
                        out[from + j] = mean + factor * (x[from + j] - mean);
                    }
                }
            }
            return new Batch(out, b.labels(), b.featureShape());
        };
    }

    private static int[] requireSupported(int[] shape, String what) {
        if (!supports(shape)) {
            throw new IllegalArgumentException(what + " needs 2-D points [2] or images [C,H,W], got examples of shape "
                    + Arrays.toString(shape));
        }
        return shape;
    }

    /**
     * Output pixel (r, c) reads the input at the inverse rotation of its position about the centre; every channel
     * plane of every image turns alike.
     */
    private static void rotateImages(double[] x, double[] out, int[] shape, double cos, double sin) {
        int h = shape[1];
        int w = shape[2];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        int plane = h * w;
        for (int base = 0; base < x.length; base += plane) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double dx = c - cx;
                    double dy = cy - r; // image rows grow downwards; rotate in the usual upward-y frame
                    double sx = cos * dx + sin * dy;
                    double sy = -sin * dx + cos * dy;
                    out[base + r * w + c] = bilinear(x, base, h, w, cy - sy, cx + sx);
                }
            }
        }
    }

    private static double bilinear(double[] x, int base, int h, int w, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        return (1 - fr) * ((1 - fc) * pixel(x, base, h, w, r0, c0) + fc * pixel(x, base, h, w, r0, c0 + 1))
                + fr * ((1 - fc) * pixel(x, base, h, w, r0 + 1, c0) + fc * pixel(x, base, h, w, r0 + 1, c0 + 1));
    }

    private static double pixel(double[] x, int base, int h, int w, int r, int c) {
        return r < 0 || r >= h || c < 0 || c >= w ? 0 : x[base + r * w + c];
    }
}
