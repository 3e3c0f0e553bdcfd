package org.losslab.train;

/** Where a run is in its life. */
public enum RunStatus {
    READY,
    RUNNING,
    PAUSED,
    /** Stopped by the divergence guard; the last good parameters are in place. */
    DIVERGED,
    FINISHED,
    STOPPED,
    FAILED
}
