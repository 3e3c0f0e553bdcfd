package org.losslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A split by class as well as by sample: metric learning is judged on classes the model never saw. The last
 * {@code heldOut} classes (by index) are held out; the model trains on the rows of the other classes only.
 *
 * @param seenClasses the classes trained on, ascending
 * @param heldOutClasses the classes kept for evaluation, ascending
 */
public record ClassHoldOut(int[] seenClasses, int[] heldOutClasses) {
    /** At least two classes on either side: a positive pair needs a class, a negative a second one. */
    public static final int MIN_CLASSES_PER_SIDE = 2;

    public ClassHoldOut {
        seenClasses = seenClasses.clone();
        heldOutClasses = heldOutClasses.clone();
    }

    /**
     * Holds out the last {@code heldOut} of {@code numClasses} classes.
     *
     * @throws IllegalArgumentException naming {@code heldOutClasses} when either side would have fewer than two
     */
    public static ClassHoldOut lastClasses(int numClasses, int heldOut) {
        if (heldOut < MIN_CLASSES_PER_SIDE || numClasses - heldOut < MIN_CLASSES_PER_SIDE) {
            throw new IllegalArgumentException("heldOutClasses must leave at least " + MIN_CLASSES_PER_SIDE
                    + " classes on each side: between " + MIN_CLASSES_PER_SIDE + " and "
                    + (numClasses - MIN_CLASSES_PER_SIDE) + " for " + numClasses + " classes, got " + heldOut);
        }
        int[] seen = new int[numClasses - heldOut];
        int[] held = new int[heldOut];
        for (int c = 0; c < numClasses; c++) {
            if (c < seen.length) {
                seen[c] = c;
            } else {
                held[c - seen.length] = c;
            }
        }
        return new ClassHoldOut(seen, held);
    }

    @Override
    public int[] seenClasses() {
        return seenClasses.clone();
    }

    @Override
    public int[] heldOutClasses() {
        return heldOutClasses.clone();
    }

    public boolean isHeldOut(int label) {
        return Arrays.binarySearch(heldOutClasses, label) >= 0;
    }

    /** The rows of {@code data} whose class was seen in training (labels keep their original indices). */
    public Dataset seen(Dataset data) {
        return rows(data, false, data.name() + " (seen classes)");
    }

    /** The rows of {@code data} of the held-out classes. */
    public Dataset heldOut(Dataset data) {
        return rows(data, true, data.name() + " (held-out classes)");
    }

    /**
     * Every row of the held-out classes in the whole split (train, validation and test pooled: none of them is
     * trained on), at most {@code limit} of them, taken evenly through the pool so every class keeps its share.
     */
    public Dataset pooledHeldOut(DataSplit split, int limit) {
        List<Dataset> parts = new ArrayList<>();
        parts.add(split.train());
        parts.add(split.validation());
        split.test().ifPresent(parts::add);
        int total = 0;
        for (Dataset d : parts) {
            total += count(d, true);
        }
        if (total == 0) {
            throw new IllegalArgumentException("the data has no rows of the held-out classes "
                    + Arrays.toString(heldOutClasses));
        }
        Dataset first = parts.get(0);
        int width = first.featureSize();
        int keep = Math.min(limit, total);
        double[] features = new double[keep * width];
        int[] labels = new int[keep];
        int seenSoFar = 0;
        int kept = 0;
        for (Dataset d : parts) {
            for (int r = 0; r < d.size() && kept < keep; r++) {
                if (!isHeldOut(d.label(r))) {
                    continue;
                }
                // Keep row number seenSoFar when it reaches the next of keep evenly spaced marks.
                if ((long) seenSoFar * keep / total == kept) {
                    System.arraycopy(d.features(), r * width, features, kept * width, width);
                    labels[kept++] = d.label(r);
                }
                seenSoFar++;
            }
        }
        return new Dataset(first.name() + " (held-out classes)", first.featureShape(), Arrays.copyOf(features,
                kept * width), Arrays.copyOf(labels, kept), first.numClasses(), first.classNames(), first.source());
    }

    private Dataset rows(Dataset data, boolean held, String name) {
        int[] idx = new int[count(data, held)];
        int k = 0;
        for (int r = 0; r < data.size(); r++) {
            if (isHeldOut(data.label(r)) == held) {
                idx[k++] = r;
            }
        }
        return data.subset(idx, name);
    }

    private int count(Dataset data, boolean held) {
        int n = 0;
        for (int r = 0; r < data.size(); r++) {
            if (isHeldOut(data.label(r)) == held) {
                n++;
            }
        }
        return n;
    }
}
