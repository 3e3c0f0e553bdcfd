/**
 * Experiments: the versioned JSON {@link org.losslab.experiment.ExperimentSpec}, its validation and resolution into
 * a training setup (messages name the bad field), bundled samples, and the run folder writer
 * ({@code metrics.csv}, {@code summary.json}).
 */
package org.losslab.experiment;
