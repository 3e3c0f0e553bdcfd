package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Request;
import org.losslab.analysis.LossShapeProbe.Settings;
import org.losslab.engine.Engines;

/** The worker behind the explorer's sliders: the newest submission wins and its curves are the ones held. */
class LossShapeWorkerTest {

    @Test
    void aBurstOfSubmissionsEndsWithTheCurvesOfTheLast() throws Exception {
        try (LossShapeWorker worker = new LossShapeWorker(Engines.DEFAULT)) {
            assertThat(worker.candidates().get(60, TimeUnit.SECONDS)).isNotEmpty();
            List<Request> focal = List.of(new Request("focal", Plot.CLASSIFICATION, Map.of("gamma", 1.0)));
            long last = 0;
            for (int i = 1; i <= 50; i++) {
                last = worker.submit(focal, Settings.defaults().withScale(0.5 + i * 0.05));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((worker.latest() == null || worker.latest().generation() < last) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            LossShapeWorker.Result r = worker.latest();
            assertThat(r.generation()).isEqualTo(last);
            assertThat(r.error()).isNull();
            assertThat(r.settings().scale()).isCloseTo(3.0, within(1e-12));
            assertThat(worker.computed() + worker.skipped()).isEqualTo(50);
            assertThat(worker.skipped()).as("a burst is not computed 50 times").isPositive();
            assertThat(worker.newerThan(last)).isNull();
            assertThat(worker.newerThan(last - 1)).isSameAs(r);
            // Focal γ = 1 at m = 0, scale 3, three classes: p = 1/3, ℓ = (2/3)·log 3.
            LossShapeProbe.Shape s = r.shapes().get(0);
            assertThat(s.loss()[120]).isCloseTo(2.0 / 3 * Math.log(3), within(1e-12));
            assertThat(r.nanos()).isPositive();
        }
    }
}
