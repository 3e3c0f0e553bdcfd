package org.losslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A data set, immutable and engine-free: what every loader and generator produces and what a training loop draws its
 * batches from. Either labelled for classification or with real-valued targets for regression ({@link #task()}).
 *
 * <p>Features are one row-major {@code double[]} of {@code size() × featureSize()} values. Each example keeps its
 * natural shape ({@code [2]} for points in the plane, {@code [1, 8, 8]} or {@code [1, 28, 28]} for grey images), so a
 * CNN can use it as it is while an MLP simply reads the same row as a flat vector. For classification, labels are
 * class indices in {@code [0, numClasses)}. For regression, targets are one row-major {@code double[]} of
 * {@code size() × targetDims()} values; there are no classes ({@link #numClasses()} is 0, every label 0), and rows
 * whose target was deliberately corrupted (injected outliers) can be marked so views can show them.
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
    /** Regression targets [size × targetDims], row-major; null for classification. */
    private final double[] targets;
    private final int targetDims;
    /** Regression rows whose target is an injected outlier; null when none is marked. */
    private final boolean[] outliers;

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

    /**
     * A regression data set: real-valued targets instead of labels. Checks and copies everything.
     *
     * @param featureShape shape of one example, every dimension at least 1
     * @param features {@code n × prod(featureShape)} finite values, row-major
     * @param targets {@code n × targetDims} finite values, row-major
     * @param targetDims values per example, at least 1
     * @param outliers per row, whether its target is an injected outlier; {@code null} when none is marked
     * @param source the generator and seed, or the file
     * @throws DataException naming the first problem found
     */
    public static Dataset regression(String name, int[] featureShape, double[] features, double[] targets,
            int targetDims, boolean[] outliers, String source) {
        return new Dataset(name, featureShape == null ? null : featureShape.clone(),
                features == null ? null : features.clone(), targets == null ? null : targets.clone(), targetDims,
                outliers == null ? null : outliers.clone(), source);
    }

    /** {@link #regression} for generators in this package that hand over fresh arrays: checked, not copied. */
    static Dataset adoptRegression(String name, int[] featureShape, double[] features, double[] targets,
            int targetDims, boolean[] outliers, String source) {
        return new Dataset(name, featureShape, features, targets, targetDims, outliers, source);
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
        if (features != null && labels == null) {
            throw new DataException(who + "labels are missing");
        }
        int f = checkFeatures(who, featureShape, features, labels == null ? 0 : labels.length, "labels");
        if (numClasses < 1) {
            throw new DataException(who + "numClasses is " + numClasses + "; it must be at least 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DataException(who + "label of row " + i + " is " + labels[i] + ", outside [0, " + numClasses
                        + ")");
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
        this.targets = null;
        this.targetDims = 0;
        this.outliers = null;
    }

    /** The regression form: checks, and keeps the arrays it is given. */
    private Dataset(String name, int[] featureShape, double[] features, double[] targets, int targetDims,
            boolean[] outliers, String source) {
        this.name = name == null || name.isBlank() ? "unnamed" : name;
        String who = "dataset '" + this.name + "': ";
        if (targetDims < 1) {
            throw new DataException(who + "targetDims is " + targetDims + "; a regression target has at least 1 value");
        }
        if (features != null && targets == null) {
            throw new DataException(who + "targets are missing");
        }
        if (targets != null && targets.length % targetDims != 0) {
            throw new DataException(who + targets.length + " target values do not make whole rows of " + targetDims);
        }
        int n = targets == null ? 0 : targets.length / targetDims;
        int f = checkFeatures(who, featureShape, features, n, "target rows");
        for (int i = 0; i < targets.length; i++) {
            double v = targets[i];
            if (!Double.isFinite(v)) {
                throw new DataException(who + "target " + (i % targetDims) + " of row " + (i / targetDims) + " is "
                        + describe(v));
            }
        }
        if (outliers != null && outliers.length != n) {
            throw new DataException(who + outliers.length + " outlier marks given for " + n + " rows");
        }
        this.featureShape = featureShape;
        this.featureSize = f;
        this.features = features;
        this.labels = new int[n];
        this.numClasses = 0;
        this.classNames = List.of();
        this.source = source == null ? "" : source;
        this.targets = targets;
        this.targetDims = targetDims;
        this.outliers = outliers;
    }

    /**
     * Checks the feature shape and values for {@code rows} examples; {@code rowsFrom} names what the row count came
     * from (labels or targets).
     *
     * @return values per example
     */
    private static int checkFeatures(String who, int[] featureShape, double[] features, int rows, String rowsFrom) {
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
        if (features == null) {
            throw new DataException(who + "features are missing");
        }
        if (rows == 0) {
            throw new DataException(who + "is empty: it has no examples");
        }
        if ((long) rows * fs != features.length) {
            throw new DataException(who + rows + " " + rowsFrom + " need " + (long) rows * fs
                    + " feature values (" + rows + " × " + fs + " for shape " + Arrays.toString(featureShape)
                    + "), found " + features.length);
        }
        int f = (int) fs;
        for (int i = 0; i < features.length; i++) {
            double v = features[i];
            if (!Double.isFinite(v)) {
                throw new DataException(who + "feature " + (i % f) + " of row " + (i / f) + " is " + describe(v));
            }
        }
        return f;
    }

    private static String describe(double nonFinite) {
        return Double.isNaN(nonFinite) ? "NaN" : nonFinite > 0 ? "+Infinity" : "-Infinity";
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

    /** Number of classes; 0 for a regression data set. */
    public int numClasses() {
        return numClasses;
    }

    /** Classification or regression. */
    public Task task() {
        return targets == null ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    public boolean isRegression() {
        return targets != null;
    }

    /** Values per regression target ({@code T} of {@code [N, T]}); 0 for classification. */
    public int targetDims() {
        return targetDims;
    }

    /** What a model's output layer needs for this data: one logit per class, or one value per target dimension. */
    public int modelOutputs() {
        return isRegression() ? targetDims : numClasses;
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

    /**
     * All regression targets, row-major {@code [size × targetDims]} (a copy).
     *
     * @throws IllegalStateException for a classification data set
     */
    public double[] targets() {
        requireRegression("targets");
        return targets.clone();
    }

    /** Target value {@code dim} of example {@code row}. */
    public double target(int row, int dim) {
        requireRegression("targets");
        checkRow(row);
        Objects.checkIndex(dim, targetDims);
        return targets[row * targetDims + dim];
    }

    /** The targets of the examples at {@code indices}, in that order: {@code [indices.length × targetDims]}. */
    public double[] targetsOf(int[] indices) {
        requireRegression("targets");
        double[] out = new double[indices.length * targetDims];
        for (int i = 0; i < indices.length; i++) {
            checkRow(indices[i]);
            System.arraycopy(targets, indices[i] * targetDims, out, i * targetDims, targetDims);
        }
        return out;
    }

    /** Whether the target of {@code row} is an injected outlier (always false when none is marked). */
    public boolean isOutlier(int row) {
        checkRow(row);
        return outliers != null && outliers[row];
    }

    /** How many rows are marked as outliers. */
    public int outlierCount() {
        int count = 0;
        if (outliers != null) {
            for (boolean o : outliers) {
                count += o ? 1 : 0;
            }
        }
        return count;
    }

    private void requireRegression(String what) {
        if (targets == null) {
            throw new IllegalStateException("dataset '" + name + "' is a classification data set: it has labels, "
                    + "not regression " + what);
        }
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

    /**
     * A new data set of the examples at {@code indices}, same classes (or targets) and source; repeats allowed, not
     * empty.
     */
    public Dataset subset(int[] indices, String newName) {
        Batch b = batch(indices);
        if (isRegression()) {
            boolean[] marks = null;
            if (outliers != null) {
                marks = new boolean[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    marks[i] = outliers[indices[i]];
                }
            }
            return new Dataset(newName, featureShape, b.features(), targetsOf(indices), targetDims, marks, source);
        }
        return new Dataset(newName, featureShape, b.features(), b.labels(), numClasses, classNames, source, true);
    }

    /** {@link #subset(int[], String)} keeping this data set's name. */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    /** The same examples under another name, e.g. {@code spirals (train)}; arrays are shared, not copied. */
    public Dataset withName(String newName) {
        if (isRegression()) {
            return new Dataset(newName, featureShape, features, targets, targetDims, outliers, source);
        }
        return new Dataset(newName, featureShape, features, labels, numClasses, classNames, source, true);
    }

    /** Labels replaced (e.g. by label noise); features shared, not copied. Classification only. */
    Dataset withLabels(int[] newLabels) {
        if (isRegression()) {
            throw new IllegalStateException("dataset '" + name + "' is a regression data set: it has no labels");
        }
        return new Dataset(name, featureShape, features, newLabels.clone(), numClasses, classNames, source, true);
    }

    /** How many examples each class has; index = class (empty for regression). */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        if (isRegression()) {
            return counts;
        }
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

    /** Same shape, classes, names, source and identical feature, label, target and outlier values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && numClasses == d.numClasses
                && Arrays.equals(featureShape, d.featureShape) && Arrays.equals(labels, d.labels)
                && Arrays.equals(features, d.features) && classNames.equals(d.classNames) && source.equals(d.source)
                && targetDims == d.targetDims && Arrays.equals(targets, d.targets)
                && Arrays.equals(outliers, d.outliers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numClasses, Arrays.hashCode(featureShape), Arrays.hashCode(labels),
                Arrays.hashCode(features), Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        String what = isRegression() ? targetDims + "-D regression targets" : numClasses + " classes";
        return "Dataset[" + name + ": " + size() + " × " + Arrays.toString(featureShape) + ", " + what + "]";
    }
}
