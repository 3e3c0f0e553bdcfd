package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.param.InvalidParameterException;

class SyntheticSourcesTest {

    static Stream<SyntheticSource> generators() {
        return Stream.of(new SpiralsSource(), new MoonsSource(), new BlobsSource(), new CirclesSource(),
                new XorSource());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void sameSeedGivesIdenticalData(SyntheticSource g) {
        Map<String, Object> p = Map.of("labelNoise", 0.1);
        DataSplit a = g.load(p, 42);
        DataSplit b = g.load(p, 42);
        assertThat(a.train().features()).containsExactly(b.train().features());
        assertThat(a.train().labels()).containsExactly(b.train().labels());
        assertThat(a.validation().features()).containsExactly(b.validation().features());
        assertThat(a.validation().labels()).containsExactly(b.validation().labels());
        assertThat(a.train()).isEqualTo(b.train());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void differentSeedsGiveDifferentData(SyntheticSource g) {
        DataSplit a = g.load(Map.of(), 1);
        DataSplit b = g.load(Map.of(), 2);
        assertThat(a.train().features()).isNotEqualTo(b.train().features());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void defaultsGiveBalancedClassesAndTheValidationShare(SyntheticSource g) {
        DataSplit s = g.load(Map.of(), 7);
        assertThat(s.train().size() + s.validation().size()).isEqualTo(600);
        assertThat(s.validation().size()).isEqualTo(120);
        assertThat(s.test()).isEmpty();
        assertThat(s.train().isTwoDimensional()).isTrue();
        assertThat(g.twoDimensional()).isTrue();
        int k = s.train().numClasses();
        int[] total = new int[k];
        for (Dataset part : List.of(s.train(), s.validation())) {
            int[] c = part.classCounts();
            for (int i = 0; i < k; i++) {
                total[i] += c[i];
            }
        }
        int min = java.util.Arrays.stream(total).min().orElseThrow();
        int max = java.util.Arrays.stream(total).max().orElseThrow();
        assertThat(max - min).as("class counts %s", java.util.Arrays.toString(total)).isLessThanOrEqualTo(1);
        // the validation part is stratified too
        for (int c : s.validation().classCounts()) {
            assertThat(c).isCloseTo(120 / k, within(1));
        }
    }

    @ParameterizedTest
    @MethodSource("generators")
    void pointsStayInTheDocumentedBox(SyntheticSource g) {
        DataSplit s = g.load(Map.of("n", 3000), 3);
        BoundingBox box = s.boundingBox();
        // clean points lie in [-1, 1]² for every generator; default jitter adds at most a few standard deviations
        assertThat(box.minX()).isGreaterThan(-1.9);
        assertThat(box.minY()).isGreaterThan(-1.9);
        assertThat(box.maxX()).isLessThan(1.9);
        assertThat(box.maxY()).isLessThan(1.9);
        assertThat(box.width()).isGreaterThan(1.0);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void cleanPointsLieInTheUnitSquare(SyntheticSource g) {
        BoundingBox box = g.load(Map.of("n", 3000, "noise", 0), 3).boundingBox();
        assertThat(box.minX()).isGreaterThanOrEqualTo(-1);
        assertThat(box.minY()).isGreaterThanOrEqualTo(-1);
        assertThat(box.maxX()).isLessThanOrEqualTo(1);
        assertThat(box.maxY()).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void labelNoiseFlipsTheStatedFractionOfTrainingLabelsOnly(SyntheticSource g) {
        DataSplit clean = g.load(Map.of("n", 2000), 11);
        DataSplit noisy = g.load(Map.of("n", 2000, "labelNoise", 0.25), 11);
        // the same points: label noise must not move anything
        assertThat(noisy.train().features()).containsExactly(clean.train().features());
        assertThat(noisy.validation().features()).containsExactly(clean.validation().features());
        assertThat(noisy.validation().labels()).as("validation stays clean").containsExactly(clean.validation().labels());
        int[] a = clean.train().labels();
        int[] b = noisy.train().labels();
        int flipped = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                flipped++;
            }
        }
        assertThat((double) flipped / a.length).isCloseTo(0.25, within(0.002));
    }

    @Test
    void labelNoiseSpreadsOverTheOtherClasses() {
        Map<String, Object> p = Map.of("n", 6000, "classes", 4, "labelNoise", 0.5);
        int[] clean = new BlobsSource().load(Map.of("n", 6000, "classes", 4), 5).train().labels();
        int[] noisy = new BlobsSource().load(p, 5).train().labels();
        int[][] moves = new int[4][4];
        for (int i = 0; i < clean.length; i++) {
            moves[clean[i]][noisy[i]]++;
        }
        for (int from = 0; from < 4; from++) {
            int stay = moves[from][from];
            int total = java.util.Arrays.stream(moves[from]).sum();
            assertThat((double) stay / total).isCloseTo(0.5, within(0.05));
            for (int to = 0; to < 4; to++) {
                if (to != from) {
                    // each other class gets about a third of the flips
                    assertThat((double) moves[from][to] / total).isCloseTo(0.5 / 3, within(0.04));
                }
            }
        }
    }

    @Test
    void spiralRadiusGrowsWithAngle() {
        DataSplit s = new SpiralsSource().load(Map.of("n", 2000, "noise", 0, "arms", 3), 8);
        Dataset all = s.train();
        for (int arm = 0; arm < 3; arm++) {
            final int a = arm;
            double[][] pts = java.util.stream.IntStream.range(0, all.size()).filter(i -> all.label(i) == a)
                    .mapToObj(all::row).sorted(java.util.Comparator.comparingDouble(p -> Math.hypot(p[0], p[1])))
                    .toArray(double[][]::new);
            assertThat(pts.length).isGreaterThan(400);
            double unwrapped = 0;
            double prev = Math.atan2(pts[0][1], pts[0][0]);
            for (int i = 1; i < pts.length; i++) {
                double angle = Math.atan2(pts[i][1], pts[i][0]);
                double step = Math.IEEEremainder(angle - prev, 2 * Math.PI);
                assertThat(step).as("arm %d turns counter-clockwise as it grows", a).isGreaterThanOrEqualTo(-1e-9);
                unwrapped += step;
                prev = angle;
            }
            double rMin = Math.hypot(pts[0][0], pts[0][1]);
            double rMax = Math.hypot(pts[pts.length - 1][0], pts[pts.length - 1][1]);
            assertThat(rMin).isGreaterThanOrEqualTo(SpiralsSource.INNER_RADIUS - 1e-12).isLessThan(0.15);
            assertThat(rMax).isLessThanOrEqualTo(1.0).isGreaterThan(0.95);
            // 1.5 turns by default: the angle grows linearly with the radius, 2π·1.5 over r from 0.1 to 1
            double expected = 2 * Math.PI * 1.5 * (rMax - rMin) / (1 - SpiralsSource.INNER_RADIUS);
            assertThat(unwrapped).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void spiralArmsAreRotatedCopies() {
        Dataset d = new SpiralsSource().load(Map.of("n", 1000, "noise", 0), 4).train();
        // on arm j the angle minus 2π·turns·t is 2πj/k, with t from the radius
        for (int i = 0; i < d.size(); i++) {
            double[] p = d.row(i);
            double r = Math.hypot(p[0], p[1]);
            double t = (r - SpiralsSource.INNER_RADIUS) / (1 - SpiralsSource.INNER_RADIUS);
            double offset = Math.atan2(p[1], p[0]) - 2 * Math.PI * 1.5 * t - Math.PI * d.label(i);
            assertThat(Math.IEEEremainder(offset, 2 * Math.PI)).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void armsAndClassesSetTheNumberOfClasses() {
        assertThat(new SpiralsSource().load(Map.of("arms", 5), 1).train().numClasses()).isEqualTo(5);
        assertThat(new SpiralsSource().load(Map.of(), 1).train().classNames()).containsExactly("spiral 1", "spiral 2");
        assertThat(new BlobsSource().load(Map.of("classes", 7), 1).train().numClasses()).isEqualTo(7);
        assertThat(new BlobsSource().load(Map.of(), 1).train().numClasses()).isEqualTo(3);
    }

    @Test
    void xorAndCirclesLabelsFollowTheGeometry() {
        Dataset xor = new XorSource().load(Map.of("noise", 0), 2).train();
        for (int i = 0; i < xor.size(); i++) {
            double[] p = xor.row(i);
            assertThat(xor.label(i)).isEqualTo(p[0] * p[1] > 0 ? 0 : 1);
            assertThat(Math.min(Math.abs(p[0]), Math.abs(p[1]))).isGreaterThanOrEqualTo(XorSource.MARGIN);
        }
        Dataset circles = new CirclesSource().load(Map.of("noise", 0), 2).train();
        for (int i = 0; i < circles.size(); i++) {
            double r = Math.hypot(circles.feature(i, 0), circles.feature(i, 1));
            if (circles.label(i) == 0) {
                assertThat(r).isLessThanOrEqualTo(0.5);
            } else {
                assertThat(r).isBetween(0.7, 1.0);
            }
        }
    }

    @Test
    void noiseMovesTheSamePoints() {
        Dataset clean = new MoonsSource().load(Map.of("noise", 0), 6).train();
        Dataset noisy = new MoonsSource().load(Map.of("noise", 0.1), 6).train();
        assertThat(noisy.labels()).containsExactly(clean.labels());
        double sq = 0;
        double[] a = clean.features();
        double[] b = noisy.features();
        for (int i = 0; i < a.length; i++) {
            sq += (a[i] - b[i]) * (a[i] - b[i]);
        }
        assertThat(Math.sqrt(sq / a.length)).isCloseTo(0.1, within(0.01));
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThatThrownBy(() -> new SpiralsSource().load(Map.of("arms", 1), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dataset 'spirals'")
                .hasMessageContaining("'arms'");
        assertThatThrownBy(() -> new MoonsSource().load(Map.of("labelNoise", 1.5), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'labelNoise'");
        assertThatThrownBy(() -> new XorSource().load(Map.of("radius", 1), 1))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("is not a parameter");
        assertThatThrownBy(() -> new SpiralsSource().load(Map.of("n", 20, "arms", 8), 1))
                .isInstanceOf(DataException.class).hasMessageContaining("too few points for 8 classes");
    }

    @Test
    void sourceRecordsTheGeneratorParametersAndSeed() {
        Dataset d = new CirclesSource().load(Map.of("n", 100), 99).train();
        assertThat(d.source()).contains("Circles").contains("n=100").contains("seed 99");
    }
}
