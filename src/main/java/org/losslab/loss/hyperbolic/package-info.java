/**
 * Losses on the Poincaré ball (LOSSES.md §2, Hyp-OC): the ball's arithmetic written once against the engine seam
 * ({@link org.losslab.loss.hyperbolic.PoincareBall}), its plain-Java double twin for tests, probes and views
 * ({@link org.losslab.loss.hyperbolic.HostPoincareBall}), and the losses built on them, one file per loss.
 *
 * <p>The ball of curvature c is the open disk of radius 1/√c. Operations follow hyptorch, which the Hyp-OC code
 * uses, including its small constants (the 1e-5 in the Möbius denominator, the norm floors), so that the worked
 * examples of LOSSES.md reproduce.
 */
package org.losslab.loss.hyperbolic;
