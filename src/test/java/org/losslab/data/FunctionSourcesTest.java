package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamValues;

class FunctionSourcesTest {

    static Stream<FunctionSource> generators() {
        return Stream.of(new Function1dSource(), new Function2dSource());
    }

    private static ParamValues params(FunctionSource g, Map<String, Object> given) {
        return g.resolve(given);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void sameSeedGivesIdenticalDataAndOtherSeedsOtherData(FunctionSource g) {
        Map<String, Object> p = Map.of("outliers", 0.2);
        DataSplit a = g.load(p, 42);
        DataSplit b = g.load(p, 42);
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.validation()).isEqualTo(b.validation());
        assertThat(a.test()).isEqualTo(b.test());
        assertThat(g.load(p, 43).train().features()).isNotEqualTo(a.train().features());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void defaultsSplitIntoTrainValidationAndTestWithRealTargets(FunctionSource g) {
        DataSplit s = g.load(Map.of(), 7);
        int n = g.inputDims() == 1 ? 400 : 1000;
        Dataset test = s.test().orElseThrow();
        assertThat(test.size()).isEqualTo(n / 5);
        assertThat(s.validation().size()).isEqualTo(n / 5);
        assertThat(s.train().size()).isEqualTo(n - 2 * (n / 5));
        for (Dataset part : new Dataset[] {s.train(), s.validation(), test}) {
            assertThat(part.task()).isEqualTo(Task.REGRESSION);
            assertThat(part.targetDims()).isEqualTo(1);
            assertThat(part.modelOutputs()).isEqualTo(1);
            assertThat(part.numClasses()).isZero();
            assertThat(part.featureShape()).containsExactly(g.inputDims());
            for (double v : part.features()) {
                assertThat(v).isBetween(-1.0, 1.0);
            }
        }
        assertThat(g.task()).isEqualTo(Task.REGRESSION);
        assertThat(s.train().isTwoDimensional()).isEqualTo(g.twoDimensional()).isEqualTo(g.inputDims() == 2);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void validationAndTestTargetsAreTheCleanFunctionEvenWithNoiseAndOutliers(FunctionSource g) {
        Map<String, Object> given = Map.of("noise", 0.3, "outliers", 0.3, "outlierScale", 5.0);
        ParamValues p = params(g, given);
        DataSplit s = g.load(p, 11);
        TargetFunction f = g.function(p);
        for (Dataset clean : new Dataset[] {s.validation(), s.test().orElseThrow()}) {
            assertThat(clean.targets()).containsExactly(f.atRows(clean.features()));
            assertThat(clean.outlierCount()).isZero();
        }
        double[] train = s.train().targets();
        double[] truth = f.atRows(s.train().features());
        int differ = 0;
        for (int i = 0; i < train.length; i++) {
            differ += train[i] != truth[i] ? 1 : 0;
        }
        assertThat(differ).isEqualTo(train.length);
    }

    @Test
    void radialNoiseGrowsWithAbsXAsSpecified() {
        FunctionSource g = new Function1dSource();
        ParamValues p = params(g, Map.of("n", 50_000, "noise", 0.1, "noiseShape", "radial", "noiseGrowth", 2.0,
                "validationFraction", 0.01, "testFraction", 0.0));
        Dataset train = g.load(p, 5).train();
        TargetFunction f = g.function(p);
        double[] x = train.features();
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = train.target(i, 0) - f.at(x[i]);
        }
        // σ(x) = 0.1·(1 + 2|x|): about 0.12 near the middle, 0.28 at the edges
        double inner = sd(residual, x, 0.0, 0.2);
        double outer = sd(residual, x, 0.8, 1.0);
        assertThat(inner).isCloseTo(0.1 * (1 + 2 * 0.1), within(0.006));
        assertThat(outer).isCloseTo(0.1 * (1 + 2 * 0.9), within(0.01));
        // standardised by the stated σ(x), the noise is unit Gaussian everywhere
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = residual[i] / g.noiseSd(p, new double[] {x[i]});
        }
        assertThat(sd(z, x, 0.0, 0.5)).isCloseTo(1.0, within(0.03));
        assertThat(sd(z, x, 0.5, 1.0)).isCloseTo(1.0, within(0.03));
    }

