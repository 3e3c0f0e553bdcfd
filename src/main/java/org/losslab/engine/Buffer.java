package org.losslab.engine;

/**
 * A mutable engine-side array used by optimizers: parameters, their gradients and optimizer state. The operations
 * are exactly those the update rules in {@link Optimizer} need, so each rule is written once for both engines.
 */
public interface Buffer {
    int[] shape();

    /** A new buffer of zeros with this shape, owned by the same engine. */
    Buffer zerosLike();

    /** {@code this *= a}. */
    void scale(double a);

    /** {@code this += a * x}. */
    void addScaled(Buffer x, double a);

    /** {@code this += a * x * x}. */
    void addScaledSquare(Buffer x, double a);

    /** {@code this += a * num / (sqrt(den) * denScale + eps)}. */
    void addScaledRatio(Buffer num, Buffer den, double a, double denScale, double eps);

    /** {@code this = x}. */
    void assign(Buffer x);

    HostArray toHost();
}
