/**
 * Data for the workbench: the immutable {@link org.losslab.data.Dataset} every training run draws its batches from,
 * and the {@link org.losslab.data.DataSource}s that make one, listed by {@link org.losslab.data.DataCatalog}.
 *
 * <ul>
 *   <li>2-D generators after TensorFlow Playground (spirals, moons, blobs, circles, XOR) with jitter, label noise and
 *       a stratified validation split, so decision boundaries can be watched as a loss shapes them;
 *   <li>regression generators ({@link org.losslab.data.FunctionSource}: a curve or a surface) with heteroscedastic
 *       noise and injected outliers in the training targets only, for robust regression losses; their data sets
 *       carry real-valued targets ({@link org.losslab.data.Task#REGRESSION});
 *   <li>bundled real data read from the classpath: 10,000 MNIST digits (IDX) and the 8×8 UCI digits (CSV), with
 *       their attribution;
 *   <li>readers for a user's files: {@link org.losslab.data.IdxReader} (full MNIST / Fashion-MNIST too) and
 *       {@link org.losslab.data.CsvDatasetReader}.
 * </ul>
 *
 * <p>Everything is deterministic in (parameters, seed) so that an experiment file reproduces its data, and every
 * problem surfaces as a {@link org.losslab.data.DataException} whose message names the file, line or row. The package
 * uses the JDK only (and the JDK-only {@code org.losslab.param}), so the engines, the UI and the CLI can all depend on
 * it without dragging anything in.
 */
package org.losslab.data;
