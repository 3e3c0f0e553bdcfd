package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledDataTest {
    /** Per-digit counts of the bundled files (checked independently of this reader). */
    private static final int[] MNIST_TRAIN_COUNTS = {823, 914, 792, 826, 784, 681, 798, 848, 755, 779};
    private static final int[] MNIST_TEST_COUNTS = {178, 213, 199, 206, 196, 182, 216, 222, 189, 199};
    private static final int[] DIGITS_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

    @Test
    void mnist10kLoads8000TrainAnd2000Test() {
        DataSplit s = new Mnist10kSource().load(Map.of(), 1);
        Dataset train = s.train();
        Dataset val = s.validation();
        Dataset test = s.test().orElseThrow();
        assertThat(train.size() + val.size()).isEqualTo(8000);
        assertThat(val.size()).isEqualTo(1600);
        assertThat(test.size()).isEqualTo(2000);
        assertThat(add(train.classCounts(), val.classCounts())).containsExactly(MNIST_TRAIN_COUNTS);
        assertThat(test.classCounts()).containsExactly(MNIST_TEST_COUNTS);
        assertThat(train.featureShape()).containsExactly(1, 28, 28);
        assertThat(train.featureSize()).isEqualTo(784);
        assertThat(train.numClasses()).isEqualTo(10);
        assertThat(train.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(test.source()).isEqualTo(Mnist10kSource.ATTRIBUTION);
        double[] x = test.features();
        assertThat(Arrays.stream(x).min().orElseThrow()).isEqualTo(0.0);
        assertThat(Arrays.stream(x).max().orElseThrow()).isEqualTo(1.0);
        // MNIST digits are mostly background: about a fifth of the pixels are ink
        double ink = Arrays.stream(x).filter(v -> v > 0.5).count() / (double) x.length;
        assertThat(ink).isBetween(0.08, 0.2);
    }

    @Test
    void mnistTrainLimitIsAStratifiedSample() {
        DataSplit s = new Mnist10kSource().load(Map.of("trainLimit", 500, "validationFraction", 0.2), 3);
        assertThat(s.train().size()).isEqualTo(400);
        assertThat(s.validation().size()).isEqualTo(100);
        int[] counts = add(s.train().classCounts(), s.validation().classCounts());
        for (int c = 0; c < 10; c++) {
            assertThat(counts[c]).isCloseTo((int) Math.round(MNIST_TRAIN_COUNTS[c] * 500 / 8000.0),
                    org.assertj.core.api.Assertions.within(1));
        }
        assertThat(s.test().orElseThrow().size()).isEqualTo(2000);
        assertThat(new Mnist10kSource().load(Map.of("trainLimit", 500), 3).train())
                .isEqualTo(s.train());
    }

    @Test
    void firstTestImageMatchesTheFile() throws IOException {
        // label and a pixel row of t10k image 0, read independently of IdxReader (header 16 / 8 bytes)
        byte[] px;
        byte[] lb;
        try (InputStream in = new java.util.zip.GZIPInputStream(Bundled.open("mnist-10k/t10k-images-idx3-ubyte.gz"))) {
            px = in.readAllBytes();
        }
        try (InputStream in = new java.util.zip.GZIPInputStream(Bundled.open("mnist-10k/t10k-labels-idx1-ubyte.gz"))) {
            lb = in.readAllBytes();
        }
        assertThat(px.length).isEqualTo(16 + 2000 * 784);
        Dataset test = new Mnist10kSource().load(Map.of(), 0).test().orElseThrow();
        assertThat(test.label(0)).isEqualTo(lb[8]);
        for (int j = 0; j < 784; j++) {
            assertThat(test.feature(0, j)).isEqualTo((px[16 + j] & 0xFF) / 255.0);
        }
    }

    @Test
    void digitsLoads1797Rows() {
        Dataset all = DigitsSource.readAll();
        assertThat(all.size()).isEqualTo(1797);
        assertThat(all.featureShape()).containsExactly(1, 8, 8);
        assertThat(all.classCounts()).containsExactly(DIGITS_COUNTS);
        assertThat(all.label(0)).isEqualTo(0);
        // first row of the file: 0,0,5,13,9,1,0,0,... → scaled by 1/16
        assertThat(Arrays.copyOf(all.row(0), 4)).containsExactly(0, 0, 5 / 16.0, 13 / 16.0);
        double[] x = all.features();
        assertThat(Arrays.stream(x).max().orElseThrow()).isEqualTo(1.0);
        assertThat(Arrays.stream(x).min().orElseThrow()).isEqualTo(0.0);
    }

    @Test
    void digitsSplitsTrainValidationTest() {
        DataSplit s = new DigitsSource().load(Map.of(), 5);
        int test = s.test().orElseThrow().size();
        assertThat(s.train().size() + s.validation().size() + test).isEqualTo(1797);
        assertThat(s.validation().size()).isEqualTo(359);
        assertThat(test).isEqualTo(359);
        assertThat(s.train().source()).isEqualTo(DigitsSource.ATTRIBUTION);
        assertThat(new DigitsSource().load(Map.of(), 5).validation()).isEqualTo(s.validation());
        assertThat(new DigitsSource().load(Map.of("testFraction", 0), 5).test()).isEmpty();
    }

    private static int[] add(int[] a, int[] b) {
        int[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }
}
