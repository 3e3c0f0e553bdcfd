package org.losslab.train;

/**
 * The latest state of a run, published after every step.
 *
 * @param step completed optimizer steps
 * @param totalSteps configured steps
 * @param stepsPerSecond recent throughput (exponential moving average)
 * @param lastLoss the last batch's loss
 * @param status life-cycle state
 * @param message a sentence for the status bar, or empty
 */
public record Progress(long step, long totalSteps, double stepsPerSecond, double lastLoss, RunStatus status, String message) {

    /** Estimated seconds to the end at the current speed, or NaN when unknown. */
    public double etaSeconds() {
        return stepsPerSecond > 0 ? (totalSteps - step) / stepsPerSecond : Double.NaN;
    }

    public double fraction() {
        return totalSteps == 0 ? 0 : Math.min(1.0, (double) step / totalSteps);
    }
}
