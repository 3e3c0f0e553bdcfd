package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.engine.Engines;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;
import org.losslab.model.Mlp;
import org.losslab.model.Model;
import org.losslab.viz.Bounds2D;
import org.losslab.viz.DecisionMap;

/** The probe on a real engine, headless: a linear model's map has its class boundaries where the algebra says. */
class DecisionBoundaryProbeTest {
    private static final String ENGINE = Engines.DEFAULT;

    /** logits = x·w + b with w [2, classes]. */
    private static final class Linear implements Model {
        private final int classes;

        Linear(int classes) {
            this.classes = classes;
        }

        @Override
        public String describe() {
            return "linear";
        }

        @Override
        public int[] inputShape() {
            return new int[] {2};
        }

        @Override
        public int outputs() {
            return classes;
        }

        @Override
        public Map<String, int[]> parameterShapes() {
            Map<String, int[]> s = Model.shapes();
            s.put("w", new int[] {2, classes});
            s.put("b", new int[] {classes});
            return s;
        }

        @Override
        public Map<String, HostArray> initialParameters(Random rng) {
            return params(new double[2 * classes], new double[classes]);
        }

        Map<String, HostArray> params(double[] w, double[] b) {
            Map<String, HostArray> p = new LinkedHashMap<>();
            p.put("b", HostArray.of(b, classes)); // deliberately not in shape order: the probe reorders
            p.put("w", HostArray.of(w, 2, classes));
            return p;
        }

        @Override
        public Tensor forward(Ops ops, Tensor x, Map<String, Tensor> params, Map<String, Tensor> noise) {
            return ops.add(ops.matmul(x, params.get("w")), params.get("b"));
        }
    }

    private static DecisionMap await(LinkedBlockingQueue<DecisionMap> maps) throws InterruptedException {
        DecisionMap m = maps.poll(60, TimeUnit.SECONDS);
        assertThat(m).as("a map within 60 s").isNotNull();
        return m;
    }

