package org.losslab.data.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.data.DataException;

class SegmentationSetTest {
    static final double[] IMAGES = {0, 0.5, 1, 0.25, 0.1, 0.2, 0.3, 0.4};
    static final double[] MASKS = {0, 1, 1, 0, 1, 1, 1, 1};

    @Test
    void holdsImagesMasksNamesAndSplit() {
        SegmentationSet set = SegmentationSet.of("val", List.of("a", "b"), 2, 2, IMAGES, MASKS,
                java.util.Arrays.asList(new KnownTopology(1, 0), null));
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.split()).isEqualTo("val");
        assertThat(set.image(1)).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(set.mask(0)).containsExactly(0, 1, 1, 0);
        assertThat(set.pixel(0, 1, 0)).isEqualTo(1.0);
        assertThat(set.foreground(0, 0, 0)).isFalse();
        assertThat(set.foregroundCount(1)).isEqualTo(4);
        assertThat(set.topology(0)).contains(new KnownTopology(1, 0));
        assertThat(set.topology(1)).isEmpty();
        assertThat(set.masksShape()).containsExactly(2, 2, 2);
        SegmentationSet b = set.subset(1);
        assertThat(b.names()).containsExactly("b");
        assertThat(b.image(0)).containsExactly(0.1, 0.2, 0.3, 0.4);
        // immutable: callers get copies
        set.image(0)[0] = 9;
        assertThat(set.pixel(0, 0, 0)).isZero();
    }

    @Test
    void refusesBadContentByName() {
        double[] bright = IMAGES.clone();
        bright[6] = 1.5;
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a", "b"), 2, 2, bright, MASKS, null))
                .isInstanceOf(DataException.class).hasMessageContaining("image 'b'").hasMessageContaining("row 1, column 0");
        double[] soft = MASKS.clone();
        soft[1] = 0.5;
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a", "b"), 2, 2, IMAGES, soft, null))
                .hasMessageContaining("mask of 'a'").hasMessageContaining("0 or 1");
        double[] nan = IMAGES.clone();
        nan[0] = Double.NaN;
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a", "b"), 2, 2, nan, MASKS, null))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a", "a"), 2, 2, IMAGES, MASKS, null))
                .hasMessageContaining("two images 'a'");
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a"), 2, 2, IMAGES, MASKS, null))
                .hasMessageContaining("1 names");
        assertThatThrownBy(() -> SegmentationSet.of("train", List.of("a", "b", "c", "d", "e", "f", "g", "h"), 1, 1,
                IMAGES, MASKS, null)).hasMessageContaining("at least 2×2");
    }
}
