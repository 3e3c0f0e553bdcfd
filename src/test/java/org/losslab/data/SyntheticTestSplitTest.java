package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code testFraction} of the 2-D generators: a stratified, disjoint, clean test set; 0 keeps the old split. */
class SyntheticTestSplitTest {

    @Test
    void aTestFractionHoldsOutAStratifiedTestSet() {
        DataSplit s = new BlobsSource().load(Map.of("n", 800, "classes", 4, "validationFraction", 0.25,
                "testFraction", 0.25, "labelNoise", 0.2), 9);
        Dataset test = s.test().orElseThrow();
        assertThat(test.size()).isEqualTo(200);
        assertThat(s.validation().size()).isEqualTo(200);
        assertThat(s.train().size()).isEqualTo(400);
        assertThat(test.classCounts()).containsExactly(50, 50, 50, 50);
        Set<String> seen = new HashSet<>();
        for (Dataset d : new Dataset[] {s.train(), s.validation(), test}) {
            for (int i = 0; i < d.size(); i++) {
                assertThat(seen.add(d.feature(i, 0) + "," + d.feature(i, 1))).as("point in two parts").isTrue();
            }
        }
    }

    @Test
    void noTestFractionKeepsTheSplitItHadBefore() {
        DataSplit withDefault = new MoonsSource().load(Map.of("n", 300), 4);
        DataSplit explicitZero = new MoonsSource().load(Map.of("n", 300, "testFraction", 0.0), 4);
        assertThat(withDefault.test()).isEmpty();
        assertThat(explicitZero.train().features()).containsExactly(withDefault.train().features());
        assertThat(explicitZero.validation().labels()).containsExactly(withDefault.validation().labels());
    }
}
