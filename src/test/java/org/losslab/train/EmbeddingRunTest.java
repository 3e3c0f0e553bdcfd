package org.losslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSplit;
import org.losslab.engine.OptimizerConfig;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;
import org.losslab.param.ParamValues;

/**
 * Embedding training on the UCI digits, digits 6–9 held out: the P×K run with the batch-hard triplet loss and the
 * two-view run with NT-Xent both lower their loss and improve retrieval on the seen classes' validation rows; the
 * metrics are measured on classes never trained on.
 */
class EmbeddingRunTest {

    private static TrainingSetup setup(String lossId, Map<String, Object> params, int dim, long steps) {
        DataSplit data = DataCatalog.get("digits").load(Map.of(), 3);
        var loss = LossCatalog.get().byId(lossId);
        WeightedLoss weighted = WeightedLoss.single(loss, ParamValues.resolve(lossId, loss.spec().params(), params));
        Mlp mlp = new Mlp(new int[] {64}, 1, 32, "relu", 0.0, dim);
        return new TrainingSetup("pytorch", data, mlp, weighted, OptimizerConfig.adam(0.003), 24, steps, 4, 50, 50);
    }

    @Test
    void tripletTrainingOnSeenClassesImprovesRetrievalAndReportsHeldOutMetrics() {
        EmbeddingSettings settings = new EmbeddingSettings(8, 4, 6, 4, 0.1, 400);
        try (EmbeddingRun run = new EmbeddingRun(setup("triplet-margin", Map.of("mining", "batchHard"), 8, 300),
                settings)) {
            assertThat(run.isTwoView()).isFalse();
            assertThat(run.classes().heldOutClasses()).containsExactly(6, 7, 8, 9);
            assertThat(run.heldOut().size()).isEqualTo(400);
            assertThat(java.util.Arrays.stream(run.heldOut().labels()).boxed().toList()).allMatch(y -> y >= 6);
            EmbeddingReport before = run.evaluate();
            double early = 0;
            double late = 0;
            for (int s = 0; s < 300; s++) {
                double loss = run.trainStep();
                assertThat(loss).isFinite();
                if (s < 30) {
                    early += loss / 30;
                } else if (s >= 270) {
                    late += loss / 30;
                }
            }
            EmbeddingReport after = run.evaluate();
            System.out.printf("triplet on digits: loss %.3f → %.3f; seen recall@1 %.3f → %.3f; held-out recall@1 "
                    + "%.3f → %.3f, NMI %.3f → %.3f%n", early, late, before.seenRecallAt1(), after.seenRecallAt1(),
                    before.recallAt1(), after.recallAt1(), before.nmi(), after.nmi());
            assertThat(late).isLessThan(early);
            assertThat(after.seenRecallAt1()).isGreaterThan(before.seenRecallAt1());
            assertThat(after.step()).isEqualTo(300);
            for (double v : new double[] {after.recallAt1(), after.recallAt5(), after.knnAccuracy(), after.nmi()}) {
                assertThat(v).isBetween(0.0, 1.0);
            }
            assertThat(after.recallAt5()).isGreaterThanOrEqualTo(after.recallAt1());
            assertThat(run.embed(run.heldOut())).hasNumberOfRows(400);
        }
    }

    @Test
    void twoViewTrainingPassesBothViewsThroughOneNetwork() {
        EmbeddingSettings settings = new EmbeddingSettings(8, 6, 8, 4, 0.3, 300);
        try (EmbeddingRun run = new EmbeddingRun(setup("nt-xent", Map.of("tau", 0.2), 8, 200), settings)) {
            assertThat(run.isTwoView()).isTrue();
            EmbeddingReport before = run.evaluate();
            double early = 0;
            double late = 0;
            for (int s = 0; s < 200; s++) {
                double loss = run.trainStep();
                if (s < 20) {
                    early += loss / 20;
                } else if (s >= 180) {
                    late += loss / 20;
                }
            }
            EmbeddingReport after = run.evaluate();
            System.out.printf("nt-xent on digits: loss %.3f → %.3f; held-out recall@1 %.3f → %.3f, uniformity %.3f "
                    + "→ %.3f%n", early, late, before.recallAt1(), after.recallAt1(), before.uniformity(),
                    after.uniformity());
            assertThat(late).isLessThan(early);
            assertThat(after.uniformity()).isLessThan(0);
        }
    }

    @Test
    void refusesLossesWhoseInputsItDoesNotSupplyAndAMismatchedModel() {
        assertThat(EmbeddingRun.supports(WeightedLoss.of("triplet-margin"))).isNull();
        assertThat(EmbeddingRun.supports(WeightedLoss.of("nt-xent"))).isNull();
        assertThat(EmbeddingRun.supports(WeightedLoss.of("proto-triplet"))).contains("proto-triplet")
                .contains("prototypes");
        assertThatThrownBy(() -> new EmbeddingRun(setup("triplet-margin", Map.of(), 3, 10),
                new EmbeddingSettings(8, 4, 6, 4, 0.1, 100))).hasMessageContaining("dim");
        assertThatThrownBy(() -> new EmbeddingSettings(0, 4, 6, 4, 0.1, 100)).hasMessageContaining("dim");
        assertThatThrownBy(() -> new EmbeddingSettings(2, 1, 6, 4, 0.1, 100)).hasMessageContaining("classesPerBatch");
    }
}