    static List<String> engines() {
        return Engines.ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void twoClassesSplitWhereTheLogitsCross(String engine) throws Exception {
        Linear model = new Linear(2);
        LinkedBlockingQueue<DecisionMap> maps = new LinkedBlockingQueue<>();
        double[] points = {0.9, 0.0, -0.5, 0.5, 0.31, -0.9};
        try (DecisionBoundaryProbe probe = new DecisionBoundaryProbe(engine, model, new Bounds2D(-1, -1, 1, 1), 40,
                points, maps::add)) {
            // z1 − z0 = 10 (x − 0.3): class 1 right of x = 0.3, whatever y is.
            probe.submit(5, model.params(new double[] {0, 10, 0, 0}, new double[] {0, -3}));
            DecisionMap map = await(maps);
            assertThat(map.step()).isEqualTo(5);
            assertThat(map.columns()).isEqualTo(40);
            assertThat(map.classes()).isEqualTo(2);
            for (int r = 0; r < map.rows(); r++) {
                for (int c = 0; c < map.columns(); c++) {
                    double x = map.cellCenterX(c);
                    int expected = x > 0.3 ? 1 : 0;
                    assertThat(map.predicted()[map.index(c, r)]).as("cell at x=%s", x).isEqualTo(expected);
                    double margin = 10 * (x - 0.3);
                    double p = 1 / (1 + Math.exp(-Math.abs(margin)));
                    assertThat(map.confidence()[map.index(c, r)]).isCloseTo(p, within(1e-4));
                }
            }
            assertThat(map.pointPredictions()).containsExactly(1, 0, 1);
            assertThat(map.costNanos()).isPositive();
            assertThat(probe.latest()).containsSame(map);
            assertThat(probe.error()).isEmpty();
        }
    }

    @Test
    void threeClassesMakeThreeStripes() throws Exception {
        Linear model = new Linear(3);
        LinkedBlockingQueue<DecisionMap> maps = new LinkedBlockingQueue<>();
        try (DecisionBoundaryProbe probe = new DecisionBoundaryProbe(ENGINE, model, new Bounds2D(-1, -2, 1, 2), 40,
                new double[0], maps::add)) {
            // z = (−10x, 3, 10x): class 0 left of −0.3, class 1 for |x| < 0.3, class 2 right of 0.3.
            probe.submit(1, model.params(new double[] {-10, 0, 10, 0, 0, 0}, new double[] {0, 3, 0}));
            DecisionMap map = await(maps);
            assertThat(map.classAt(-0.8, 1.5)).isZero();
            assertThat(map.classAt(0.0, -1.5)).isEqualTo(1);
            assertThat(map.classAt(0.8, 0)).isEqualTo(2);
            double[] shares = map.classShares();
            assertThat(shares[1]).isCloseTo(0.3, within(1e-9)); // 12 of 40 columns; no cell centre sits on a boundary
            assertThat(shares[0]).isCloseTo(shares[2], within(1e-9));
        }
    }

    @Test
    void staleSubmissionsAreSkippedAndSubmittingNeverWaits() throws Exception {
        Linear model = new Linear(2);
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> steps = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch lastArrived = new CountDownLatch(1);
        try (DecisionBoundaryProbe probe = new DecisionBoundaryProbe(ENGINE, model, new Bounds2D(-1, -1, 1, 1), 10,
                new double[0], m -> {
                    steps.add(m.step());
                    if (m.step() == 1) {
                        firstArrived.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (m.step() == 4) {
                        lastArrived.countDown();
                    }
                })) {
            Map<String, HostArray> p = model.params(new double[] {1, -1, 0, 0}, new double[2]);
            probe.submit(1, p);
            assertThat(firstArrived.await(60, TimeUnit.SECONDS)).isTrue();
            // The probe thread is busy: these must return at once and only the newest may be evaluated.
            long t0 = System.nanoTime();
            probe.submit(2, p);
            probe.submit(3, p);
            probe.submit(4, p);
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(50);
            release.countDown();
            assertThat(lastArrived.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(steps).containsExactly(1L, 4L);
            assertThat(probe.skipped()).isEqualTo(2);
        }
    }

    @Test
    void anMlpSnapshotWorksAndAMissingParameterIsReported() throws Exception {
        Mlp mlp = new Mlp(new int[] {2}, 1, 8, "tanh", 0.0, 3);
        LinkedBlockingQueue<DecisionMap> maps = new LinkedBlockingQueue<>();
        try (DecisionBoundaryProbe probe = new DecisionBoundaryProbe(ENGINE, mlp, new Bounds2D(-1, -1, 1, 1),
                DecisionBoundaryProbe.DEFAULT_RESOLUTION, new double[] {0, 0}, maps::add)) {
            probe.submit(3, mlp.initialParameters(new Random(1)));
            DecisionMap map = await(maps);
            assertThat(map.predicted()).hasSize(120 * 120);
            for (double c : map.confidence()) {
                assertThat(c).isBetween(1.0 / 3 - 1e-6, 1.0 + 1e-6);
            }
            Map<String, HostArray> broken = new LinkedHashMap<>(mlp.initialParameters(new Random(1)));
            broken.remove("dense1.w");
            probe.submit(4, broken);
            long deadline = System.currentTimeMillis() + 60_000;
            while (probe.error().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(probe.error()).hasValueSatisfying(m -> assertThat(m).contains("dense1.w").contains("step 4"));
        }
    }

    @Test
    void refusesAModelThatIsNotOnThePlane() {
        Mlp images = new Mlp(new int[] {1, 8, 8}, 1, 8, "relu", 0.0, 10);
        assertThatThrownBy(() -> new DecisionBoundaryProbe(ENGINE, images, new Bounds2D(0, 0, 1, 1), 10,
                new double[0], m -> {})).hasMessageContaining("[1, 8, 8]");
    }
}
