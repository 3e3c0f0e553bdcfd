package org.losslab.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.engine.HostArray;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two checks every classification loss gets on every engine: the hand-computed value on z = [2, 1, 0], y = 0
 * (p = softmax(z) = [0.665241, 0.244728, 0.090031]), and agreement with a naive per-row reference written with
 * plain loops on random inputs. Subclasses add the loss's own cases.
 */
abstract class ClassificationLossCase {

    /** The catalogue id. */
    abstract String id();

    /** Hyperparameters of the random-input comparison (not the defaults, where a loss has any). */
    abstract Map<String, ?> referenceParams();

    /** ℓ for z = [2, 1, 0], y = 0 with default hyperparameters, computed by hand. */
    abstract double workedExample();

    /** The naive reference for one row with {@link #referenceParams()}. */
    abstract double reference(double[] z, int y);

    static List<String> engines() {
        return LossTesting.engines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExample(String engine) {
        var r = LossTesting.evaluate(engine, id(), Map.of(), LossTesting.classification(new double[][] {{2, 1, 0}}, 0), false);
        assertThat(r.loss()).isCloseTo(workedExample(), within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = LossTesting.randomClassification(31, 12, 4);
        double[] expected = LossTesting.reference(in, this::reference);
        var r = LossTesting.evaluate(engine, id(), referenceParams(), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(r.loss()).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-9));
    }
}
