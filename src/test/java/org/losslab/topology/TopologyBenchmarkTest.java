package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's maps are seeded, scaled to [0, 1] and topologically busy. */
class TopologyBenchmarkTest {

    @Test
    void smoothMapsAreSeededAndSpanTheUnitInterval() {
        ScalarMap a = TopologyBenchmark.smoothMap(64, 48, 3);
        assertThat(a).isEqualTo(TopologyBenchmark.smoothMap(64, 48, 3));
        assertThat(a).isNotEqualTo(TopologyBenchmark.smoothMap(64, 48, 4));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : a.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1.0);
        Barcode noisy = CubicalPersistence.compute(a);
        Barcode smooth = CubicalPersistence.compute(TopologyBenchmark.smoothMap(64, 48, 3, 0.0));
        assertThat(noisy.dim0().size()).isGreaterThan(10 * smooth.dim0().size());
    }
}
