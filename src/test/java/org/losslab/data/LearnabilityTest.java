package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The default experiments must be winnable: a small MLP learns every generator at its default parameters. */
class LearnabilityTest {

    @Test
    void smallMlpLearnsDefaultTwoSpiralsToAtLeast97Percent() {
        DataSplit s = new SpiralsSource().load(Map.of(), 42);
        TinyMlp mlp = new TinyMlp(2, 16, 2, 1);
        mlp.train(s.train(), 600, 0.03);
        assertThat(mlp.accuracy(s.validation())).isGreaterThanOrEqualTo(0.97);
    }

    static Stream<SyntheticSource> others() {
        return Stream.of(new MoonsSource(), new BlobsSource(), new CirclesSource(), new XorSource());
    }

    @ParameterizedTest
    @MethodSource("others")
    void smallMlpLearnsTheOtherGeneratorsAtDefaults(SyntheticSource g) {
        DataSplit s = g.load(Map.of(), 42);
        TinyMlp mlp = new TinyMlp(2, 16, s.train().numClasses(), 1);
        mlp.train(s.train(), 300, 0.03);
        assertThat(mlp.accuracy(s.validation())).as(g.id()).isGreaterThanOrEqualTo(0.95);
    }
}
