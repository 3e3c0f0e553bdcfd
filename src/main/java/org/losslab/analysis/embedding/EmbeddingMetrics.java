package org.losslab.analysis.embedding;

import java.util.Arrays;
import java.util.Random;

/**
 * Metrics of an embedding, meant for classes the model never trained on: retrieval (recall@k), k-NN accuracy,
 * clustering (NMI of k-means against the labels), a linear probe, and Wang &amp; Isola's alignment and uniformity,
 * Wang &amp; Liu's tolerance and the hardness of negatives. Plain O(N²) loops over primitive arrays: meant for up to a
 * few thousand points.
 *
 * <p>Embeddings are given as rows [N][d]; labels as [N] non-negative class indices.
 */
public final class EmbeddingMetrics {

    /** How neighbours are ranked. */
    public enum Distance {
        /** Euclidean distance between the vectors as given. */
        EUCLIDEAN,
        /** 1 − cosine similarity (the vectors' lengths do not matter). */
        COSINE
    }

    /**
     * A histogram over [lower, upper] in equal bins.
     *
     * @param counts [bins] pairs per bin; the last bin includes the upper edge
     * @param mean mean value over all pairs (NaN when there are none)
     */
    public record Histogram(double lower, double upper, long[] counts, double mean) {
        public Histogram {
            counts = counts.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }
    }

    private EmbeddingMetrics() {}

    /**
     * Leave-one-out retrieval: the fraction of points for which at least one of the k nearest other points has the
     * same label.
     */
    public static double recallAtK(double[][] embeddings, int[] labels, int k, Distance distance) {
        double[] x = prepare(embeddings, labels, distance);
        int n = labels.length;
        checkK(k, n);
        int d = embeddings[0].length;
        int[] nearest = new int[k];
        double[] scratch = new double[k];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            nearestOthers(x, n, d, i, distance, k, nearest, scratch);
            for (int j : nearest) {
                if (labels[j] == labels[i]) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) n;
    }

