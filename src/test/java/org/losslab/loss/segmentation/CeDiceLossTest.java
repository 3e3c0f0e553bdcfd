package org.losslab.loss.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Stream;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ce-dice: ℓ = CE + dice, CE = mean over pixels of −log P_y. */
class CeDiceLossTest {
    private static final String ID = "ce-dice";

    static Stream<String> engines() {
        return SegmentationTesting.engines();
    }

    /** LOSSES.md: on the dice image CE = 0.105080, dice = −0.875000, ce-dice = −0.769920. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        Map<String, HostArray> image = SegmentationTesting.diceImage();
        assertThat(LossTesting.evaluate(engine, ID, Map.of("diceWeight", 0.0), image, false).loss())
                .as("CE alone").isCloseTo(0.105080, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.0), image, false).loss())
                .as("dice alone").isCloseTo(-0.875000, within(1e-6));
        assertThat(LossTesting.evaluate(engine, ID, Map.of(), image, false).loss())
                .isCloseTo(0.105080 - 0.875000, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveLoopWithThreeClassesAndWeights(String engine) {
        Map<String, HostArray> in = SegmentationTesting.randomLogits(5, 3, 3, 4, 6);
        var r = LossTesting.evaluate(engine, ID, Map.of("ceWeight", 0.7, "diceWeight", 2.0), in, false);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double dice = SegmentationTesting.negativeDice(
                    SegmentationTesting.classProbabilities(in.get("logits"), i),
                    SegmentationTesting.image(in.get("target"), i));
            expected[i] = 0.7 * SegmentationTesting.crossEntropy(in.get("logits"), in.get("target"), i) + 2 * dice;
        }
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-12));
    }
}
