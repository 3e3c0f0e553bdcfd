package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.losslab.train.RunStatus;
import org.junit.jupiter.api.Test;

/** Multi-sample dropout as an experiment: the MLP's head samples on two moons, M = 1 and M = 8. */
class MultiSampleDropoutTrainingTest {

    private static ExperimentSpec moons(int headSamples) throws ExperimentException {
        return Experiments.parse("""
                {
                  "seed": 5, "engine": "pytorch",
                  "data": {"id": "moons", "params": {"n": 400, "noise": 0.1}},
                  "model": {"id": "mlp", "params": {"layers": 2, "width": 16, "headSamples": M}},
                  "loss": {"id": "multi-sample-dropout"},
                  "optimizer": {"kind": "adam", "learningRate": 0.02},
                  "batchSize": 64, "steps": 300, "evalEvery": 100
                }
                """.replace("M}", headSamples + "}"), "test.json");
    }

    @Test
    void bothOneAndEightHeadSamplesLearnTheMoons() throws Exception {
        for (int m : new int[] {1, 8}) {
            HeadlessRun.Outcome o = HeadlessRun.run(Experiments.resolve(moons(m)), null, null);
            assertThat(o.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(o.finalValues().get("val/accuracy")).as("M = %d", m).isGreaterThan(0.9);
            assertThat(o.metrics().get(0).value()).as("M = %d: first train loss", m).isGreaterThan(0.3);
            assertThat(o.finalValues().get("val/loss")).as("M = %d", m).isLessThan(0.3);
        }
    }

    @Test
    void withoutHeadSamplesTheLossIsRefusedWithTheOptionToSet() throws Exception {
        try {
            Experiments.resolve(moons(0));
            throw new AssertionError("accepted a model without head samples");
        } catch (ExperimentException e) {
            assertThat(e.field()).isEqualTo("model.params.headSamples");
            assertThat(e.getMessage()).contains("multi-sample-dropout").contains("headSamples");
        }
    }
}
