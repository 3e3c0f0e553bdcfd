package org.losslab.analysis;

import java.util.Arrays;
import java.util.Random;

/**
 * The 1-D Gaussian-mean example of "Learning Unnormalized Statistical Models via Compositional Optimization": an
 * unnormalised model p_θ(x) ∝ exp(−E_θ(x)) with E_θ(x) = (x − θ)²/2, data x ~ N(μ, 1) and noise z ~ q = N(0, σ_q²).
 *
 * <p>Two objectives over θ (LOSSES.md §5):
 * <ul>
 *   <li>the compositional negative log-likelihood F(θ) = mean_x E_θ(x) + log E_z[e^{−E_θ(z)}/q(z)], whose inner
 *       expectation is the partition function estimated by importance sampling (exactly √(2π) for this model);</li>
 *   <li>NCE: G = −E_θ − c − log(ν·q) with a learnable log-normaliser c, L = −mean_x log σ(G(x)) −
 *       ν·mean_z log(1 − σ(G(z))), ν = 1; drawn here profiled over c (the best c for each θ).</li>
 * </ul>
 * and the iterates of the two stochastic optimisers on them from the same start and the same minibatches: the
 * paper's compositional optimiser (a moving average u of the inner expectation, u ← (1−γ)u + γ·mean_z w(z), and a
 * gradient step on the surrogate mean_x E_θ(x) + mean_z w(z)/sg(u)) and plain SGD on NCE over (θ, c).
 *
 * <p>Both objectives are minimised at the data mean (the maximum-likelihood estimate of μ); the example shows how
 * their shapes differ around it.
 */
public final class CompositionalNllExample {

    /**
     * @param trueMean μ of the data
     * @param dataSize N, the data drawn once
     * @param noiseSigma σ_q of the noise distribution N(0, σ_q²)
     * @param noiseSize M, the fixed noise sample behind the drawn curves
     * @param seed seeds the data, the noise and the minibatches
     * @param start θ_0 of both optimisers (c_0 = 0 for NCE)
     * @param steps iterations of each optimiser
     * @param batch data and noise points per iteration
     * @param gamma γ of the compositional optimiser's moving average
     * @param compositionalRate initial step size of the compositional optimiser
     * @param nceRate initial step size of SGD on NCE
     */
    public record Settings(double trueMean, int dataSize, double noiseSigma, int noiseSize, long seed, double start,
            int steps, int batch, double gamma, double compositionalRate, double nceRate) {

        public Settings {
            require(Double.isFinite(trueMean), "trueMean", trueMean);
            require(dataSize >= 1, "dataSize", dataSize);
            require(noiseSigma > 0 && Double.isFinite(noiseSigma), "noiseSigma", noiseSigma);
            require(noiseSize >= 1, "noiseSize", noiseSize);
            require(Double.isFinite(start), "start", start);
            require(steps >= 0, "steps", steps);
            require(batch >= 1, "batch", batch);
            require(gamma > 0 && gamma <= 1, "gamma", gamma);
            require(compositionalRate > 0, "compositionalRate", compositionalRate);
            require(nceRate > 0, "nceRate", nceRate);
        }

        private static void require(boolean ok, String field, double value) {
            if (!ok) {
                throw new IllegalArgumentException("compositional-NLL example: " + field + " is out of range: "
                        + value);
            }
        }

        /** μ = 1.5, 500 data points, q = N(0, 2²) as in LOSSES.md's worked example, 400 steps from θ = −2. */
        public static Settings defaults() {
            return new Settings(1.5, 500, 2.0, 500, 7, -2.0, 400, 32, 0.2, 0.2, 0.8);
        }
    }

    /** θ after each step of one optimiser, step 0 being the start; NCE also records its log-normaliser c (empty for
     * the compositional optimiser, which has none). */
    public record Path(double[] thetas, double[] logNormalisers) {
        public int steps() {
            return thetas.length - 1;
        }

        public double theta(int step) {
            return thetas[step];
        }

