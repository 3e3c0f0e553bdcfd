package org.losslab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TiledPredictorTest {

    static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        return d;
    }

    /** Two outputs per pixel from two channels: sigmoid(a − b) and a·b, independent of where the pixel lies. */
    static double[] pointwise(double[] x, int channels, int h, int w) {
        int hw = h * w;
        double[] out = new double[2 * hw];
        for (int i = 0; i < hw; i++) {
            double a = x[i];
            double b = x[hw + i];
            out[i] = 1 / (1 + Math.exp(-(a - b)));
            out[hw + i] = a * b;
        }
        return out;
    }

    @Test
    void tilingAPositionIndependentFunctionReproducesItExactly() {
        int h = 37;
        int w = 23;
        int p = 8;
        double[] image = random(1, 2 * h * w);
        AtomicInteger patchesSeen = new AtomicInteger();
        TiledPredictor tiler = TiledPredictor.halfOverlap(p, 5);
        double[] tiled = tiler.predict(image, 2, h, w, 2, (patches, count) -> {
            patchesSeen.addAndGet(count);
            double[] out = new double[count * 2 * p * p];
            for (int t = 0; t < count; t++) {
                double[] one = new double[2 * p * p];
                System.arraycopy(patches, t * 2 * p * p, one, 0, one.length);
                System.arraycopy(pointwise(one, 2, p, p), 0, out, t * 2 * p * p, 2 * p * p);
            }
            return out;
        });
        double[] direct = pointwise(image, 2, h, w);
        for (int i = 0; i < direct.length; i++) {
            assertThat(tiled[i]).isCloseTo(direct[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        // rows 0,4,…,28 and 29; columns 0,4,8,12 and 15
        assertThat(tiler.offsets(h)).containsExactly(0, 4, 8, 12, 16, 20, 24, 28, 29);
        assertThat(tiler.offsets(w)).containsExactly(0, 4, 8, 12, 15);
        assertThat(patchesSeen.get()).isEqualTo(9 * 5);
    }

    @Test
    void everyPixelIncludingTheBordersIsCovered() {
        int h = 19;
        int w = 30;
        int p = 6;
        TiledPredictor tiler = new TiledPredictor(p, 4, 3);
        // The function marks each tile's own pixels with 1; any pixel no tile covered would come out as NaN (0/0).
        double[] out = tiler.predict(new double[h * w], 1, h, w, 1, (patches, count) -> {
            double[] ones = new double[count * p * p];
            java.util.Arrays.fill(ones, 1.0);
            return ones;
        });
        for (double v : out) {
            assertThat(v).isEqualTo(1.0);
        }
        assertThat(tiler.offsets(h)).last().isEqualTo(h - p);
        assertThat(tiler.offsets(w)).last().isEqualTo(w - p);
        assertThat(new TiledPredictor(8, 8, 1).offsets(16)).containsExactly(0, 8);
    }

    @Test
    void refusesBadSettingsByName() {
        assertThatThrownBy(() -> new TiledPredictor(8, 9, 1)).hasMessageContaining("stride");
        assertThatThrownBy(() -> new TiledPredictor(8, 4, 1).predict(new double[25], 1, 5, 5, 1, (x, n) -> x))
                .hasMessageContaining("smaller than the 8×8 patches");
        assertThatThrownBy(() -> new TiledPredictor(2, 1, 1).predict(new double[16], 1, 4, 4, 2, (x, n) -> x))
                .hasMessageContaining("patch function returned");
    }
}
