/**
 * Probes that turn a model state into plain data for the views, each on its own thread with its own engine
 * instance, at its own cadence, so that a slow probe never stalls training. The decision-boundary probe is the
 * first, the Poincaré-disk probe the second; landscape, trajectory and embedding probes follow the same pattern.
 */
package org.losslab.analysis;