        public double last() {
            return thetas[thetas.length - 1];
        }
    }

    /** log √(2π): the log-partition function of E_θ, the same for every θ. */
    public static final double LOG_PARTITION = 0.5 * Math.log(2 * Math.PI);

    private final Settings settings;
    private final double[] data;
    private final double[] noise;
    private final Path compositional;
    private final Path nce;

    private CompositionalNllExample(Settings settings) {
        this.settings = settings;
        Random random = new Random(settings.seed());
        data = new double[settings.dataSize()];
        for (int i = 0; i < data.length; i++) {
            data[i] = settings.trueMean() + random.nextGaussian();
        }
        noise = new double[settings.noiseSize()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = settings.noiseSigma() * random.nextGaussian();
        }
        Path[] paths = optimise(random);
        compositional = paths[0];
        nce = paths[1];
    }

    /** Draws the data and noise and runs both optimisers. */
    public static CompositionalNllExample run(Settings settings) {
        return new CompositionalNllExample(settings);
    }

    public Settings settings() {
        return settings;
    }

    public double[] data() {
        return data.clone();
    }

    public double dataMean() {
        return Arrays.stream(data).average().orElseThrow();
    }

    public Path compositionalPath() {
        return compositional;
    }

    public Path ncePath() {
        return nce;
    }

    /** F(θ) with the partition function estimated on this example's fixed noise sample. */
    public double compositionalObjective(double theta) {
        return compositionalObjective(data, noise, theta, settings.noiseSigma());
    }

    /** F(θ) with the exact partition function √(2π): the true negative log-likelihood. */
    public double exactNll(double theta) {
        return exactNll(data, theta);
    }

    /** NCE at θ with the best c for that θ, on this example's data and noise sample. */
    public double nceProfile(double theta) {
        return nce(data, noise, theta, optimalLogNormaliser(data, noise, theta, settings.noiseSigma()),
                settings.noiseSigma());
    }

    /** NCE at (θ, c). */
    public double nce(double theta, double logNormaliser) {
        return nce(data, noise, theta, logNormaliser, settings.noiseSigma());
    }

    // ---- the formulas, on any samples -------------------------------------------------------------------------

    /** E_θ(x) = (x − θ)²/2. */
    public static double energy(double x, double theta) {
        double d = x - theta;
        return d * d / 2;
    }

    /** The density of N(0, σ²) at z. */
    public static double noiseDensity(double z, double sigma) {
        return Math.exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    }

    public static double meanEnergy(double[] data, double theta) {
        double sum = 0;
        for (double x : data) {
            sum += energy(x, theta);
        }
        return sum / data.length;
    }

    /** The importance-sampling estimate of the partition function: mean_z e^{−E_θ(z)}/q(z). */
    public static double partitionEstimate(double[] noise, double theta, double sigma) {
        double sum = 0;
        for (double z : noise) {
            sum += Math.exp(-energy(z, theta)) / noiseDensity(z, sigma);
        }
        return sum / noise.length;
    }

    /** F(θ) = mean_x E_θ(x) + log mean_z e^{−E_θ(z)}/q(z). */
    public static double compositionalObjective(double[] data, double[] noise, double theta, double sigma) {
        return meanEnergy(data, theta) + Math.log(partitionEstimate(noise, theta, sigma));
    }

    /** The exact negative log-likelihood mean_x E_θ(x) + log √(2π). */
    public static double exactNll(double[] data, double theta) {
        return meanEnergy(data, theta) + LOG_PARTITION;
    }

    /** G(v) = −E_θ(v) − c − log q(v) (ν = 1): the log-odds that v is data rather than noise. */
    static double logOdds(double v, double theta, double c, double sigma) {
        return -energy(v, theta) - c - Math.log(noiseDensity(v, sigma));
    }

