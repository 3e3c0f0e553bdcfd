package org.losslab.analysis;

/**
 * The sharpness of the loss at one step: the largest eigenvalue of the Hessian of the training loss with respect to
 * the parameters, estimated by power iteration on Hessian-vector products.
 *
 * @param step the training step
 * @param topEigenvalue the estimate of λ_max
 * @param iterations power iterations used
 * @param seconds wall time of the estimate
 */
public record SharpnessPoint(long step, double topEigenvalue, int iterations, double seconds) {}
