/**
 * Probes that turn a model state into plain data for the views, each on its own thread with its own engine
 * instance, at its own cadence, so that a slow probe never stalls training. The decision-boundary probe is the
 * first, the Poincaré-disk probe the second; the regression-fit probe (a model's curve or surface over the inputs) and
 * the landscape, trajectory and embedding probes follow the same pattern. Metrics of a set of predictions
 * (classification, regression) are computed here too, in plain Java, as is the tiled whole-image prediction of a
 * segmentation model trained on patches ({@link org.losslab.analysis.TiledPredictor}).
 */
package org.losslab.analysis;
