package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Class hold-out, P×K batches and two-view augmentation: the data side of metric learning. */
class MetricLearningBatchesTest {

    private static DataSplit digits() {
        return DataCatalog.get("digits").load(Map.of(), 3);
    }

    @Test
    void holdingOutClassesPartitionsTheRowsByClass() {
        DataSplit split = digits();
        ClassHoldOut classes = ClassHoldOut.lastClasses(10, 4);
        assertThat(classes.seenClasses()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(classes.heldOutClasses()).containsExactly(6, 7, 8, 9);
        Dataset seen = classes.seen(split.train());
        Dataset held = classes.heldOut(split.train());
        assertThat(seen.size() + held.size()).isEqualTo(split.train().size());
        assertThat(java.util.Arrays.stream(seen.labels()).boxed().toList()).allMatch(y -> y < 6);
        assertThat(java.util.Arrays.stream(held.labels()).boxed().toList()).allMatch(y -> y >= 6);
        int pooled = held.size() + classes.heldOut(split.validation()).size()
                + split.test().map(t -> classes.heldOut(t).size()).orElse(0);
        Dataset all = classes.pooledHeldOut(split, 100_000);
        assertThat(all.size()).isEqualTo(pooled);
        Dataset few = classes.pooledHeldOut(split, 200);
        assertThat(few.size()).isEqualTo(200);
        // Spread evenly through the pool: every held-out class keeps a share near its quarter.
        int[] counts = few.classCounts();
        for (int c = 6; c < 10; c++) {
            assertThat(counts[c]).isBetween(35, 65);
        }
        assertThatThrownBy(() -> ClassHoldOut.lastClasses(10, 9)).hasMessageContaining("heldOutClasses");
        assertThatThrownBy(() -> ClassHoldOut.lastClasses(10, 1)).hasMessageContaining("heldOutClasses");
    }

    @Test
    void pkBatchesHoldKDistinctRowsOfPDistinctClasses() {
        Dataset seen = ClassHoldOut.lastClasses(10, 4).seen(digits().train());
        PkBatchSampler sampler = new PkBatchSampler(seen, 4, 6, 9);
        assertThat(sampler.batchSize()).isEqualTo(24);
        Set<Integer> classesSeen = new HashSet<>();
        for (int b = 0; b < 50; b++) {
            int[] rows = sampler.next();
            assertThat(rows).hasSize(24).doesNotHaveDuplicates();
            Map<Integer, Integer> perClass = new HashMap<>();
            for (int r : rows) {
                perClass.merge(seen.label(r), 1, Integer::sum);
            }
            assertThat(perClass).hasSize(4);
            assertThat(perClass.values()).containsOnly(6);
            classesSeen.addAll(perClass.keySet());
        }
        assertThat(classesSeen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(new PkBatchSampler(seen, 4, 6, 9).next()).containsExactly(new PkBatchSampler(seen, 4, 6, 9).next());
        assertThatThrownBy(() -> new PkBatchSampler(seen, 7, 6, 1)).hasMessageContaining("classesPerBatch");
        assertThatThrownBy(() -> new PkBatchSampler(seen, 3, 1, 1)).hasMessageContaining("samplesPerClass");
    }

    @Test
    void viewsOfVectorsJitterEachFeatureByItsSpread() {
        Dataset data = DataCatalog.get("blobs").load(Map.of("classes", 3), 1).train();
        ViewAugmenter views = new ViewAugmenter(data, 0.1, 4);
        double[] x = data.features();
        double[] v = views.view(x);
        double sum = 0;
        for (int i = 0; i < x.length; i += 2) {
            sum += (v[i] - x[i]) * (v[i] - x[i]);
        }
        double spread = 0;
        double mean = 0;
        for (int i = 0; i < x.length; i += 2) {
            mean += x[i];
        }
        mean /= x.length / 2.0;
        for (int i = 0; i < x.length; i += 2) {
            spread += (x[i] - mean) * (x[i] - mean);
        }
        // jitter variance ≈ (0.1·σ)²
        assertThat(sum / spread).isCloseTo(0.01, within(0.004));
        assertThatThrownBy(() -> new ViewAugmenter(data, 1.5, 1)).hasMessageContaining("jitter");
    }

    @Test
    void viewsOfImagesAreShiftedCopiesWithNoise() {
        // one 1×5×5 image with a single bright pixel in the middle
        double[] img = new double[25];
        img[12] = 1;
        Dataset data = new Dataset("dot", new int[] {1, 5, 5}, img, new int[] {0}, 1, null, "test");
        ViewAugmenter exact = new ViewAugmenter(data, 0, 2);
        assertThat(exact.isImage()).isTrue();
        for (int t = 0; t < 20; t++) {
            double[] v = exact.view(img);
            int bright = -1;
            for (int i = 0; i < 25; i++) {
                if (v[i] == 1) {
                    bright = i;
                }
            }
            assertThat(v).containsOnly(0.0, 1.0);
            int dy = bright / 5 - 2;
            int dx = bright % 5 - 2;
            assertThat(Math.abs(dy)).isLessThanOrEqualTo(ViewAugmenter.MAX_SHIFT);
            assertThat(Math.abs(dx)).isLessThanOrEqualTo(ViewAugmenter.MAX_SHIFT);
        }
    }
}
