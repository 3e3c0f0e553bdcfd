package org.losslab.data;

import java.util.SplittableRandom;

/**
 * Seeded randomness for data: one independent stream per purpose ({@code "points"}, {@code "jitter"},
 * {@code "labelNoise"}, {@code "split"}), each derived from the experiment's seed.
 *
 * <p>Separate streams are what make the data sets comparable across parameter changes: raising {@code labelNoise}
 * flips labels of exactly the same points, and changing {@code noise} moves the same points, because neither
 * consumes numbers from the stream that placed them. The generators are {@link SplittableRandom} (its algorithm is
 * specified) and a hand-written Box–Muller transform, so the same seed gives the same data on every JDK.
 */
public final class Rng {
    private final SplittableRandom random;

    private Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The stream for {@code purpose} under {@code seed}. */
    public static Rng stream(long seed, String purpose) {
        return new Rng(mix(seed) ^ mix(0x9E3779B97F4A7C15L + purpose.hashCode()));
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Standard normal, by Box–Muller (both uniforms drawn every call, so the stream position never depends on history). */
    public double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher–Yates, in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SplitMix64 finaliser: spreads nearby seeds (0, 1, 2, …) far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
