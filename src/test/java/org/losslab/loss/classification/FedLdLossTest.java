package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** fedld: L = mean_i CE_i + λ·log(1 + ‖softmax(Z)‖²_F); per example CE_i + λ·log(1 + ‖P‖²_F). */
class FedLdLossTest {
    private static final String ID = "fedld";

    static List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        // Z = [[2,0],[0,1]], y = [0,1]: CE = [0.126928, 0.313262] (mean 0.220095), ‖P‖²_F = 1.396789, L = 0.246319.
        var r = LossTesting.evaluate(engine, ID, Map.of(),
                LossTesting.classification(new double[][] {{2, 0}, {0, 1}}, 0, 1), false);
        assertThat(r.loss()).isCloseTo(0.246319, within(1e-6));
        double penalty = 0.03 * Math.log(1 + 1.3967889627100232);
        assertThat(r.perExample().data()).containsExactly(
                new double[] {0.12692801104297263 + penalty, 0.31326168751822286 + penalty}, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(71, 12, 5);
        double lambda = 0.2;
        double squaredNorm = 0;
        double[] crossEntropy = LossTesting.reference(in, (z, y) -> -Math.log(LossTesting.softmax(z)[y]));
        HostArray z = in.get("logits");
        for (int i = 0; i < 12; i++) {
            double[] rowLogits = new double[5];
            System.arraycopy(z.data(), i * 5, rowLogits, 0, 5);
            for (double p : LossTesting.softmax(rowLogits)) {
                squaredNorm += p * p;
            }
        }
        double penalty = lambda * Math.log(1 + squaredNorm);
        var r = LossTesting.evaluate(engine, ID, Map.of("lambda", lambda), in, false);
        double mean = 0;
        for (int i = 0; i < 12; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(crossEntropy[i] + penalty, within(1e-12));
            mean += crossEntropy[i] / 12;
        }
        assertThat(r.loss()).as("mean CE plus the penalty once").isCloseTo(mean + penalty, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void lambdaZeroIsCrossEntropy(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(73, 8, 3);
        var r = LossTesting.evaluate(engine, ID, Map.of("lambda", 0.0), in, true);
        var ce = LossTesting.evaluate(engine, "cross-entropy", Map.of(), in, true);
        assertThat(r.perExample().data()).containsExactly(ce.perExample().data(), within(1e-15));
        assertThat(r.gradients().get("logits").data()).containsExactly(ce.gradients().get("logits").data(), within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void thePenaltyCouplesTheBatch(String engine) {
        // Moving the second example's logits changes the first example's value, through ‖P‖²_F only.
        var before = LossTesting.evaluate(engine, ID, Map.of(),
                LossTesting.classification(new double[][] {{2, 0}, {0, 1}}, 0, 1), false);
        var after = LossTesting.evaluate(engine, ID, Map.of(),
                LossTesting.classification(new double[][] {{2, 0}, {0, 4}}, 0, 1), false);
        double p = 1 / (1 + Math.exp(-4));
        double squaredNormAfter = 0.7758034925743758 + 0.014209336618611037 + p * p + (1 - p) * (1 - p);
        double firstCrossEntropy = 0.12692801104297263;
        assertThat(after.perExample().data()[0]).isCloseTo(firstCrossEntropy + 0.03 * Math.log(1 + squaredNormAfter),
                within(1e-12));
        assertThat(after.perExample().data()[0]).isGreaterThan(before.perExample().data()[0]);
    }
}
