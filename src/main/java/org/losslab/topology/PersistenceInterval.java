package org.losslab.topology;

/**
 * One bar of a superlevel barcode: a class born when the threshold reaches {@code birth} and dead when it reaches
 * {@code death}, so {@code birth ≥ death}. The gradient of a persistence loss flows to the two named pixels.
 *
 * @param dimension 0 (a connected component) or 1 (a hole)
 * @param birth the map value at which the class appears
 * @param death the map value at which it dies; NaN for an essential class, which never dies
 * @param birthPixel row-major index of the pixel whose entry creates the class
 * @param deathPixel row-major index of the pixel whose entry kills it; −1 for an essential class
 */
public record PersistenceInterval(int dimension, double birth, double death, int birthPixel, int deathPixel) {

    public PersistenceInterval {
        if (dimension != 0 && dimension != 1) {
            throw new IllegalArgumentException("dimension must be 0 or 1, got " + dimension);
        }
        if (Double.isNaN(death) != (deathPixel < 0)) {
            throw new IllegalArgumentException("an essential interval has death NaN and death pixel −1; got death "
                    + death + " at pixel " + deathPixel);
        }
    }

    /** An essential class, which never dies. */
    public static PersistenceInterval essential(int dimension, double birth, int birthPixel) {
        return new PersistenceInterval(dimension, birth, Double.NaN, birthPixel, -1);
    }

    public boolean isEssential() {
        return deathPixel < 0;
    }

    /** The death used inside a loss: 0 for an essential class (LOSSES.md §Conventions), else the death. */
    public double deathForLoss() {
        return isEssential() ? 0.0 : death;
    }

    /** birth − death; infinite for an essential class. */
    public double persistence() {
        return isEssential() ? Double.POSITIVE_INFINITY : birth - death;
    }

    /** True if the class exists at threshold t, i.e. in the superlevel set {map ≥ t}: birth ≥ t > death. */
    public boolean isAliveAt(double t) {
        return birth >= t && (isEssential() || death < t);
    }
}
