package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.losslab.param.InvalidParameterException;

/** Label noise on the bundled image sets: training labels only, the stated fraction exactly, validation and test clean. */
class ImageLabelNoiseTest {

    static List<DataSource> imageSets() {
        return List.of(new DigitsSource(), new Mnist10kSource());
    }

    private static Map<String, Object> params(DataSource s, double noise) {
        return s instanceof Mnist10kSource ? Map.of("trainLimit", 2000, "labelNoise", noise) : Map.of("labelNoise", noise);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageSets")
    void flipsTheStatedShareOfTrainingLabelsAndLeavesValidationAndTestClean(DataSource source) {
        DataSplit clean = source.load(params(source, 0.0), 7);
        DataSplit noisy = source.load(params(source, 0.3), 7);
        // Arrays.equals: AssertJ's containsExactly diffs a million pixels in quadratic time
        assertThat(Arrays.equals(noisy.train().features(), clean.train().features())).as("same images").isTrue();
        assertThat(noisy.validation().labels()).containsExactly(clean.validation().labels());
        assertThat(noisy.test().orElseThrow().labels()).containsExactly(clean.test().orElseThrow().labels());
        int[] a = clean.train().labels();
        int[] b = noisy.train().labels();
        int flipped = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                flipped++;
            }
        }
        assertThat(flipped).isEqualTo((int) Math.round(0.3 * a.length));
        assertThat(source.load(params(source, 0.3), 7).train().labels()).as("seeded").containsExactly(b);
    }

    @Test
    void noiseOutsideItsRangeIsRefusedByName() {
        assertThatThrownBy(() -> new DigitsSource().load(Map.of("labelNoise", 0.95), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'labelNoise'");
    }
}
