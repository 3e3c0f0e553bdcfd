package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.data.Dataset;
import org.losslab.engine.Engines;
import org.losslab.engine.Precision;
import org.losslab.loss.WeightedLoss;
import org.losslab.model.Mlp;

/** Power iteration on finite-difference Hessian-vector products finds λ_max of a Hessian known by hand. */
class SharpnessTest {

    static List<String> engines() {
        return Engines.ids();
    }

    /**
     * A linear model pred = x·w + b under MSE on regression targets: L = (1/N) Σ (x_n·w + b − y_n)², whose Hessian
     * with respect to (w1, w2, b) is the constant (2/N)·AᵀA with A = [X 1].
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesTheTopEigenvalueOfALinearModelsHessian(String engine) {
        int n = 40;
        Random rng = new Random(3);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 1.5 + rng.nextGaussian();
            x[2 * i + 1] = 0.5 * rng.nextGaussian();
            y[i] = rng.nextGaussian();
        }
        Dataset data = Dataset.regression("line", new int[] {2}, x, y, 1, null, "test");
        double[][] hessian = new double[3][3];
        for (int i = 0; i < n; i++) {
            double[] a = {x[2 * i], x[2 * i + 1], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    hessian[r][c] += 2.0 / n * a[r] * a[c];
                }
            }
        }
        double[] eigen = LandscapeDirections.symmetricEigen(hessian, new double[3][3]);
        double top = Math.max(eigen[0], Math.max(eigen[1], eigen[2]));
        Mlp linear = new Mlp(new int[] {2}, 0, 1, "relu", 0.0, 1);
        double[] theta = {0.3, -0.2, 0.1};
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(engine, Precision.FLOAT64, linear,
                WeightedLoss.of("mse"), data, 512, 1)) {
            SharpnessPoint point = Sharpness.topEigenvalue(evaluator, theta, 12, 5, 200, 1e-9);
            assertThat(point.topEigenvalue()).isCloseTo(top, within(1e-3 * top));
            assertThat(point.step()).isEqualTo(12);
            SharpnessPoint quick = Sharpness.topEigenvalue(evaluator, theta, 12, 5);
            assertThat(quick.iterations()).isLessThanOrEqualTo(Sharpness.MAX_ITERATIONS);
            assertThat(quick.topEigenvalue()).isCloseTo(top, within(1e-2 * top));
        }
    }
}
