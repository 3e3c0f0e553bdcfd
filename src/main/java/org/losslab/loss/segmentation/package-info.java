/**
 * Segmentation and topology losses (LOSSES.md §3), one file per loss, on foreground probabilities {@code prob}
 * (N,H,W) and masks {@code target} (N,H,W) in {0,1}. Each returns one value per image. Topological pairings come
 * from {@link org.losslab.topology} in {@code prepare} and enter the graph as constants.
 */
package org.losslab.loss.segmentation;
