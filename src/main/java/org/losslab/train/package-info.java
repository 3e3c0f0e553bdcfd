/**
 * The training loop without any UI: {@link org.losslab.train.TrainingRun} (seeded, controllable between steps,
 * divergence guard), its control object, the records it publishes (progress, metric points, parameter snapshots)
 * and the listener that receives them on the training thread.
 */
package org.losslab.train;
