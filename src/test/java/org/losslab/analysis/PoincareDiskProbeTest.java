package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.losslab.data.Dataset;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.loss.hyperbolic.HostPoincareBall;
import org.losslab.model.Mlp;
import org.losslab.model.PoincareMlp;
import org.losslab.viz.DecisionMap;
import org.losslab.viz.PoincareDisk;
import org.junit.jupiter.api.Test;

/**
 * The disk probe on a real engine, headless: its points are the model's embedding, its predictions and tinted
 * regions are the MLR's argmax by the double twin, and its hyperplanes sit at the MLR's offsets.
 */
class PoincareDiskProbeTest {
    private static final double C = 0.2;

    private static Dataset blobs(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[2 * i] = Math.cos(2 * Math.PI * y[i] / 3) + 0.3 * r.nextGaussian();
            x[2 * i + 1] = Math.sin(2 * Math.PI * y[i] / 3) + 0.3 * r.nextGaussian();
        }
        return Dataset.of("blobs", new int[] {2}, x, y, 3);
    }

    @Test
    void placesTheSampleAndTheHyperplanesAsTheTwinDoes() throws Exception {
        PoincareMlp model = new PoincareMlp(new int[] {2}, 1, 8, "tanh", 2, C, 2.0, 3);
        Map<String, HostArray> params = model.initialParameters(new Random(4));
        Dataset data = blobs(90, 1);
        LinkedBlockingQueue<PoincareDisk> out = new LinkedBlockingQueue<>();
        try (PoincareDiskProbe probe = new PoincareDiskProbe(Engines.DEFAULT, model, data, 30, 40, out::add)) {
            probe.submit(12, params);
            PoincareDisk disk = out.poll(120, TimeUnit.SECONDS);
            assertThat(disk).as("disk; probe error: %s", probe.error()).isNotNull();
            assertThat(disk.step()).isEqualTo(12);
            assertThat(disk.points().size()).isEqualTo(30);
            assertThat(disk.radius()).isCloseTo(1 / Math.sqrt(C), within(1e-12));
            // Features are clipped to norm 2, so no point gets past tanh(√c·2)/√c.
            assertThat(disk.reach()).isCloseTo(Math.tanh(Math.sqrt(C) * 2.0) / Math.sqrt(C), within(1e-12));
            // …which is hyperbolic distance 2·2 = 4 from the centre (expmap0 doubles norms into distances).
            assertThat(disk.reachDistance()).isCloseTo(4.0, within(1e-9));
            assertThat(disk.farthestDistance()).isLessThanOrEqualTo(disk.reachDistance() + 1e-4);

            HostPoincareBall ball = new HostPoincareBall(C);
            double[][] a = rows(params.get(PoincareMlp.NORMALS));
            double[][] p = rows(params.get(PoincareMlp.OFFSETS));
            HostPoincareBall.Hyperplanes planes = ball.mlrParameters(a, p);
            for (int k = 0; k < 3; k++) {
                assertThat(disk.hyperplanes().get(k).px()).isCloseTo(planes.p()[k][0], within(1e-12));
                assertThat(disk.hyperplanes().get(k).ay()).isCloseTo(planes.a()[k][1], within(1e-12));
            }
            // Row j of the sample is example 3j (30 of 90, evenly spread): its embedding by hand.
            for (int j = 0; j < 30; j++) {
                double[] x = data.row(3 * j);
                double[] point = ball.project(ball.expmap0(HostPoincareBall.clipNorm(
                        dense(dense(x, params, 0, true), params, 1, false), 2.0)));
                assertThat(disk.points().x(j)).isCloseTo(point[0], within(1e-5));
                assertThat(disk.points().y(j)).isCloseTo(point[1], within(1e-5));
                assertThat(disk.points().label(j)).isEqualTo(data.label(3 * j));
                double[] logits = ball.mlrLogits(new double[][] {point}, planes)[0];
                assertThat(disk.predicted()[j]).isEqualTo(argmax(logits));
            }

            DecisionMap regions = disk.regions();
            assertThat(regions.columns()).isEqualTo(40);
            double radius = disk.radius();
            int inside = 0;
            for (int row = 0; row < 40; row++) {
                for (int column = 0; column < 40; column++) {
                    double[] q = {regions.cellCenterX(column), regions.cellCenterY(row)};
                    int cls = regions.predicted()[regions.index(column, row)];
                    if (Math.hypot(q[0], q[1]) >= radius) {
                        assertThat(cls).isEqualTo(-1);
                    } else {
                        inside++;
                        assertThat(cls).isEqualTo(argmax(ball.mlrLogits(new double[][] {q}, planes)[0]));
                        assertThat(regions.confidence()[regions.index(column, row)]).isBetween(1.0 / 3, 1.0);
                    }
                }
            }
            // The disk covers π/4 of its bounding square.
            assertThat(inside / 1600.0).isCloseTo(Math.PI / 4, within(0.03));
        }
    }

    @Test
    void refusesAModelWithoutATwoDimensionalBall() {
        Dataset data = blobs(9, 2);
        assertThatThrownBy(() -> new PoincareDiskProbe(Engines.DEFAULT,
                new PoincareMlp(new int[] {2}, 1, 4, "relu", 3, C, 2.0, 3), data, 10, 10, d -> {}))
                .hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> new PoincareDiskProbe(Engines.DEFAULT, new Mlp(new int[] {2}, 1, 4, "relu", 0, 3),
                data, 10, 10, d -> {})).hasMessageContaining("poincare-mlp");
        assertThat(PoincareDiskProbe.supports(new PoincareMlp(new int[] {1, 8, 8}, 1, 4, "relu", 2, C, 2.0, 10)))
                .isTrue();
    }

    /** One dense layer by hand: x·W + b, then tanh unless it is the output layer. */
    private static double[] dense(double[] x, Map<String, HostArray> params, int layer, boolean activate) {
        HostArray w = params.get("dense" + layer + ".w");
        HostArray b = params.get("dense" + layer + ".b");
        double[] out = new double[w.dim(1)];
        for (int o = 0; o < out.length; o++) {
            double s = b.data()[o];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * w.get(i, o);
            }
            out[o] = activate ? Math.tanh(s) : s;
        }
        return out;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double[][] rows(HostArray a) {
        double[][] out = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(a.data(), i * a.dim(1), out[i], 0, a.dim(1));
        }
        return out;
    }
}
