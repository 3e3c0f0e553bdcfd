/**
 * Regression losses on predictions {@code pred} and targets {@code target} of equal shape [N] or [N,D,...]
 * (LOSSES.md §5), one file per loss. Each returns one value per example, computed from the residual
 * r = pred − target over the example's elements.
 */
package org.losslab.loss.regression;
