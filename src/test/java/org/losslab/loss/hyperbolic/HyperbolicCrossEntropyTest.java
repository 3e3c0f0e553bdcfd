package org.losslab.loss.hyperbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.experiment.LossEvaluation;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossTesting;
import org.losslab.loss.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hyp-ce on every engine, in double precision: the worked example of LOSSES.md, a naive per-row reference at
 * another curvature, and refusal of bad inputs by name. Finite-difference gradients w.r.t. points, mlrA and mlrP,
 * agreement across engines and NaN refusal come from the catalogue-wide {@code LossContractTest}.
 */
class HyperbolicCrossEntropyTest {
    private static final String ID = "hyp-ce";

    static List<String> engines() {
        return LossTesting.engines();
    }

    /** LOSSES.md: a = [[1,0],[−1,.5]], p = [[.1,0],[0,.2]], x = expmap0([.5,.5]), c = .1, y = 0. */
    static Map<String, HostArray> workedExample() {
        double[] x = new HostPoincareBall(0.1).expmap0(new double[] {0.5, 0.5});
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("points", HostArray.matrix(new double[][] {x}));
        in.put("labels", HostArray.vector(0));
        in.put("mlrA", HostArray.matrix(new double[][] {{1, 0}, {-1, 0.5}}));
        in.put("mlrP", HostArray.matrix(new double[][] {{0.1, 0}, {0, 0.2}}));
        return in;
    }

    /** N points inside the ball of curvature c (expmap0 of Gaussians), C classes, raw parameters of scale ~0.7. */
    static Map<String, HostArray> random(long seed, int n, int classes, int d, double c) {
        Random r = new Random(seed);
        HostPoincareBall ball = new HostPoincareBall(c);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = 1.5 * r.nextGaussian();
            }
            x[i] = ball.expmap0(x[i]);
            y[i] = r.nextInt(classes);
        }
        double[][] a = new double[classes][d];
        double[][] p = new double[classes][d];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                a[k][j] = 0.7 * r.nextGaussian();
                p[k][j] = 0.7 * r.nextGaussian();
            }
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("points", HostArray.matrix(x));
        in.put("labels", HostArray.vector(y));
        in.put("mlrA", HostArray.matrix(a));
        in.put("mlrP", HostArray.matrix(p));
        return in;
    }

    /** Naive loops: logits by the twin, then log Σ exp − z_y. */
    static double[] reference(Map<String, HostArray> in, double c) {
        double[][] x = rows(in.get("points"));
        double[][] logits = new HostPoincareBall(c).mlrLogitsFromRaw(x, rows(in.get("mlrA")), rows(in.get("mlrP")));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (double z : logits[i]) {
                sum += Math.exp(z);
            }
            out[i] = Math.log(sum) - logits[i][(int) in.get("labels").data()[i]];
        }
        return out;
    }

    static double[][] rows(HostArray a) {
        double[][] out = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(a.data(), i * a.dim(1), out[i], 0, a.dim(1));
        }
        return out;
    }

    @Test
    void isInTheCatalogueAsReadFromCode() {
        var spec = LossCatalog.get().byId(ID).spec();
        assertThat(spec.status()).isEqualTo(Status.CODE);
        assertThat(spec.inputs()).containsExactly("points", "labels", "mlrA", "mlrP");
        assertThat(spec.differentiableInputs()).containsExactly("points", "mlrA", "mlrP");
        assertThat(spec.params()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("c");
            assertThat(p.defaultValue()).isEqualTo(0.1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void workedExampleOfLossesMd(String engine) {
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of(), workedExample(), false);
        assertThat(r.loss()).isCloseTo(0.045383, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesANaiveReferenceOnRandomInputs(String engine) {
        Map<String, HostArray> in = random(31, 12, 4, 3, 0.5);
        double[] expected = reference(in, 0.5);
        LossEvaluation.Result r = LossTesting.evaluate(engine, ID, Map.of("c", 0.5), in, false);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.perExample().data()[i]).as("example %d", i).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(r.loss()).isCloseTo(java.util.Arrays.stream(expected).average().orElseThrow(), within(1e-9));
    }

    @Test
    void curvatureChangesTheValue() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> in = random(5, 6, 3, 2, 1.0);
        double flat = LossTesting.evaluate(engine, ID, Map.of("c", 0.1), in, false).loss();
        double curved = LossTesting.evaluate(engine, ID, Map.of("c", 1.0), in, false).loss();
        assertThat(flat).isCloseTo(mean(reference(in, 0.1)), within(1e-9));
        assertThat(curved).isCloseTo(mean(reference(in, 1.0)), within(1e-9));
        assertThat(Math.abs(flat - curved)).isGreaterThan(1e-3);
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void refusesPointsOutsideTheBallByName() {
        Map<String, HostArray> in = new HashMap<>(workedExample());
        in.put("points", HostArray.matrix(new double[][] {{3.0, 1.2}}));
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of(), in, false))
                .hasMessageContaining("points").hasMessageContaining("row 0").hasMessageContaining("outside");
    }

    @Test
    void refusesMismatchedShapesByName() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> wrongP = new HashMap<>(workedExample());
        wrongP.put("mlrP", HostArray.matrix(new double[][] {{0.1, 0}, {0, 0.2}, {0.1, 0.1}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), wrongP, false)).hasMessageContaining("mlrP");
        Map<String, HostArray> wrongA = new HashMap<>(workedExample());
        wrongA.put("mlrA", HostArray.matrix(new double[][] {{1, 0, 0}, {-1, 0.5, 0}}));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), wrongA, false)).hasMessageContaining("mlrA");
        Map<String, HostArray> wrongLabels = new HashMap<>(workedExample());
        wrongLabels.put("labels", HostArray.vector(0, 1));
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), wrongLabels, false))
                .hasMessageContaining("labels");
    }

    @Test
    void refusesAMissingInputByName() {
        String engine = LossTesting.engines().get(0);
        Map<String, HostArray> missing = new HashMap<>(workedExample());
        missing.remove("mlrA");
        assertThatThrownBy(() -> LossTesting.evaluate(engine, ID, Map.of(), missing, false)).hasMessageContaining("mlrA");
    }

    @Test
    void refusesANonPositiveCurvatureByName() {
        assertThatThrownBy(() -> LossTesting.evaluate(LossTesting.engines().get(0), ID, Map.of("c", 0.0),
                workedExample(), false)).isInstanceOf(org.losslab.param.InvalidParameterException.class)
                .satisfies(e -> assertThat(((org.losslab.param.InvalidParameterException) e).parameter()).isEqualTo("c"));
    }
}
