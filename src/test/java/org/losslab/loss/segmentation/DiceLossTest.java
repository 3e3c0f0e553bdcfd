package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dice (TopoMortar): ℓ = −mean_c (2ΣP_cY_c + 1e-5)/(ΣP_c + ΣY_c + 1e-5), softmax over channels. */
class DiceLossTest {
    private static final String ID = "dice";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md: foreground Dice 11.2/14 = 0.8, background 53.2/56 = 0.95 → −0.875. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        var r = LossTesting.evaluate(engine, ID, Map.of(), SegmentationTesting.diceImage(), false);
        assertThat(r.loss()).isCloseTo(-0.875000, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopWithThreeClasses(String engine) {
        Map<String, HostArray> in = SegmentationTesting.randomLogits(3, 4, 3, 5, 6);
        var r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = SegmentationTesting.negativeDice(SegmentationTesting.classProbabilities(in.get("logits"), i),
                    SegmentationTesting.image(in.get("target"), i));
        }
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aConfidentCorrectPredictionApproachesMinusOne(String engine) {
        double[] target = {0, 1, 1, 0, 1, 0};
        double[] z = new double[12];
        for (int p = 0; p < 6; p++) {
            z[(int) target[p] * 6 + p] = 40; // the true channel far ahead
        }
        var r = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("logits", HostArray.wrap(z, 1, 2, 2, 3), "target", HostArray.of(target, 1, 2, 3)), false);
        assertThat(r.loss()).isCloseTo(-1, within(1e-9)).isGreaterThanOrEqualTo(-1);
    }

    @Test
    void refusesClassIndicesBeyondTheChannels() {
        Map<String, HostArray> in = new HashMap<>(SegmentationTesting.randomLogits(1, 1, 2, 2, 2));
        in.put("target", HostArray.of(new double[] {0, 1, 2, 0}, 1, 2, 2));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("target").hasMessageContaining("class indices");
        in.put("target", HostArray.of(new double[] {0, 1, 1, 0}, 1, 4));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("target").hasMessageContaining("logits");
    }
}
