package org.losslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled classification data set, immutable and engine-free: what every loader and generator produces and what a
 * training loop draws its batches from.
 *
 * <p>Features are one row-major {@code double[]} of {@code size() × featureSize()} values. Each example keeps its
 * natural shape ({@code [2]} for points in the plane, {@code [1, 8, 8]} or {@code [1, 28, 28]} for grey images), so a
 * CNN can use it as it is while an MLP simply reads the same row as a flat vector. Labels are class indices in
 * {@code [0, numClasses)}.
 *
 * <p>Everything is checked once, here, so that no later stage has to: a NaN that reaches a loss shows up as a
 * mysterious divergence many steps later, while here it is "feature 3 of row 17 is NaN". Arrays are copied in and
 * out; nothing a caller holds can change a data set.
 */
public final class Dataset {
    private final String name;
    private final int[] featureShape;
    private final int featureSize;
    private final double[] features;
    private final int[] labels;
    private final int numClasses;
    private final List<String> classNames;
    private final String source;

    /**
     * Checks and copies everything.
     *
     * @param name short name for messages and the UI, e.g. {@code spirals (train)}
     * @param featureShape shape of one example, every dimension at least 1
     * @param features {@code labels.length × prod(featureShape)} finite values, row-major
     * @param labels class index of each example, in {@code [0, numClasses)}
     * @param numClasses at least 1 (some classes may have no example in a small subset)
     * @param classNames one name per class, or {@code null} for {@code "0", "1", …}
     * @param source where the data came from: attribution for bundled data, the file for a user's, the generator and
     *     seed for synthetic data
     * @throws DataException naming the first problem found
     */
    public Dataset(String name, int[] featureShape, double[] features, int[] labels, int numClasses,
            List<String> classNames, String source) {
        this(name, featureShape == null ? null : featureShape.clone(), features == null ? null : features.clone(),
                labels == null ? null : labels.clone(), numClasses, classNames, source, true);
    }

    /** Shorthand with class names {@code "0", "1", …} and no source. */
    public static Dataset of(String name, int[] featureShape, double[] features, int[] labels, int numClasses) {
        return new Dataset(name, featureShape, features, labels, numClasses, null, "");
    }

    /**
     * For loaders in this package that built fresh arrays themselves and hand them over: checked, not copied (an
     * MNIST training set is 50 MB of doubles).
     */
    static Dataset adopt(String name, int[] featureShape, double[] features, int[] labels, int numClasses,
            List<String> classNames, String source) {
        return new Dataset(name, featureShape, features, labels, numClasses, classNames, source, true);
    }

