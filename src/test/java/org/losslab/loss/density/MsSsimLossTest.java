package org.losslab.loss.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossInputFixtures;
import org.losslab.loss.LossTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ms-ssim: the LOSSES.md one-window example through the single-scale helper and through the loss, the full loss on
 * random images against a naive plain-Java MS-SSIM, and the properties the catalogue states.
 */
class MsSsimLossTest {
    private static final String ID = "ms-ssim";

    static List<String> engines() {
        return LossTesting.engines();
    }

    private static final double[] X = {0, .5, .5, 1};
    private static final double[] Y = {0, .5, .5, .8};

    /** LOSSES.md: one 2×2 window, population moments → l 0.994476, cs 0.964012, SSIM 0.958687. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleThroughTheSingleScaleHelper(String engine) {
        HostArray uniform = HostArray.wrap(new double[] {.25, .25, .25, .25}, 1, 1, 2, 2);
        try (Engine e = Engines.create(engine, Precision.FLOAT64);
                ParameterStore none = e.createParameters(Map.of());
                CompiledProgram program = e.compile((ops, in, params) -> {
                    MsSsimLoss.Similarity s = MsSsimLoss.singleScale(ops, in.get("x"), in.get("y"), uniform);
                    return Map.of("l", s.luminance(), "cs", s.contrastStructure(), "ssim", s.ssim());
                })) {
            Map<String, HostArray> in = Map.of("x", HostArray.wrap(X.clone(), 1, 1, 2, 2),
                    "y", HostArray.wrap(Y.clone(), 1, 1, 2, 2));
            RunResult r = program.run(RunRequest.of(in).fetch("l", "cs", "ssim"), none);
            assertThat(r.output("l").data()).containsExactly(new double[] {0.994476}, within(1e-6));
            assertThat(r.output("cs").data()).containsExactly(new double[] {0.964012}, within(1e-6));
            assertThat(r.output("ssim").data()).containsExactly(new double[] {0.958687}, within(1e-6));
        }
    }

    /** The same example through the loss: a size-2 Gaussian window is the uniform 2×2 mean, one scale → 0.041313. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleThroughTheLoss(String engine) {
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("pred", HostArray.wrap(Y.clone(), 1, 1, 2, 2));
        in.put("target", HostArray.wrap(X.clone(), 1, 1, 2, 2));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of("window", 2, "scales", 1), in, false);
        assertThat(r.loss()).isCloseTo(0.041313, within(1e-6));
    }

    @Test
    void defaultsAreASevenPixelGaussianAndThreeRenormalisedWeights() {
        HostArray w = MsSsimLoss.gaussianWindow(7, 1.5);
        assertThat(w.shape()).containsExactly(1, 1, 7, 7);
        assertThat(Arrays.stream(w.data()).sum()).isCloseTo(1, within(1e-15));
        double g3 = 1.0;
        double g2 = Math.exp(-1 / 4.5);
        assertThat(w.get(0, 0, 3, 2) / w.get(0, 0, 3, 3)).isCloseTo(g2 / g3, within(1e-15));
        assertThat(MsSsimLoss.scaleWeights(3)).containsExactly(new double[] {0.0448 / 0.6305, 0.2856 / 0.6305,
                0.3001 / 0.6305}, within(1e-15));
        assertThat(MsSsimLoss.gaussianWindow(2, 0.7).data()).containsExactly(.25, .25, .25, .25);
    }

    // ---- naive reference: plain loops -----------------------------------------------------------------------

    /** Gaussian weights on −(k−1)/2 … (k−1)/2, normalised, written independently of the loss. */
    private static double[][] window(int k, double sigma) {
        double[][] w = new double[k][k];
        double sum = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                double dr = r - (k - 1) / 2.0;
                double dc = c - (k - 1) / 2.0;
                w[r][c] = Math.exp(-(dr * dr + dc * dc) / (2 * sigma * sigma));
                sum += w[r][c];
            }
        }
        for (double[] row : w) {
            for (int c = 0; c < k; c++) {
                row[c] /= sum;
            }
        }
        return w;
    }

    /** {mean cs, mean l·cs} of one scale. */
    private static double[] scale(double[][] x, double[][] y, double[][] w) {
        int k = w.length;
        int oh = x.length - k + 1;
        int ow = x[0].length - k + 1;
        double cs = 0;
        double ssim = 0;
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < k; c++) {
                        double a = x[i + r][j + c];
                        double b = y[i + r][j + c];
                        mx += w[r][c] * a;
                        my += w[r][c] * b;
                        xx += w[r][c] * a * a;
                        yy += w[r][c] * b * b;
                        xy += w[r][c] * a * b;
                    }
                }
                double c1 = 1e-4;
                double c2 = 9e-4;
                double l = (2 * mx * my + c1) / (mx * mx + my * my + c1);
                double s = (2 * (xy - mx * my) + c2) / (xx - mx * mx + yy - my * my + c2);
                cs += s;
                ssim += l * s;
            }
        }
        return new double[] {cs / (oh * ow), ssim / (oh * ow)};
    }

    private static double[][] pool(double[][] x) {
        double[][] out = new double[x.length / 2][x[0].length / 2];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[0].length; j++) {
                out[i][j] = (x[2 * i][2 * j] + x[2 * i + 1][2 * j] + x[2 * i][2 * j + 1] + x[2 * i + 1][2 * j + 1]) / 4;
            }
        }
        return out;
    }

    private static double naiveMsSsimLoss(double[][] x, double[][] y, int k, double sigma, int scales) {
        double[] all = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
        double total = 0;
        for (int j = 0; j < scales; j++) {
            total += all[j];
        }
        double[][] w = window(k, sigma);
        double value = 1;
        for (int j = 0; j < scales; j++) {
            double[] s = scale(x, y, w);
            double factor = Math.max(j == scales - 1 ? s[1] : s[0], 0);
            value *= Math.pow(factor, all[j] / total);
            x = pool(x);
            y = pool(y);
        }
        return 1 - value;
    }

    private static double[][] plane(HostArray images, int image, int channel) {
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        double[][] out = new double[h][w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(images.data(), ((image * c + channel) * h + r) * w, out[r], 0, w);
        }
        return out;
    }

    /** Random textured images: a target in (0.1, 0.9) and a prediction that is the target plus noise and a shift. */
    private static Map<String, HostArray> randomImages(long seed, int n, int c, int h, int w) {
        Random random = new Random(seed);
        double[] target = new double[n * c * h * w];
        double[] pred = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = 0.1 + 0.8 * random.nextDouble();
        }
        for (int i = 0; i < target.length; i++) {
            double p = target[i] + 0.15 * (random.nextDouble() - 0.5) + 0.03;
            pred[i] = Math.min(1, Math.max(0, p));
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("pred", HostArray.wrap(pred, n, c, h, w));
        in.put("target", HostArray.wrap(target, n, c, h, w));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveMsSsimOnRandomImages(String engine) {
        Map<String, HostArray> in = randomImages(17, 3, 1, 30, 33);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = naiveMsSsimLoss(plane(in.get("pred"), i, 0), plane(in.get("target"), i, 0), 7, 1.5, 3);
        }
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, false);
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-10));
        assertThat(r.loss()).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void otherWindowsScalesAndChannelsMatchTheNaiveReferenceToo(String engine) {
        Map<String, HostArray> in = randomImages(19, 2, 3, 24, 21);
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                expected[i] += naiveMsSsimLoss(plane(in.get("pred"), i, c), plane(in.get("target"), i, c), 4, 0.8,
                        3) / 3;
            }
        }
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of("window", 4, "sigma", 0.8), in, false);
        assertThat(r.perExample().data()).containsExactly(expected, within(1e-10));

        Map<String, HostArray> five = randomImages(23, 1, 1, 48, 50);
        double expectedFive = naiveMsSsimLoss(plane(five.get("pred"), 0, 0), plane(five.get("target"), 0, 0), 3,
                1.0, 5);
        assertThat(LossTesting.evaluate(engine, ID, Map.of("window", 3, "sigma", 1.0, "scales", 5), five, false)
                .loss()).isCloseTo(expectedFive, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aPerfectReconstructionCostsNothing(String engine) {
        Map<String, HostArray> in = randomImages(29, 2, 1, 28, 28);
        in.put("pred", in.get("target"));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.perExample().data()).containsExactly(new double[] {0, 0}, within(1e-12));
    }

    /** LOSSES.md: at equal MSE, structural errors cost far more than a brightness shift. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void structuralErrorsCostFarMoreThanABrightnessShiftOfEqualMse(String engine) {
        Map<String, HostArray> in = randomImages(31, 1, 1, 32, 32);
        double[] target = in.get("target").data();
        Random random = new Random(5);
        double[] shifted = new double[target.length];
        double[] noisy = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            shifted[i] = target[i] + 0.05;
            noisy[i] = target[i] + (random.nextBoolean() ? 0.05 : -0.05);
        }
        double shift = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("pred", HostArray.wrap(shifted, 1, 1, 32, 32), "target", in.get("target")), false).loss();
        double structure = LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("pred", HostArray.wrap(noisy, 1, 1, 32, 32), "target", in.get("target")), false).loss();
        assertThat(structure).isGreaterThan(5 * shift);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aNegativeCorrelationIsClampedToZeroWithAFiniteGradient(String engine) {
        // pred = 1 − target: cs < 0 at every scale, so the product is 0, the loss 1 and the gradient 0.
        Map<String, HostArray> in = randomImages(37, 1, 1, 28, 28);
        double[] inverse = in.get("target").data().clone();
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 1 - inverse[i];
        }
        in.put("pred", HostArray.wrap(inverse, 1, 1, 28, 28));
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), in, true);
        assertThat(r.loss()).isCloseTo(1, within(1e-15));
        assertThat(r.gradients().get("pred").allFinite()).isTrue();
        assertThat(Arrays.stream(r.gradients().get("pred").data()).map(Math::abs).max().orElseThrow()).isZero();
    }

    @Test
    void refusesBadShapesByName() {
        String engine = engines().get(0);
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), randomImages(1, 1, 1, 27, 40), false))
                .hasMessageContaining("pred").hasMessageContaining("28×28");
        Map<String, HostArray> mismatch = randomImages(1, 1, 1, 28, 28);
        mismatch.put("target", HostArray.zeros(1, 1, 28, 29));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), mismatch, false))
                .hasMessageContaining("target").hasMessageContaining("shape");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(),
                Map.of("pred", HostArray.zeros(2, 3), "target", HostArray.zeros(2, 3)), false))
                .hasMessageContaining("pred").hasMessageContaining("[N,C,H,W]");
    }

    @Test
    void theContractFixturesAreImagesLargeEnoughForTheDefaults() {
        Map<String, HostArray> in = LossInputFixtures.forSpec(MsSsimLoss.SPEC, 3, new LossInputFixtures.Sizes(2, 2, 3));
        assertThat(in.get("pred").shape()).containsExactly(in.get("target").shape());
        assertThat(in.get("pred").shape()[2]).isGreaterThanOrEqualTo(28);
        LossEvaluation.Result r = LossTesting.evaluate(engines().get(0), ID, Map.of(), in, false);
        // correlated textures: every factor is well inside (0, 1], away from the clamp
        for (double v : r.perExample().data()) {
            assertThat(v).isBetween(0.0, 0.5);
        }
    }
}