    /**
     * Leave-one-out k-nearest-neighbour classification accuracy: each point gets the majority label of its k
     * nearest others; a tie goes to the tied label whose member is nearest.
     */
    public static double knnAccuracy(double[][] embeddings, int[] labels, int k, Distance distance) {
        double[] x = prepare(embeddings, labels, distance);
        int n = labels.length;
        checkK(k, n);
        int d = embeddings[0].length;
        int classes = Matrices.checkLabels(labels, n, "labels");
        int[] nearest = new int[k];
        double[] scratch = new double[k];
        int[] votes = new int[classes];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            nearestOthers(x, n, d, i, distance, k, nearest, scratch);
            Arrays.fill(votes, 0);
            int best = -1;
            for (int j : nearest) {
                votes[labels[j]]++;
            }
            // nearest[] is sorted nearest first, so the first label reaching the top count wins ties.
            int top = 0;
            for (int j : nearest) {
                top = Math.max(top, votes[labels[j]]);
            }
            for (int j : nearest) {
                if (votes[labels[j]] == top) {
                    best = labels[j];
                    break;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return correct / (double) n;
    }

    /** Independent k-means++ starts per {@link #kMeans} call; the one with the least inertia wins. */
    public static final int KMEANS_RESTARTS = 10;

    /**
     * k-means (Lloyd) with k-means++ seeding (the first centre uniformly at random, each next one with probability
     * proportional to the squared distance to the nearest centre chosen so far), best of {@link #KMEANS_RESTARTS}
     * starts drawn from {@code seed}: one start can put two centres in one cluster and never recover.
     *
     * @return [N] cluster of each point, 0..k−1
     */
    public static int[] kMeans(double[][] embeddings, int k, long seed, int maxIterations) {
        int d = Matrices.checkRows(embeddings, "embeddings");
        int n = embeddings.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + " (the number of points), got " + k);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        double[] x = Matrices.flatten(embeddings, d);
        Random random = new Random(seed);
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < KMEANS_RESTARTS; restart++) {
            double[] centres = new double[k * d];
            int[] assignment = lloyd(x, n, d, k, random, maxIterations, centres);
            double inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += squared(x, i * d, centres, assignment[i] * d, d);
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = assignment;
            }
        }
        return best;
    }

    /** One k-means++ start and Lloyd iterations; leaves the final centres in {@code centres} [k × d]. */
    private static int[] lloyd(double[] x, int n, int d, int k, Random random, int maxIterations, double[] centres) {
        double[] nearestSquared = new double[n];
        int first = random.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        Arrays.fill(nearestSquared, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearestSquared[i] = Math.min(nearestSquared[i], squared(x, i * d, centres, (c - 1) * d, d));
                total += nearestSquared[i];
            }
            int chosen = n - 1;
            double target = random.nextDouble() * total;
            for (int i = 0; i < n; i++) {
                target -= nearestSquared[i];
                if (target < 0) {
                    chosen = i;
                    break;
                }
            }
            System.arraycopy(x, chosen * d, centres, c * d, d);
        }
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        int[] sizes = new int[k];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = squared(x, i * d, centres, c * d, d);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = c;
                    }
                }
                if (assignment[i] != best) {
                    assignment[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            Arrays.fill(centres, 0);
            Arrays.fill(sizes, 0);
            for (int i = 0; i < n; i++) {
                sizes[assignment[i]]++;
                for (int a = 0; a < d; a++) {
                    centres[assignment[i] * d + a] += x[i * d + a];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < d && sizes[c] > 0; a++) {
                    centres[c * d + a] /= sizes[c];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    // An emptied cluster restarts at the point farthest from its own centre.
                    int far = farthestFromCentre(x, n, d, centres, assignment);
                    System.arraycopy(x, far * d, centres, c * d, d);
                    sizes[c] = 1;
                    sizes[assignment[far]]--;
                    assignment[far] = c;
                }
            }
        }
        return assignment;
    }

    private static int farthestFromCentre(double[] x, int n, int d, double[] centres, int[] assignment) {
        int far = 0;
        double farthest = -1;
        for (int i = 0; i < n; i++) {
            double dist = squared(x, i * d, centres, assignment[i] * d, d);
            if (dist > farthest) {
                farthest = dist;
                far = i;
            }
        }
        return far;
    }

    /**
     * Normalised mutual information of two partitions, I(a; b) / ((H(a) + H(b)) / 2) (the arithmetic normalisation,
     * scikit-learn's default): 1 for the same partition up to renaming, near 0 for independent ones. Two partitions
     * that are each a single block count as identical (1).
     */
    public static double nmi(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("partitions must be non-empty and equally long, got " + a.length + " and "
                    + b.length);
        }
        int n = a.length;
        int ka = Matrices.checkLabels(a, n, "a");
        int kb = Matrices.checkLabels(b, n, "b");
        long[] joint = new long[ka * kb];
        long[] ca = new long[ka];
        long[] cb = new long[kb];
        for (int i = 0; i < n; i++) {
            joint[a[i] * kb + b[i]]++;
            ca[a[i]]++;
            cb[b[i]]++;
        }
        double ha = entropy(ca, n);
        double hb = entropy(cb, n);
        double mi = 0;
        for (int x = 0; x < ka; x++) {
            for (int y = 0; y < kb; y++) {
                long c = joint[x * kb + y];
                if (c > 0) {
                    mi += c / (double) n * Math.log(c * (double) n / (ca[x] * (double) cb[y]));
                }
            }
        }
        if (ha + hb == 0) {
            return 1;
        }
        return Math.max(0, mi / ((ha + hb) / 2));
    }

    /** NMI between the labels and k-means clusters of the embeddings, k = the number of distinct labels. */
    public static double kMeansNmi(double[][] embeddings, int[] labels, long seed) {
        Matrices.checkLabels(labels, embeddings.length, "labels");
        int distinct = (int) Arrays.stream(labels).distinct().count();
        return nmi(labels, kMeans(embeddings, distinct, seed, 300));
    }

    private static double entropy(long[] counts, int n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / (double) n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /**
     * Accuracy on the test set of a multinomial logistic regression fitted on the training set: features
     * standardised with the training mean and standard deviation, weights from {@code steps} full-batch gradient
     * descent steps (rate 0.5, L2 1e-4) on the mean cross-entropy. The classes are those of the training labels.
     */
    public static double linearProbeAccuracy(double[][] train, int[] trainLabels, double[][] test, int[] testLabels,
            int steps) {
        int d = Matrices.checkRows(train, "train");
        if (Matrices.checkRows(test, "test") != d) {
            throw new IllegalArgumentException("test rows have " + test[0].length + " values, train rows " + d);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        int classes = Math.max(Matrices.checkLabels(trainLabels, train.length, "trainLabels"),
                Matrices.checkLabels(testLabels, test.length, "testLabels"));
        int n = train.length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : train) {
            for (int a = 0; a < d; a++) {
                mean[a] += row[a] / n;
            }
        }
        for (double[] row : train) {
            for (int a = 0; a < d; a++) {
                std[a] += (row[a] - mean[a]) * (row[a] - mean[a]) / n;
            }
        }
        for (int a = 0; a < d; a++) {
            std[a] = std[a] > 0 ? Math.sqrt(std[a]) : 1;
        }
        double[] x = standardise(train, mean, std);
        double[] weights = new double[d * classes];
        double[] bias = new double[classes];
        double[] gradW = new double[d * classes];
        double[] gradB = new double[classes];
        double[] probabilities = new double[classes];
        double rate = 0.5;
        double l2 = 1e-4;
        for (int step = 0; step < steps; step++) {
            Arrays.fill(gradW, 0);
            Arrays.fill(gradB, 0);
            for (int i = 0; i < n; i++) {
                softmax(x, i * d, d, weights, bias, classes, probabilities);
                probabilities[trainLabels[i]] -= 1;
                for (int c = 0; c < classes; c++) {
                    double g = probabilities[c] / n;
                    gradB[c] += g;
                    for (int a = 0; a < d; a++) {
                        gradW[a * classes + c] += g * x[i * d + a];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                bias[c] -= rate * gradB[c];
            }
            for (int e = 0; e < weights.length; e++) {
                weights[e] -= rate * (gradW[e] + l2 * weights[e]);
            }
        }
        double[] xt = standardise(test, mean, std);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            softmax(xt, i * d, d, weights, bias, classes, probabilities);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[c] > probabilities[best]) {
                    best = c;
                }
            }
            if (best == testLabels[i]) {
                correct++;
            }
        }
        return correct / (double) test.length;
    }

    private static double[] standardise(double[][] rows, double[] mean, double[] std) {
        int d = mean.length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < d; a++) {
                out[i * d + a] = (rows[i][a] - mean[a]) / std[a];
            }
        }
        return out;
    }

    private static void softmax(double[] x, int offset, int d, double[] weights, double[] bias, int classes,
            double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double logit = bias[c];
            for (int a = 0; a < d; a++) {
                logit += x[offset + a] * weights[a * classes + c];
            }
            out[c] = logit;
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    /**
     * Wang &amp; Isola's alignment: mean ‖f̂(x) − f̂(x⁺)‖² over positive pairs, on L2-normalised vectors (0 when
     * every pair coincides, at most 4).
     *
     * @param anchors [P][d]
     * @param positives [P][d], row i the positive of anchor i
     */
    public static double alignment(double[][] anchors, double[][] positives) {
        int d = Matrices.checkRows(anchors, "anchors");
        if (positives.length != anchors.length || Matrices.checkRows(positives, "positives") != d) {
            throw new IllegalArgumentException("positives must have the anchors' shape " + anchors.length + " × " + d);
        }
        double[] a = normalisedRows(anchors, d);
        double[] p = normalisedRows(positives, d);
        double sum = 0;
        for (int i = 0; i < anchors.length; i++) {
            sum += squared(a, i * d, p, i * d, d);
        }
        return sum / anchors.length;
    }

    /**
     * Uniformity: log of the mean over pairs i &lt; j of exp(−2‖ẑ_i − ẑ_j‖²), ẑ the L2-normalised embeddings;
     * lower is more uniform on the sphere (−4 is the floor, reached only in the limit).
     */
    public static double uniformity(double[][] embeddings) {
        int d = Matrices.checkRows(embeddings, "embeddings");
        int n = embeddings.length;
        if (n < 2) {
            throw new IllegalArgumentException("uniformity needs at least 2 embeddings, got " + n);
        }
        double[] z = normalisedRows(embeddings, d);
        // log-mean-exp: the exponents are in [−8, 0], so shifting by the maximum is enough for stability.
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                max = Math.max(max, -2 * squared(z, i * d, z, j * d, d));
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += Math.exp(-2 * squared(z, i * d, z, j * d, d) - max);
            }
        }
        double pairs = n * (n - 1) / 2.0;
        return max + Math.log(sum / pairs);
    }

    /**
     * Wang &amp; Liu's tolerance: mean cosine similarity over same-class pairs i &lt; j (NaN if no class has two
     * members). High tolerance means semantically similar samples stay together.
     */
    public static double tolerance(double[][] embeddings, int[] labels) {
        int d = Matrices.checkRows(embeddings, "embeddings");
        Matrices.checkLabels(labels, embeddings.length, "labels");
        double[] z = normalisedRows(embeddings, d);
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                if (labels[i] == labels[j]) {
                    sum += dot(z, i * d, z, j * d, d);
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /**
     * Hardness of negatives: histogram over [−1, 1] of the cosine similarities of all different-class pairs
     * i &lt; j. Mass near 1 means negatives the embedding confuses with positives.
     */
    public static Histogram negativeHardness(double[][] embeddings, int[] labels, int bins) {
        int d = Matrices.checkRows(embeddings, "embeddings");
        Matrices.checkLabels(labels, embeddings.length, "labels");
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        double[] z = normalisedRows(embeddings, d);
        long[] counts = new long[bins];
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                if (labels[i] != labels[j]) {
                    double s = Math.max(-1, Math.min(1, dot(z, i * d, z, j * d, d)));
                    counts[Math.min(bins - 1, (int) ((s + 1) / 2 * bins))]++;
                    sum += s;
                    pairs++;
                }
            }
        }
        return new Histogram(-1, 1, counts, pairs == 0 ? Double.NaN : sum / pairs);
    }

    private static double[] prepare(double[][] embeddings, int[] labels, Distance distance) {
        int d = Matrices.checkRows(embeddings, "embeddings");
        Matrices.checkLabels(labels, embeddings.length, "labels");
        return distance == Distance.COSINE ? normalisedRows(embeddings, d) : Matrices.flatten(embeddings, d);
    }

    private static void checkK(int k, int n) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k must be in 1.." + (n - 1) + " (the other points), got " + k);
        }
    }

    /**
     * The k nearest other points of i, nearest first. For cosine the rows are already normalised, where squared
     * Euclidean distance = 2 − 2·cosine ranks the same.
     */
    private static void nearestOthers(double[] x, int n, int d, int i, Distance distance, int k, int[] nearest,
            double[] distances) {
        int filled = 0;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double dist = squared(x, i * d, x, j * d, d);
            if (filled < k || dist < distances[filled - 1]) {
                int slot = filled < k ? filled++ : filled - 1;
                // Insertion keeps the short list sorted; ties keep the earlier index first.
                while (slot > 0 && distances[slot - 1] > dist) {
                    distances[slot] = distances[slot - 1];
                    nearest[slot] = nearest[slot - 1];
                    slot--;
                }
                distances[slot] = dist;
                nearest[slot] = j;
            }
        }
    }

    private static double[] normalisedRows(double[][] rows, int d) {
        double[] out = Matrices.flatten(rows, d);
        for (int i = 0; i < rows.length; i++) {
            double norm = Math.sqrt(dot(out, i * d, out, i * d, d));
            if (norm == 0) {
                throw new IllegalArgumentException("row " + i + " is the zero vector, which has no direction");
            }
            for (int a = 0; a < d; a++) {
                out[i * d + a] /= norm;
            }
        }
        return out;
    }

    private static double squared(double[] x, int i, double[] y, int j, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double t = x[i + a] - y[j + a];
            s += t * t;
        }
        return s;
    }

    private static double dot(double[] x, int i, double[] y, int j, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            s += x[i + a] * y[j + a];
        }
        return s;
    }
}
