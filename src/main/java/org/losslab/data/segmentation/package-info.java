/**
 * Data for image segmentation: the immutable {@link org.losslab.data.segmentation.SegmentationSet} (grey images in
 * [0,1] with binary masks), and what makes one.
 *
 * <ul>
 *   <li>the bundled TopoMortar brick walls ({@link org.losslab.data.segmentation.TopoMortar}): four splits, accurate,
 *       noisy and pseudo labels, and the Betti numbers of each accurate label;
 *   <li>a user's folder of PNG images and masks paired by file name ({@link org.losslab.data.segmentation.PngFolderImport});
 *   <li>seeded generators whose ground truth has a known topology: curvilinear vessels (connected truth, gaps in the
 *       image), rings (some open), brick walls (mortar as foreground, optional label noise) and blobs;
 *   <li>seeded P×P patch sampling for training, optionally biased towards the foreground
 *       ({@link org.losslab.data.segmentation.PatchSampler}).
 * </ul>
 *
 * <p>Every problem surfaces as a {@link org.losslab.data.DataException} that names the file (and pixel, for a mask that
 * is not binary). Images are decoded with {@code javax.imageio} (part of the JDK's {@code java.desktop}, not JavaFX).
 */
package org.losslab.data.segmentation;
