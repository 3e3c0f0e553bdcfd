package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.engine.Engines;
import org.losslab.engine.OptimizerConfig;
import org.losslab.experiment.Experiments;

/** After a divergence the user lowers the learning rate while paused and resumes: the next step uses the new rate. */
class LearningRateWhilePausedTest {

    @Test
    void aRateLoweredWhilePausedGovernsTheNextStep() throws Exception {
        TrainingSetup base = Experiments.resolve(Experiments.defaultExperiment().withEngine(Engines.DEFAULT)
                .withSteps(30)).setup();
        TrainingSetup setup = new TrainingSetup(base.engineId(), base.data(), base.model(), base.loss(),
                OptimizerConfig.adam(1000), base.batchSize(), base.steps(), base.seed(), base.evalEvery(),
                base.snapshotEvery());
        RunControl control = new RunControl();
        List<RunStatus> statuses = new ArrayList<>();
        try (TrainingRun run = new TrainingRun(setup)) {
            RunStatus end = run.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    if (p.status() != RunStatus.RUNNING) {
                        statuses.add(p.status());
                    }
                    // The pause announced after a divergence: the loop is now waiting, as when a user edits the rate.
                    if (p.status() == RunStatus.PAUSED && statuses.contains(RunStatus.DIVERGED)) {
                        control.setLearningRate(0.01);
                        control.resume();
                    }
                    if (statuses.size() > 10) {
                        control.stop();
                    }
                }
            });
            assertThat(end).isEqualTo(RunStatus.FINISHED);
            assertThat(statuses).containsExactly(RunStatus.DIVERGED, RunStatus.PAUSED, RunStatus.FINISHED);
            assertThat(run.learningRate()).isEqualTo(0.01);
        }
    }
}
