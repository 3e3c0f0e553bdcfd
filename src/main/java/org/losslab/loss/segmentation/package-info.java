/**
 * Segmentation and topology losses (LOSSES.md §3), one file per loss.
 *
 * <p>Two input forms, as the LOSSES.md conventions name them:
 * <ul>
 *   <li>binary: {@code prob} [N,H,W] foreground probabilities (differentiable) and {@code target} [N,H,W] in {0,1};</li>
 *   <li>softmax: {@code logits} [N,C,H,W] (softmax over C is taken inside the loss) and {@code target} [N,H,W]
 *       holding class indices 0…C−1 (class 1 is the foreground of the two-class losses).</li>
 * </ul>
 * Every loss returns one value per image, [N]. Values that need the host (whether a target is really binary) are
 * checked in {@code prepare}; shapes are checked while the graph is built. Soft morphology (erosion, dilation,
 * opening, soft skeleton, projections) lives in {@link org.losslab.loss.segmentation.SoftMorphology}: chains of the
 * tie-safe {@code Ops.minimum}/{@code Ops.maximum}, because soft skeletons compare equal neighbours constantly.
 * Topological pairings (Betti matching) come from {@link org.losslab.topology} in {@code prepare} and enter the graph
 * as constants.
 */
package org.losslab.loss.segmentation;