    @Test
    void leftToRightNoiseGrowsWithXAndConstantNoiseDoesNot() {
        FunctionSource g = new Function1dSource();
        Map<String, Object> base = new HashMap<>(Map.of("n", 40_000, "noise", 0.1, "noiseGrowth", 3.0,
                "validationFraction", 0.01, "testFraction", 0.0));
        base.put("noiseShape", "left-to-right");
        ParamValues lr = params(g, base);
        assertThat(g.noiseSd(lr, new double[] {-1})).isCloseTo(0.1, within(1e-12));
        assertThat(g.noiseSd(lr, new double[] {1})).isCloseTo(0.4, within(1e-12));
        double[][] left = residuals(g, lr, -1.0, -0.8);
        double[][] right = residuals(g, lr, 0.8, 1.0);
        assertThat(rms(left[0])).isCloseTo(0.1 * (1 + 3 * 0.05), within(0.008));
        assertThat(rms(right[0])).isCloseTo(0.1 * (1 + 3 * 0.95), within(0.02));
        base.put("noiseShape", "constant");
        ParamValues constant = params(g, base);
        double[][] all = residuals(g, constant, -1.0, 1.0);
        assertThat(rms(all[0])).isCloseTo(0.1, within(0.002));
        assertThat(g.noiseSd(constant, new double[] {1})).isEqualTo(0.1);
    }

    @Test
    void radialNoiseIn2dGrowsWithTheDistanceFromTheOrigin() {
        FunctionSource g = new Function2dSource();
        ParamValues p = params(g, Map.of("noise", 0.1, "noiseGrowth", 2.0));
        assertThat(g.noiseSd(p, new double[] {0, 0})).isCloseTo(0.1, within(1e-12));
        assertThat(g.noiseSd(p, new double[] {1, 1})).isCloseTo(0.3, within(1e-12));
        assertThat(g.noiseSd(p, new double[] {0.6, -0.8})).isCloseTo(0.1 * (1 + 2 / Math.sqrt(2)), within(1e-12));
    }

    @Test
    void outliersAreExactlyTheRequestedShareOfTrainingTargetsWithTheStatedSizes() {
        FunctionSource g = new Function1dSource();
        ParamValues p = params(g, Map.of("noise", 0.0, "outliers", 0.2, "outlierScale", 3.0));
        Dataset train = g.load(p, 9).train();
        TargetFunction f = g.function(p);
        assertThat(train.size()).isEqualTo(240);
        assertThat(train.outlierCount()).isEqualTo(48);
        for (int i = 0; i < train.size(); i++) {
            double error = train.target(i, 0) - f.at(train.feature(i, 0));
            if (train.isOutlier(i)) {
                assertThat(error).as("row %d", i).isBetween(1.5, 4.5);
            } else {
                assertThat(error).as("row %d", i).isCloseTo(0.0, within(1e-12));
            }
        }
    }

    @Test
    void outliersInBothDirectionsFallAboveAndBelow() {
        FunctionSource g = new Function1dSource();
        ParamValues p = params(g, Map.of("n", 2000, "noise", 0.0, "outliers", 0.3, "outlierDirection", "both"));
        Dataset train = g.load(p, 4).train();
        TargetFunction f = g.function(p);
        int above = 0;
        int below = 0;
        for (int i = 0; i < train.size(); i++) {
            double error = train.target(i, 0) - f.at(train.feature(i, 0));
            if (train.isOutlier(i)) {
                assertThat(Math.abs(error)).isBetween(1.0, 3.0);
                above += error > 0 ? 1 : 0;
                below += error < 0 ? 1 : 0;
            }
        }
        assertThat(above + below).isEqualTo(360);
        assertThat(above).isBetween(150, 210);
    }

