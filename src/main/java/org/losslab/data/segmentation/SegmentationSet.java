package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.losslab.data.DataException;

/**
 * Grey images with binary masks, all H×W, immutable: images [N,1,H,W] with values in [0,1], masks [N,H,W] with
 * values in {0,1} (1 = foreground), one unique name per image, the split they came from, and, where known, the
 * topology of each mask.
 */
public final class SegmentationSet {
    private final String split;
    private final List<String> names;
    private final int height;
    private final int width;
    private final double[] images;
    private final byte[] masks;
    private final List<KnownTopology> topologies;

    private SegmentationSet(String split, List<String> names, int height, int width, double[] images, byte[] masks,
            List<KnownTopology> topologies) {
        this.split = split;
        this.names = names;
        this.height = height;
        this.width = width;
        this.images = images;
        this.masks = masks;
        this.topologies = topologies;
    }

    /**
     * A set from row-major arrays (copied).
     *
     * @param images [N,H,W] (the single channel implied), values in [0,1]
     * @param masks [N,H,W], values 0 or 1
     * @param topologies per image, null entries (or a null list) where unknown
     * @throws DataException naming the image and pixel of the first value out of range or mask value not 0/1
     */
    public static SegmentationSet of(String split, List<String> names, int height, int width, double[] images,
            double[] masks, List<KnownTopology> topologies) {
        if (split == null || split.isBlank()) {
            throw new DataException("a segmentation set needs a split name (e.g. train)");
        }
        if (height < 2 || width < 2) {
            throw new DataException("segmentation images must be at least 2×2 pixels; split '" + split + "' has "
                    + height + "×" + width);
        }
        int n = names.size();
        if (n == 0) {
            throw new DataException("segmentation set '" + split + "' has no images");
        }
        Set<String> unique = new HashSet<>();
        for (String name : names) {
            if (!unique.add(name)) {
                throw new DataException("segmentation set '" + split + "' names two images '" + name + "'");
            }
        }
        int pixels = height * width;
        if (images.length != (long) n * pixels || masks.length != (long) n * pixels) {
            throw new DataException("segmentation set '" + split + "' has " + n + " names of " + height + "×" + width
                    + " images, so " + (long) n * pixels + " values each, but " + images.length + " image and "
                    + masks.length + " mask values");
        }
        if (topologies != null && topologies.size() != n) {
            throw new DataException("segmentation set '" + split + "' has " + topologies.size() + " topologies for "
                    + n + " images");
        }
        byte[] m = new byte[masks.length];
        for (int i = 0; i < images.length; i++) {
            double v = images[i];
            if (!(v >= 0 && v <= 1)) {
                throw new DataException("image '" + names.get(i / pixels) + "' has value " + v + " at " + where(i % pixels, width)
                        + "; images must be in [0, 1]");
            }
            double mv = masks[i];
            if (mv != 0 && mv != 1) {
                throw new DataException("mask of '" + names.get(i / pixels) + "' has value " + mv + " at "
                        + where(i % pixels, width) + "; masks must be 0 or 1");
            }
            m[i] = (byte) mv;
        }
        List<KnownTopology> t = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t.add(topologies == null ? null : topologies.get(i));
        }
        return new SegmentationSet(split, List.copyOf(names), height, width, images.clone(), m,
                java.util.Collections.unmodifiableList(t));
    }

    static String where(int pixel, int width) {
        return "row " + pixel / width + ", column " + pixel % width;
    }

    public String split() {
        return split;
    }

    /** Number of images N. */
    public int size() {
        return names.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public List<String> names() {
        return names;
    }

    public String name(int index) {
        return names.get(check(index));
    }

    /** Image {@code index} as a copy [H,W], values in [0,1]. */
    public double[] image(int index) {
        int p = height * width;
        return Arrays.copyOfRange(images, check(index) * p, (index + 1) * p);
    }

    /** Mask {@code index} as a copy [H,W], values 0 or 1. */
    public double[] mask(int index) {
        int p = height * width;
        double[] out = new double[p];
        int from = check(index) * p;
        for (int i = 0; i < p; i++) {
            out[i] = masks[from + i];
        }
        return out;
    }

    public double pixel(int index, int row, int column) {
        return images[offset(index, row, column)];
    }

    public boolean foreground(int index, int row, int column) {
        return masks[offset(index, row, column)] == 1;
    }

    /** Foreground pixels of mask {@code index}. */
    public int foregroundCount(int index) {
        int p = height * width;
        int from = check(index) * p;
        int count = 0;
        for (int i = 0; i < p; i++) {
            count += masks[from + i];
        }
        return count;
    }

    /** The topology of mask {@code index} when its source knows it (by construction or a record), else empty. */
    public Optional<KnownTopology> topology(int index) {
        return Optional.ofNullable(topologies.get(check(index)));
    }

    /** All images as one row-major array of shape {@link #imagesShape()} [N,1,H,W]. */
    public double[] imagesData() {
        return images.clone();
    }

    public int[] imagesShape() {
        return new int[] {size(), 1, height, width};
    }

    /** All masks as one row-major array of shape [N,H,W]. */
    public double[] masksData() {
        double[] out = new double[masks.length];
        for (int i = 0; i < masks.length; i++) {
            out[i] = masks[i];
        }
        return out;
    }

    public int[] masksShape() {
        return new int[] {size(), height, width};
    }

    /** The images at {@code indices}, in that order (names must stay unique, so no repeats). */
    public SegmentationSet subset(int... indices) {
        int p = height * width;
        List<String> n = new ArrayList<>();
        double[] im = new double[indices.length * p];
        double[] ma = new double[indices.length * p];
        List<KnownTopology> t = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            int i = check(indices[k]);
            n.add(names.get(i));
            System.arraycopy(images, i * p, im, k * p, p);
            for (int j = 0; j < p; j++) {
                ma[k * p + j] = masks[i * p + j];
            }
            t.add(topologies.get(i));
        }
        return of(split, n, height, width, im, ma, t);
    }

    private int check(int index) {
        if (index < 0 || index >= names.size()) {
            throw new IndexOutOfBoundsException("image " + index + " of a set of " + names.size());
        }
        return index;
    }

    private int offset(int index, int row, int column) {
        if (row < 0 || row >= height || column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + column + ") of a " + height + "×" + width + " image");
        }
        return (check(index) * height + row) * width + column;
    }

    @Override
    public String toString() {
        return "SegmentationSet[" + split + ": " + size() + " images " + height + "×" + width + "]";
    }
}
