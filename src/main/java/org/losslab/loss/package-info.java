/**
 * Losses: the {@link org.losslab.loss.LossFunction} contract (per-example values, separate reduction, optional
 * {@code prepare} hook for non-differentiable helpers), {@link org.losslab.loss.LossSpec} metadata, the
 * {@link org.losslab.loss.LossCatalog} and weighted sums. One loss per file in a sub-package per family, written
 * against the engine seam only.
 */
package org.losslab.loss;
