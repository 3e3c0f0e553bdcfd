/**
 * Autoencoder and density losses (LOSSES.md §5, family "Autoencoders &amp; density"), one file per loss. Image
 * reconstructions use {@code pred} x̂ and {@code target} x of shape (N,C,H,W) with values in [0,1]; each loss
 * returns one value per image.
 */
package org.losslab.loss.density;
