package org.losslab.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DataSource} hands to training: a training set, a validation set that the run reports on while it
 * trains, and, where the data has one, a held-out test set (e.g. MNIST's t10k files) that is looked at only at the end.
 * All parts share feature shape and classes (or, for regression, target dimensions).
 */
public record DataSplit(Dataset train, Dataset validation, Optional<Dataset> test) {

    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        test = test == null ? Optional.empty() : test;
        checkCompatible(train, validation);
        test.ifPresent(t -> checkCompatible(train, t));
    }

    /** Train and validation only. */
    public DataSplit(Dataset train, Dataset validation) {
        this(train, validation, Optional.empty());
    }

    /**
     * Splits one data set by a seeded, stratified shuffle (every class keeps its share in every part).
     *
     * @param validationFraction share of all examples for validation, in (0, 1); at least one example
     * @param testFraction share of all examples for test, in [0, 1); 0 means no test set
     * @throws DataException if there are too few examples to give each part at least one
     */
    public static DataSplit stratified(Dataset all, double validationFraction, double testFraction, long seed) {
        if (all.isRegression()) {
            throw new IllegalArgumentException("dataset '" + all.name() + "' has regression targets: a stratified "
                    + "split needs class labels");
        }
        if (!(validationFraction > 0 && validationFraction < 1) || !(testFraction >= 0 && testFraction < 1)
                || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions must leave room for training: validation "
                    + validationFraction + ", test " + testFraction);
        }
        int n = all.size();
        int nTest = testFraction > 0 ? Math.max(1, (int) Math.round(n * testFraction)) : 0;
        int nVal = Math.max(1, (int) Math.round(n * validationFraction));
        if (n - nTest - nVal < 1) {
            throw new DataException("dataset '" + all.name() + "' has " + n + " examples: too few to split into "
                    + (nTest > 0 ? "train, validation and test" : "train and validation"));
        }
        Rng rng = Rng.stream(seed, "split");
        int[] labels = all.labelsView();
        int[] rest = Splits.range(n);
        Optional<Dataset> test = Optional.empty();
        if (nTest > 0) {
            int[][] t = Splits.stratifiedPick(labels, all.numClasses(), rest, nTest, rng);
            test = Optional.of(all.subset(t[0], all.name() + " (test)"));
            rest = t[1];
        }
        int[][] v = Splits.stratifiedPick(labels, all.numClasses(), rest, nVal, rng);
        return new DataSplit(all.subset(v[1], all.name() + " (train)"), all.subset(v[0], all.name() + " (validation)"),
                test);
    }

    /** The box around every part's points, so train and validation plot on the same axes (2-D data only). */
    public BoundingBox boundingBox() {
        BoundingBox box = train.boundingBox().union(validation.boundingBox());
        return test.map(t -> box.union(t.boundingBox())).orElse(box);
    }

    private static void checkCompatible(Dataset a, Dataset b) {
        if (a.task() != b.task() || a.targetDims() != b.targetDims()) {
            throw new DataException("'" + a.name() + "' and '" + b.name() + "' do not fit together: "
                    + a.task().id() + " with " + a.targetDims() + " target values and " + b.task().id() + " with "
                    + b.targetDims());
        }
        if (!Arrays.equals(a.featureShape(), b.featureShape()) || a.numClasses() != b.numClasses()) {
            throw new DataException("'" + a.name() + "' and '" + b.name() + "' do not fit together: shapes "
                    + Arrays.toString(a.featureShape()) + " and " + Arrays.toString(b.featureShape()) + ", "
                    + a.numClasses() + " and " + b.numClasses() + " classes");
        }
    }
}