    @Test
    void moreOutliersCorruptMoreTargetsOfTheSamePoints() {
        FunctionSource g = new Function1dSource();
        Dataset few = g.load(Map.of("outliers", 0.1), 3).train();
        Dataset many = g.load(Map.of("outliers", 0.3), 3).train();
        assertThat(many.features()).containsExactly(few.features());
        for (int i = 0; i < few.size(); i++) {
            if (few.isOutlier(i)) {
                assertThat(many.isOutlier(i)).as("row %d", i).isTrue();
            } else if (!many.isOutlier(i)) {
                assertThat(many.target(i, 0)).isEqualTo(few.target(i, 0));
            }
        }
        assertThat(g.load(Map.of(), 3).train().outlierCount()).isZero();
    }

    @Test
    void everyFunctionIsWhatItsFormulaSays() {
        Function1dSource one = new Function1dSource();
        assertThat(fn(one, "sine").at(0.125)).isCloseTo(Math.sin(Math.PI / 4), within(1e-15));
        assertThat(fn(one, "step").at(-0.01)).isEqualTo(-0.5);
        assertThat(fn(one, "step").at(0.0)).isEqualTo(0.5);
        assertThat(fn(one, "polynomial").at(0.5)).isCloseTo(3 * 0.125 - 1, within(1e-15));
        assertThat(fn(one, "sinc").at(0.0)).isEqualTo(1.0);
        assertThat(fn(one, "sinc").at(1.0 / 3)).isCloseTo(0.0, within(1e-15));
        Function2dSource two = new Function2dSource();
        assertThat(fn(two, "sin-cos").at(0.5, 0.0)).isCloseTo(1.0, within(1e-15));
        assertThat(fn(two, "saddle").at(0.5, 1.0)).isCloseTo(-0.75, within(1e-15));
        assertThat(fn(two, "bump").at(0.0, 0.5)).isCloseTo(Math.exp(-1), within(1e-15));
        assertThatThrownBy(() -> fn(two, "bump").at(0.5)).hasMessageContaining("takes 2 input(s)");
    }

    private static TargetFunction fn(FunctionSource g, String id) {
        return g.function(params(g, Map.of("function", id)));
    }

    @Test
    void badParametersAreRefusedByName() {
        FunctionSource g = new Function1dSource();
        assertThatThrownBy(() -> g.load(Map.of("function", "cosine"), 0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("function")
                .hasMessageContaining("cosine").hasMessageContaining("sine");
        assertThatThrownBy(() -> g.load(Map.of("outliers", 0.7), 0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("outliers");
        assertThatThrownBy(() -> g.load(Map.of("noiseShape", "quadratic"), 0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("noiseShape");
        assertThatThrownBy(() -> g.load(Map.of("n", 20, "validationFraction", 0.5, "testFraction", 0.5), 0))
                .isInstanceOf(DataException.class).hasMessageContaining("n = 20")
                .hasMessageContaining("training points");
    }

    /** {residuals, x} of training points whose x lies in [from, to]. */
    private static double[][] residuals(FunctionSource g, ParamValues p, double from, double to) {
        Dataset train = g.load(p, 8).train();
        TargetFunction f = g.function(p);
        double[] r = new double[train.size()];
        double[] x = new double[train.size()];
        int k = 0;
        for (int i = 0; i < train.size(); i++) {
            double xi = train.feature(i, 0);
            if (xi >= from && xi <= to) {
                x[k] = xi;
                r[k++] = train.target(i, 0) - f.at(xi);
            }
        }
        return new double[][] {java.util.Arrays.copyOf(r, k), java.util.Arrays.copyOf(x, k)};
    }

    /** Root mean square: the standard deviation of zero-mean noise. */
    private static double rms(double[] values) {
        assertThat(values.length).isGreaterThan(500);
        double sum = 0;
        for (double v : values) {
            sum += v * v;
        }
        return Math.sqrt(sum / values.length);
    }

    /** Standard deviation (about zero: the noise has mean zero) of the values whose |x| lies in [lo, hi]. */
    private static double sd(double[] values, double[] x, double lo, double hi) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            double a = Math.abs(x[i]);
            if (a >= lo && a <= hi) {
                sum += values[i] * values[i];
                count++;
            }
        }
        assertThat(count).isGreaterThan(500);
        return Math.sqrt(sum / count);
    }
}
