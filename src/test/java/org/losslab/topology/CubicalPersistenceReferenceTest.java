package org.losslab.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The barcode against brute force on random maps, with and without ties: at every threshold t the intervals alive
 * equal the Betti numbers of {map ≥ t} (β0 by flood fill, β1 by the Euler characteristic), and for every pair of
 * thresholds s ≥ t the intervals alive across [t, s] equal the persistent rank, which pins down the pairing.
 */
class CubicalPersistenceReferenceTest {

    static java.util.stream.Stream<Arguments> maps() {
        java.util.List<Arguments> out = new java.util.ArrayList<>();
        Random random = new Random(20230723);
        int[][] shapes = {{8, 8}, {12, 12}, {1, 9}, {9, 1}, {5, 11}, {2, 2}, {1, 1}};
        for (Construction construction : Construction.values()) {
            for (int[] shape : shapes) {
                for (int levels : new int[] {2, 3, 5, 0}) {
                    for (int rep = 0; rep < 4; rep++) {
                        double[] v = new double[shape[0] * shape[1]];
                        for (int i = 0; i < v.length; i++) {
                            // levels = 0: continuous values; otherwise few levels, so plateaus and ties abound
                            v[i] = levels == 0 ? random.nextDouble() : random.nextInt(levels) / (double) levels;
                        }
                        String name = shape[0] + "x" + shape[1] + " levels=" + levels + " #" + rep + " "
                                + construction;
                        out.add(Arguments.of(name, ScalarMap.of(name, shape[0], shape[1], v), construction));
                    }
                }
            }
        }
        return out.stream();
    }

    private static double[] thresholds(ScalarMap map) {
        TreeSet<Double> values = new TreeSet<>();
        for (int i = 0; i < map.size(); i++) {
            values.add(map.value(i));
        }
        values.add(values.first() - 1);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void intervalsAliveAtEachThresholdAreTheBettiNumbers(String name, ScalarMap map, Construction construction) {
        Barcode barcode = CubicalPersistence.compute(map, construction);
        for (double t : thresholds(map)) {
            boolean[] set = BruteForceTopology.atLeast(map, t);
            assertThat(barcode.bettiAt(0, t)).as("β0 at %s", t)
                    .isEqualTo(BruteForceTopology.betti0(set, map.height(), map.width(), construction));
            assertThat(barcode.bettiAt(1, t)).as("β1 at %s", t)
                    .isEqualTo(BruteForceTopology.betti1ByEuler(set, map.height(), map.width(), construction));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void intervalsAliveAcrossTwoThresholdsAreThePersistentRanks(String name, ScalarMap map, Construction construction) {
        Barcode barcode = CubicalPersistence.compute(map, construction);
        double[] ts = thresholds(map);
        for (double s : ts) {
            for (double t : ts) {
                if (t > s) {
                    continue;
                }
                assertThat(aliveAcross(barcode, 0, s, t)).as("rank H0 %s → %s", s, t)
                        .isEqualTo(BruteForceTopology.persistentRank0(map, s, t, construction));
                assertThat(aliveAcross(barcode, 1, s, t)).as("rank H1 %s → %s", s, t)
                        .isEqualTo(BruteForceTopology.persistentRank1(map, s, t, construction));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void everyIntervalNamesPixelsThatCarryItsValues(String name, ScalarMap map, Construction construction) {
        Barcode barcode = CubicalPersistence.compute(map, construction);
        for (int dim = 0; dim <= 1; dim++) {
            for (PersistenceInterval i : barcode.dimension(dim)) {
                assertThat(map.value(i.birthPixel())).isEqualTo(i.birth());
                assertThat(i.isEssential() || map.value(i.deathPixel()) == i.death()).isTrue();
                assertThat(i.persistence()).isPositive();
            }
        }
        assertThat(barcode.dim0()).filteredOn(PersistenceInterval::isEssential).hasSize(1);
        assertThat(barcode.dim1()).noneMatch(PersistenceInterval::isEssential);
    }

    private static int aliveAcross(Barcode barcode, int dim, double s, double t) {
        int n = 0;
        for (PersistenceInterval i : barcode.dimension(dim)) {
            n += i.isAliveAt(s) && i.isAliveAt(t) ? 1 : 0;
        }
        return n;
    }
}
