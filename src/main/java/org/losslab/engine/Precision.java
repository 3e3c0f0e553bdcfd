package org.losslab.engine;

/** Floating-point precision of every array an engine instance creates. */
public enum Precision {
    /** Training default: fast, ~1e-7 relative error. */
    FLOAT32,
    /** Gradient checks and the {@code loss} CLI command: ~1e-16 relative error. */
    FLOAT64
}
