package org.losslab.analysis.embedding;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * t-distributed stochastic neighbour embedding (van der Maaten &amp; Hinton 2008) of N points into 2 or 3 dimensions,
 * exact up to {@link Settings#exactLimit()} points and Barnes-Hut above (van der Maaten 2014: sparse P over the
 * 3·perplexity nearest neighbours, repulsion through a quad/octree with opening angle θ).
 *
 * <p>The optimiser is the usual one (as in scikit-learn and openTSNE): gradient descent with momentum 0.5 then 0.8,
 * per-coordinate gains (+0.2 when the gradient changes sign against the step, ×0.8 otherwise, at least 0.01), and on
 * a cold start an early-exaggeration phase (P × 12 for 250 iterations). The gradient is
 * {@code ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) w_ij (y_i − y_j)}, {@code w_ij = 1/(1 + |y_i − y_j|²)}.
 *
 * <p>The state persists between calls, so a live view can warm start: {@link #next} takes the new high-dimensional
 * points, keeps the current map as the starting layout (no exaggeration, since the clusters are already formed),
 * runs a few iterations and aligns the result to the previous frame with {@link Procrustes}. Not thread-safe: one
 * thread owns an instance.
 */
public final class Tsne {

    /**
     * @param dims of the map, 2 or 3
     * @param perplexity effective number of neighbours (clamped to (N − 1)/3 for small N)
     * @param earlyExaggeration factor on P during the first iterations of a cold start
     * @param exaggerationIterations how many iterations the exaggeration lasts
     * @param theta Barnes-Hut opening angle (cell width / distance below which a cell counts as one point)
     * @param exactLimit up to this many points the gradient is exact, O(N²) per iteration
     * @param learningRate step size; NaN for auto = max(N / earlyExaggeration / 4, 50)
     * @param parallel spread nearest neighbours, affinities and Barnes-Hut repulsion over the common fork-join pool;
     *        off by default, since training runs on the same cores at the same time and a second thread then
     *        costs more than it saves (measured: {@code losslab bench embedding})
     * @param seed for the initial layout when PCA cannot give one, and for the jitter of points new to a warm start
     */
    public record Settings(int dims, double perplexity, double earlyExaggeration, int exaggerationIterations,
            double theta, int exactLimit, double learningRate, boolean parallel, long seed) {
        public Settings {
            if (dims != 2 && dims != 3) {
                throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
            }
            if (!(perplexity >= 1)) {
                throw new IllegalArgumentException("perplexity must be at least 1, got " + perplexity);
            }
            if (!(earlyExaggeration >= 1)) {
                throw new IllegalArgumentException("earlyExaggeration must be at least 1, got " + earlyExaggeration);
            }
            if (exaggerationIterations < 0) {
                throw new IllegalArgumentException("exaggerationIterations must not be negative, got "
                        + exaggerationIterations);
            }
            if (!(theta > 0 && theta < 1)) {
                throw new IllegalArgumentException("theta must be in (0, 1), got " + theta);
            }
            if (exactLimit < 0) {
                throw new IllegalArgumentException("exactLimit must not be negative, got " + exactLimit);
            }
            if (!Double.isNaN(learningRate) && !(learningRate > 0 && Double.isFinite(learningRate))) {
                throw new IllegalArgumentException("learningRate must be positive (or NaN for auto), got " + learningRate);
            }
        }

        /**
         * 2-D, perplexity 30, exaggeration 12 for 250 iterations, θ = 0.5, exact up to 1,000 points, auto rate, one
         * thread.
         */
        public static Settings defaults() {
            return new Settings(2, 30, 12, 250, 0.5, 1000, Double.NaN, false, 42);
        }

        public Settings withDims(int d) {
            return new Settings(d, perplexity, earlyExaggeration, exaggerationIterations, theta, exactLimit, learningRate,
                    parallel, seed);
        }

        public Settings withPerplexity(double p) {
            return new Settings(dims, p, earlyExaggeration, exaggerationIterations, theta, exactLimit, learningRate,
                    parallel, seed);
        }

        public Settings withExactLimit(int limit) {
            return new Settings(dims, perplexity, earlyExaggeration, exaggerationIterations, theta, limit, learningRate,
                    parallel, seed);
        }

        public Settings withTheta(double t) {
            return new Settings(dims, perplexity, earlyExaggeration, exaggerationIterations, t, exactLimit, learningRate,
                    parallel, seed);
        }

        public Settings withParallel(boolean p) {
            return new Settings(dims, perplexity, earlyExaggeration, exaggerationIterations, theta, exactLimit,
                    learningRate, p, seed);
        }

        public Settings withLearningRate(double rate) {
            return new Settings(dims, perplexity, earlyExaggeration, exaggerationIterations, theta, exactLimit, rate,
                    parallel, seed);
        }
    }

    /** Neighbours per point in the sparse P of Barnes-Hut t-SNE, as a multiple of the perplexity. */
    private static final int NEIGHBOURS_PER_PERPLEXITY = 3;
    /** openTSNE's scale for a PCA initialisation: tiny, so that early exaggeration can form the clusters. */
    private static final double INITIAL_STD = 1e-4;
    private static final double EARLY_MOMENTUM = 0.5;
    private static final double LATE_MOMENTUM = 0.8;
    private static final double MIN_GAIN = 0.01;

    private final Settings settings;
    private final Random random;
    private int size;
    private int inputDims;
    private double[] input;
    private Affinities affinities;
    /** Each point's Gaussian precision 1/2σ² from the last P: the next frame's search starts there. */
    private double[] betas;
    private double perplexity;
    private double[] layout;
    private double[] velocity;
    private double[] gains;
    private double[] gradient;
    private int exaggerationLeft;
    private int iterations;

    private Tsne(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /**
     * A fresh map: PCA of the points scaled to a standard deviation of 1e-4, then early exaggeration.
     *
     * @param points [N][d], N ≥ 4; not kept (copied)
     */
    public static Tsne coldStart(double[][] points, Settings settings) {
        Tsne t = new Tsne(settings);
        t.setInput(points);
        t.layout = t.initialLayout(points);
        t.resetOptimiser();
        t.exaggerationLeft = settings.exaggerationIterations();
        return t;
    }

    /**
     * A map that starts from {@code previous}: point i starts where point i was; points beyond the previous frame
     * start next to their nearest (high-dimensional) neighbour among those it had. No exaggeration.
     *
     * @param points [N][d], N ≥ 4
     * @param previous a frame with {@code settings.dims()} dims
     */
    public static Tsne warmStart(double[][] points, EmbeddingFrame previous, Settings settings) {
        Tsne t = new Tsne(settings);
        t.setInput(points);
        t.layout = t.warmLayout(previous);
        t.resetOptimiser();
        return t;
    }

    /**
     * Moves on to new high-dimensional points (the same points later in training; more or fewer is fine, matched by
     * index): recomputes P, starts from the current map, runs {@code count} iterations without exaggeration and
     * aligns the result to the map as it was before this call.
     *
     * @return the aligned frame, which is also the new state
     */
    public EmbeddingFrame next(double[][] points, int count) {
        EmbeddingFrame before = frame();
        setInput(points);
        layout = warmLayout(before);
        resetOptimiser();
        exaggerationLeft = 0;
        step(count);
        EmbeddingFrame aligned = Procrustes.align(frame(), before);
        layout = aligned.coordinates();
        return aligned;
    }

    /** Runs {@code count} more iterations of gradient descent. */
    public void step(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("iterations must not be negative, got " + count);
        }
        int dims = settings.dims();
        double rate = learningRate();
        for (int it = 0; it < count; it++) {
            boolean exaggerated = exaggerationLeft > 0;
            double exaggeration = exaggerated ? settings.earlyExaggeration() : 1;
            double momentum = exaggerated ? EARLY_MOMENTUM : LATE_MOMENTUM;
            computeGradient(exaggeration, barnesHut(), gradient);
            for (int c = 0; c < size * dims; c++) {
                double g = gradient[c];
                gains[c] = Math.max(MIN_GAIN, g * velocity[c] < 0 ? gains[c] + 0.2 : gains[c] * 0.8);
                velocity[c] = momentum * velocity[c] - rate * gains[c] * g;
                layout[c] += velocity[c];
            }
            recentre();
            iterations++;
            if (exaggerated && --exaggerationLeft == 0) {
                // The second phase starts afresh, as in scikit-learn: momentum built under exaggeration overshoots.
                resetOptimiser();
            }
        }
    }

    /** The current map. */
    public EmbeddingFrame frame() {
        return EmbeddingFrame.wrap(layout.clone(), settings.dims());
    }

    /**
     * KL(P ‖ Q) of the current map, the objective t-SNE minimises (without exaggeration), with Q computed exactly:
     * O(N²), meant for tests and occasional display.
     */
    public double klDivergence() {
        int dims = settings.dims();
        double z = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                z += 2 / (1 + squaredDistance(i, j, dims));
            }
        }
        double kl = 0;
        for (int i = 0; i < size; i++) {
            for (int e = affinities.rowStart[i]; e < affinities.rowStart[i + 1]; e++) {
                double p = affinities.values[e];
                if (p > 0) {
                    double q = 1 / (1 + squaredDistance(i, affinities.columns[e], dims)) / z;
                    kl += p * Math.log(p / q);
                }
            }
        }
        return kl;
    }

    /** Whether the gradient is approximated (N above the exact limit). */
    public boolean barnesHut() {
        return size > settings.exactLimit();
    }

    /** The step size in use: the setting, or auto = max(N / earlyExaggeration / 4, 50). */
    public double learningRate() {
        return Double.isNaN(settings.learningRate()) ? Math.max(size / settings.earlyExaggeration() / 4, 50)
                : settings.learningRate();
    }

    /** The perplexity in use: the setting, or less for so few points that it could not be reached. */
    public double effectivePerplexity() {
        return perplexity;
    }

    /** Iterations run since this instance was created. */
    public int iterations() {
        return iterations;
    }

    public int size() {
        return size;
    }

    public Settings settings() {
        return settings;
    }

    /** The gradient of KL at the current map [N × dims], exact or Barnes-Hut, for comparing the two. */
    double[] gradient(boolean useBarnesHut) {
        double[] g = new double[size * settings.dims()];
        computeGradient(1, useBarnesHut, g);
        return g;
    }

    /**
     * The repulsive half of the gradient at the current map, {@code Σ_j q_ij w_ij (y_i − y_j)} [N × dims], exact or
     * Barnes-Hut: the only part Barnes-Hut approximates.
     */
    double[] repulsiveForce(boolean useBarnesHut) {
        double[] force = new double[size * settings.dims()];
        double z = useBarnesHut ? barnesHutRepulsion(force) : exactRepulsion(force);
        for (int c = 0; c < force.length; c++) {
            force[c] /= z;
        }
        return force;
    }

    private void setInput(double[][] points) {
        int d = Matrices.checkRows(points, "points");
        if (points.length < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + points.length);
        }
        size = points.length;
        inputDims = d;
        input = Matrices.flatten(points, d);
        perplexity = Math.min(settings.perplexity(), (size - 1) / (double) NEIGHBOURS_PER_PERPLEXITY);
        perplexity = Math.max(perplexity, 1);
        int neighbours = barnesHut() ? (int) (NEIGHBOURS_PER_PERPLEXITY * perplexity) : size - 1;
        if (betas == null || betas.length != size) {
            double[] previous = betas;
            betas = new double[size];
            Arrays.fill(betas, Double.NaN);
            if (previous != null) {
                System.arraycopy(previous, 0, betas, 0, Math.min(previous.length, size));
            }
        }
        affinities = Affinities.compute(input, size, d, perplexity, neighbours, betas, settings.parallel());
    }

    private double[] initialLayout(double[][] points) {
        int dims = settings.dims();
        double[] y;
        if (inputDims >= dims) {
            y = Pca.fit(points, dims).project(points).coordinates();
        } else {
            y = new double[size * dims];
        }
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += y[i * dims] / size;
        }
        double variance = 0;
        for (int i = 0; i < size; i++) {
            variance += (y[i * dims] - mean) * (y[i * dims] - mean) / size;
        }
        if (!(variance > 0)) {
            // PCA saw no spread (or no room): a random start is as good as any.
            for (int c = 0; c < y.length; c++) {
                y[c] = random.nextGaussian() * INITIAL_STD;
            }
            return y;
        }
        double scale = INITIAL_STD / Math.sqrt(variance);
        for (int c = 0; c < y.length; c++) {
            y[c] *= scale;
        }
        return y;
    }

    private double[] warmLayout(EmbeddingFrame previous) {
        int dims = settings.dims();
        if (previous.dims() != dims) {
            throw new IllegalArgumentException("previous frame has " + previous.dims() + " dims, the map has " + dims);
        }
        double[] y = new double[size * dims];
        double[] old = previous.raw();
        int kept = Math.min(size, previous.size());
        System.arraycopy(old, 0, y, 0, kept * dims);
        double jitter = INITIAL_STD * Math.max(previous.spread(), 1e-6);
        for (int i = kept; i < size; i++) {
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < kept; j++) {
                double d2 = 0;
                for (int a = 0; a < inputDims; a++) {
                    double t = input[i * inputDims + a] - input[j * inputDims + a];
                    d2 += t * t;
                }
                if (d2 < best) {
                    best = d2;
                    nearest = j;
                }
            }
            for (int a = 0; a < dims; a++) {
                double anchor = kept > 0 ? y[nearest * dims + a] : 0;
                y[i * dims + a] = anchor + jitter * random.nextGaussian();
            }
        }
        return y;
    }

    private void resetOptimiser() {
        int length = size * settings.dims();
        velocity = new double[length];
        gains = new double[length];
        Arrays.fill(gains, 1);
        gradient = new double[length];
    }

    private void recentre() {
        int dims = settings.dims();
        for (int a = 0; a < dims; a++) {
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += layout[i * dims + a];
            }
            mean /= size;
            for (int i = 0; i < size; i++) {
                layout[i * dims + a] -= mean;
            }
        }
    }

    private double squaredDistance(int i, int j, int dims) {
        double d2 = 0;
        for (int a = 0; a < dims; a++) {
            double t = layout[i * dims + a] - layout[j * dims + a];
            d2 += t * t;
        }
        return d2;
    }

    /** out ← 4 (exaggeration · attraction − repulsion / Z), attraction over P's entries, repulsion over all pairs. */
    private void computeGradient(double exaggeration, boolean useBarnesHut, double[] out) {
        if (!useBarnesHut && affinities.dense != null) {
            exactGradient(exaggeration, out);
            return;
        }
        int dims = settings.dims();
        double[] repulsion = new double[size * dims];
        double z = useBarnesHut ? barnesHutRepulsion(repulsion) : exactRepulsion(repulsion);
        IntStream rows = IntStream.range(0, size);
        (settings.parallel() && useBarnesHut ? rows.parallel() : rows).forEach(i -> {
            int base = i * dims;
            for (int a = 0; a < dims; a++) {
                out[base + a] = 0;
            }
            for (int e = affinities.rowStart[i]; e < affinities.rowStart[i + 1]; e++) {
                int j = affinities.columns[e];
                double coefficient = exaggeration * affinities.values[e] / (1 + squaredDistance(i, j, dims));
                for (int a = 0; a < dims; a++) {
                    out[base + a] += coefficient * (layout[base + a] - layout[j * dims + a]);
                }
            }
            for (int a = 0; a < dims; a++) {
                out[base + a] = 4 * (out[base + a] - repulsion[base + a] / z);
            }
        });
    }

    /** The exact gradient with a dense P: attraction and repulsion of each pair in one pass over the pairs. */
    private void exactGradient(double exaggeration, double[] out) {
        int dims = settings.dims();
        double[] p = affinities.dense;
        double[] attraction = new double[size * dims];
        double[] repulsion = new double[size * dims];
        double z = 0;
        for (int i = 0; i < size; i++) {
            int bi = i * dims;
            for (int j = i + 1; j < size; j++) {
                int bj = j * dims;
                double d2 = 0;
                for (int a = 0; a < dims; a++) {
                    double t = layout[bi + a] - layout[bj + a];
                    d2 += t * t;
                }
                double w = 1 / (1 + d2);
                z += 2 * w;
                double pull = exaggeration * p[i * size + j] * w;
                double push = w * w;
                for (int a = 0; a < dims; a++) {
                    double t = layout[bi + a] - layout[bj + a];
                    attraction[bi + a] += pull * t;
                    attraction[bj + a] -= pull * t;
                    repulsion[bi + a] += push * t;
                    repulsion[bj + a] -= push * t;
                }
            }
        }
        for (int c = 0; c < size * dims; c++) {
            out[c] = 4 * (attraction[c] - repulsion[c] / z);
        }
    }

    /** Adds Σ_j w_ij² (y_i − y_j) to each row of {@code repulsion}; returns Z = Σ_{i≠j} w_ij. */
    private double exactRepulsion(double[] repulsion) {
        int dims = settings.dims();
        double z = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double w = 1 / (1 + squaredDistance(i, j, dims));
                z += 2 * w;
                double w2 = w * w;
                for (int a = 0; a < dims; a++) {
                    double f = w2 * (layout[i * dims + a] - layout[j * dims + a]);
                    repulsion[i * dims + a] += f;
                    repulsion[j * dims + a] -= f;
                }
            }
        }
        return z;
    }

    private double barnesHutRepulsion(double[] repulsion) {
        int dims = settings.dims();
        SpaceTree tree = new SpaceTree(layout, size, dims);
        double thetaSquared = settings.theta() * settings.theta();
        double[] zPerPoint = new double[size];
        IntStream rows = IntStream.range(0, size);
        (settings.parallel() ? rows.parallel() : rows).forEach(i -> {
            double[] force = new double[dims];
            zPerPoint[i] = tree.repulsion(i, thetaSquared, force);
            System.arraycopy(force, 0, repulsion, i * dims, dims);
        });
        double z = 0;
        for (double v : zPerPoint) {
            z += v;
        }
        return z;
    }
}
