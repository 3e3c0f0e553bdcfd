package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ball loss and its model must agree: hyp-ce needs the Poincaré MLP, with the same curvature. */
class BallConsistencyTest {

    private static ExperimentSpec sample() throws Exception {
        return Experiments.sample("blobs-hyperbolic.json");
    }

    @Test
    void theSampleResolvesWithTheHyperbolicArmOnTop() throws Exception {
        ResolvedExperiment r = Experiments.resolve(sample());
        assertThat(r.setup().model().outputNames()).contains("points", "mlrA", "mlrP");
        assertThat(r.setup().loss().label()).isEqualTo("hyp-ce");
        assertThat(r.spec().compare()).hasSize(2);
    }

    @Test
    void hypCeWithAPlainMlpIsRefusedAtTheLossId() throws Exception {
        ExperimentSpec spec = sample().withModel(new ExperimentSpec.Component("mlp", Map.of()));
        assertThatThrownBy(() -> Experiments.resolve(spec)).isInstanceOf(ExperimentException.class)
                .satisfies(e -> assertThat(((ExperimentException) e).field()).isEqualTo("loss.id"))
                .hasMessageContaining("points").hasMessageContaining("poincare-mlp");
    }

    @Test
    void anotherCurvatureInTheLossIsRefusedAtItsParameter() throws Exception {
        ExperimentSpec spec = sample().withLoss(new ExperimentSpec.LossChoice("hyp-ce", Map.of("c", 0.5), null));
        assertThatThrownBy(() -> Experiments.resolve(spec)).isInstanceOf(ExperimentException.class)
                .satisfies(e -> assertThat(((ExperimentException) e).field()).isEqualTo("loss.params.c"))
                .hasMessageContaining("0.5").hasMessageContaining("0.1");
    }

    @Test
    void crossEntropyTrainsThePoincareMlpToo() throws Exception {
        ExperimentSpec spec = sample().withLoss(ExperimentSpec.LossChoice.single("cross-entropy"));
        assertThat(Experiments.resolve(spec).setup().loss().label()).isEqualTo("cross-entropy");
    }
}
