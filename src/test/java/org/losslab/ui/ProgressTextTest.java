package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;

class ProgressTextTest {

    @Test
    void runningShowsStepsSpeedAndEta() {
        Progress p = new Progress(1234, 2000, 1234.4, 0.5, RunStatus.RUNNING, "");
        assertThat(ProgressText.format(p)).isEqualTo("step 1,234 / 2,000 · 1,234 steps/s · ETA 0:01");
    }

    @Test
    void slowRunsShowAFractionAndLongEtasShowHours() {
        Progress p = new Progress(10, 100_000, 2.5, 0.5, RunStatus.RUNNING, "");
        assertThat(ProgressText.format(p)).isEqualTo("step 10 / 100,000 · 2.5 steps/s · ETA 11:06:36");
    }

    @Test
    void pausedShowsOnlyTheStep() {
        Progress p = new Progress(300, 2000, 800, 0.5, RunStatus.PAUSED, "Paused at step 300");
        assertThat(ProgressText.format(p)).isEqualTo("step 300 / 2,000");
    }

    @Test
    void durations() {
        assertThat(ProgressText.duration(12)).isEqualTo("0:12");
        assertThat(ProgressText.duration(75.4)).isEqualTo("1:15");
        assertThat(ProgressText.duration(3600)).isEqualTo("1:00:00");
    }
}
