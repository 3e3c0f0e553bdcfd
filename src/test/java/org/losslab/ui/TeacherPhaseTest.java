package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.MetricPoint;
import org.losslab.train.Progress;
import org.losslab.train.RunStatus;
import org.junit.jupiter.api.Test;

/**
 * A distillation experiment in the training service (no stage): the loaded run waits for Train, the teacher's
 * steps reach the feed as "Training teacher… step s/S", and only the student's metrics reach the curves.
 */
class TeacherPhaseTest {

    @Test
    void theTeacherTrainsFirstAndNamesItselfInTheProgress() throws Exception {
        ResolvedExperiment experiment = Experiments.resolve(Experiments.parse("""
                {"seed": 2, "engine": "pytorch",
                 "data": {"id": "moons", "params": {"n": 300}},
                 "model": {"id": "mlp", "params": {"layers": 1, "width": 8, "heads": 2}},
                 "loss": {"id": "dual-head-kd"},
                 "batchSize": 32, "steps": 40, "evalEvery": 20,
                 "teacher": {"model": {"id": "mlp", "params": {"layers": 1, "width": 16}}, "steps": 400}}
                """, "test.json"));
        List<String> messages = new ArrayList<>();
        List<MetricPoint> points = new ArrayList<>();
        RunStatus end = null;
        try (TrainingService service = new TrainingService(false)) {
            TrainingFeed feed = service.load(experiment);
            Thread.sleep(300);
            assertThat(service.isPaused()).as("a loaded run waits for Train").isTrue();
            service.train();
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (end == null && System.nanoTime() < deadline) {
                TrainingFeed.Frame frame = feed.drain();
                points.addAll(frame.points());
                if (frame.progress() != null && !frame.progress().message().isEmpty()) {
                    messages.add(frame.progress().message());
                }
                for (Progress p : frame.statusChanges()) {
                    if (p.status() == RunStatus.FINISHED || p.status() == RunStatus.FAILED) {
                        end = p.status();
                    }
                }
                Thread.sleep(2);
            }
        }
        assertThat(end).isEqualTo(RunStatus.FINISHED);
        assertThat(messages).anySatisfy(m -> assertThat(m).matches("Training teacher… step \\d+/400"));
        assertThat(points).isNotEmpty();
        assertThat(points).allSatisfy(p -> assertThat(p.step()).as("student steps only").isLessThanOrEqualTo(40));
    }
}