    /** Checks; {@code owned} only tells this overload apart: the arrays are already this object's to keep. */
    private Dataset(String name, int[] featureShape, double[] features, int[] labels, int numClasses,
            List<String> classNames, String source, boolean owned) {
        this.name = name == null || name.isBlank() ? "unnamed" : name;
        String who = "dataset '" + this.name + "': ";
        if (featureShape == null || featureShape.length == 0) {
            throw new DataException(who + "feature shape is missing; use [d] for d numbers per example");
        }
        long fs = 1;
        for (int d : featureShape) {
            if (d < 1) {
                throw new DataException(who + "feature shape " + Arrays.toString(featureShape)
                        + " has a dimension below 1");
            }
            fs *= d;
        }
        if (fs > Integer.MAX_VALUE) {
            throw new DataException(who + "feature shape " + Arrays.toString(featureShape) + " is too large");
        }
        if (features == null || labels == null) {
            throw new DataException(who + (features == null ? "features are missing" : "labels are missing"));
        }
        if (labels.length == 0) {
            throw new DataException(who + "is empty: it has no examples");
        }
        if ((long) labels.length * fs != features.length) {
            throw new DataException(who + labels.length + " labels need " + (long) labels.length * fs
                    + " feature values (" + labels.length + " × " + fs + " for shape " + Arrays.toString(featureShape)
                    + "), found " + features.length);
        }
        if (numClasses < 1) {
            throw new DataException(who + "numClasses is " + numClasses + "; it must be at least 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DataException(who + "label of row " + i + " is " + labels[i] + ", outside [0, " + numClasses
                        + ")");
            }
        }
        int f = (int) fs;
        for (int i = 0; i < features.length; i++) {
            double v = features[i];
            if (!Double.isFinite(v)) {
                throw new DataException(who + "feature " + (i % f) + " of row " + (i / f) + " is "
                        + (Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity"));
            }
        }
        List<String> names;
        if (classNames == null) {
            names = new ArrayList<>(numClasses);
            for (int c = 0; c < numClasses; c++) {
                names.add(Integer.toString(c));
            }
        } else {
            if (classNames.size() != numClasses) {
                throw new DataException(who + classNames.size() + " class names given for " + numClasses
                        + " classes");
            }
            for (String n : classNames) {
                if (n == null) {
                    throw new DataException(who + "a class name is null");
                }
            }
            names = classNames;
        }
        this.featureShape = featureShape;
        this.featureSize = f;
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(names);
        this.source = source == null ? "" : source;
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Shape of one example (a copy), e.g. {@code [2]} or {@code [1, 28, 28]}. */
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** Numbers per example: the product of {@link #featureShape()}, what an MLP's input layer needs. */
    public int featureSize() {
        return featureSize;
    }

    public int numClasses() {
        return numClasses;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Attribution, file or generator this data came from; shown in the dataset info. */
    public String source() {
        return source;
    }

    /** True for points in the plane (feature shape {@code [2]}): the decision-boundary view can draw them. */
    public boolean isTwoDimensional() {
        return featureShape.length == 1 && featureShape[0] == 2;
    }

    /** All features, row-major (a copy; for large image sets prefer {@link #batch(int[])}). */
    public double[] features() {
        return features.clone();
    }

    /** All labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int row) {
        checkRow(row);
        return labels[row];
    }

    /** Feature {@code column} (flat index within the example) of example {@code row}. */
    public double feature(int row, int column) {
        checkRow(row);
        Objects.checkIndex(column, featureSize);
        return features[row * featureSize + column];
    }

    /** One example's features (a copy). */
    public double[] row(int row) {
        checkRow(row);
        return Arrays.copyOfRange(features, row * featureSize, (row + 1) * featureSize);
    }

    /** The examples at {@code indices}, in that order (repeats allowed), copied into fresh arrays. */
    public Batch batch(int[] indices) {
        double[] x = new double[indices.length * featureSize];
        int[] y = new int[indices.length];
        batchInto(indices, x, y);
        return new Batch(x, y, featureShape.clone());
    }

    /**
     * Copies the examples at {@code indices} into caller-owned arrays, so that a training loop can reuse one buffer
     * for every step instead of allocating per batch.
     *
     * @param x at least {@code indices.length × featureSize()} long
     * @param y at least {@code indices.length} long
     */
    public void batchInto(int[] indices, double[] x, int[] y) {
        if (x.length < indices.length * featureSize || y.length < indices.length) {
            throw new IllegalArgumentException("buffers too small for " + indices.length + " examples of "
                    + featureSize + " features: x has " + x.length + ", y has " + y.length);
        }
        for (int i = 0; i < indices.length; i++) {
            int r = indices[i];
            checkRow(r);
            System.arraycopy(features, r * featureSize, x, i * featureSize, featureSize);
            y[i] = labels[r];
        }
    }

    /** A new data set of the examples at {@code indices}, same classes and source; repeats allowed, not empty. */
    public Dataset subset(int[] indices, String newName) {
        Batch b = batch(indices);
        return new Dataset(newName, featureShape, b.features(), b.labels(), numClasses, classNames, source, true);
    }

    /** {@link #subset(int[], String)} keeping this data set's name. */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    /** The same examples under another name, e.g. {@code spirals (train)}; arrays are shared, not copied. */
    public Dataset withName(String newName) {
        return new Dataset(newName, featureShape, features, labels, numClasses, classNames, source, true);
    }

    /** Labels replaced (e.g. by label noise); features shared, not copied. */
    Dataset withLabels(int[] newLabels) {
        return new Dataset(name, featureShape, features, newLabels.clone(), numClasses, classNames, source, true);
    }

    /** How many examples each class has; index = class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /**
     * The box around the points, for a 2-D data set.
     *
     * @throws IllegalStateException if the examples are not points in the plane
     */
    public BoundingBox boundingBox() {
        if (!isTwoDimensional()) {
            throw new IllegalStateException("dataset '" + name + "' has feature shape " + Arrays.toString(featureShape)
                    + "; a bounding box needs 2-D points [2]");
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < features.length; i += 2) {
            minX = Math.min(minX, features[i]);
            maxX = Math.max(maxX, features[i]);
            minY = Math.min(minY, features[i + 1]);
            maxY = Math.max(maxY, features[i + 1]);
        }
        return new BoundingBox(minX, minY, maxX, maxY);
    }

    /** Package-internal read access without a copy, for loaders and splitters that only read. */
    double[] featuresView() {
        return features;
    }

    int[] labelsView() {
        return labels;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= labels.length) {
            throw new IndexOutOfBoundsException("row " + row + " of dataset '" + name + "' with " + labels.length
                    + " rows");
        }
    }

    /** Same shape, classes, names, source and identical feature and label values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && numClasses == d.numClasses
                && Arrays.equals(featureShape, d.featureShape) && Arrays.equals(labels, d.labels)
                && Arrays.equals(features, d.features) && classNames.equals(d.classNames) && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numClasses, Arrays.hashCode(featureShape), Arrays.hashCode(labels),
                Arrays.hashCode(features));
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + size() + " × " + Arrays.toString(featureShape) + ", " + numClasses
                + " classes]";
    }
}
