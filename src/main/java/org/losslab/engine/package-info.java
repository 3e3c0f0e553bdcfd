/**
 * The engine seam: the engine-neutral tensor API ({@link org.losslab.engine.Tensor}, {@link org.losslab.engine.Ops},
 * {@link org.losslab.engine.Program}), parameters, optimizers and the {@link org.losslab.engine.Engine} factory.
 * Implementations live in {@code engine.nd4j} (SameDiff) and {@code engine.pytorch} (DJL); nothing outside
 * {@code engine.*} names an engine type. See {@code docs/decisions/0001-engine-seam.md}.
 */
package org.losslab.engine;