    /** L = −mean_x log σ(G(x)) − mean_z log(1 − σ(G(z))), ν = 1. */
    public static double nce(double[] data, double[] noise, double theta, double c, double sigma) {
        double dataTerm = 0;
        for (double x : data) {
            dataTerm += softplus(-logOdds(x, theta, c, sigma)); // −log σ(G) = log(1 + e^{−G})
        }
        double noiseTerm = 0;
        for (double z : noise) {
            noiseTerm += softplus(logOdds(z, theta, c, sigma)); // −log(1 − σ(G)) = log(1 + e^{G})
        }
        return dataTerm / data.length + noiseTerm / noise.length;
    }

    /** The c minimising NCE at θ: L is convex in c, so Newton's method from c = log √(2π) converges at once. */
    public static double optimalLogNormaliser(double[] data, double[] noise, double theta, double sigma) {
        double c = LOG_PARTITION;
        for (int iteration = 0; iteration < 50; iteration++) {
            double gradient = 0;
            double curvature = 0;
            for (double x : data) {
                double s = sigmoid(logOdds(x, theta, c, sigma));
                gradient += (1 - s) / data.length;
                curvature += s * (1 - s) / data.length;
            }
            for (double z : noise) {
                double s = sigmoid(logOdds(z, theta, c, sigma));
                gradient -= s / noise.length;
                curvature += s * (1 - s) / noise.length;
            }
            double delta = gradient / Math.max(curvature, 1e-12);
            c -= delta;
            if (Math.abs(delta) < 1e-12) {
                break;
            }
        }
        return c;
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    // ---- the two optimisers -----------------------------------------------------------------------------------

    /**
     * Both optimisers on the same minibatches (data drawn with replacement, fresh noise from q), with step sizes
     * η_k = η_0/(1 + k/100): a constant step would leave both wandering around the minimum by the minibatch noise.
     */
    private Path[] optimise(Random random) {
        int steps = settings.steps();
        int b = settings.batch();
        double sigma = settings.noiseSigma();
        double[] composite = new double[steps + 1];
        double[] nceTheta = new double[steps + 1];
        double[] nceC = new double[steps + 1];
        composite[0] = settings.start();
        nceTheta[0] = settings.start();
        nceC[0] = 0;
        double u = Double.NaN;
        double[] xs = new double[b];
        double[] zs = new double[b];
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < b; i++) {
                xs[i] = data[random.nextInt(data.length)];
                zs[i] = sigma * random.nextGaussian();
            }
            double decay = 1 / (1 + k / 100.0);

            // compositional: track the inner expectation, then step on the surrogate with u held fixed
            double theta = composite[k];
            double wMean = 0;
            double wPull = 0;
            for (double z : zs) {
                double w = Math.exp(-energy(z, theta)) / noiseDensity(z, sigma);
                wMean += w / b;
                wPull += w * (z - theta) / b; // ∇_θ w(z) = w(z)·(z − θ)
            }
            u = Double.isNaN(u) ? wMean : (1 - settings.gamma()) * u + settings.gamma() * wMean;
            double energyPull = 0;
            for (double x : xs) {
                energyPull += (theta - x) / b; // ∇_θ E_θ(x)
            }
            composite[k + 1] = theta - settings.compositionalRate() * decay * (energyPull + wPull / u);

            // NCE: SGD on (θ, c)
            double t = nceTheta[k];
            double c = nceC[k];
            double gTheta = 0;
            double gC = 0;
            for (double x : xs) {
                double miss = 1 - sigmoid(logOdds(x, t, c, sigma));
                gTheta -= miss * (x - t) / b;
                gC += miss / b;
            }
            for (double z : zs) {
                double s = sigmoid(logOdds(z, t, c, sigma));
                gTheta += s * (z - t) / b;
                gC -= s / b;
            }
            nceTheta[k + 1] = t - settings.nceRate() * decay * gTheta;
            nceC[k + 1] = c - settings.nceRate() * decay * gC;
        }
        return new Path[] {new Path(composite, new double[0]), new Path(nceTheta, nceC)};
    }
}
