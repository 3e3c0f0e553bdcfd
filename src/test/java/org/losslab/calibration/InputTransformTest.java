package org.losslab.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losslab.data.Batch;

/** The views and shifts, on points and images, with values worked out by hand. */
class InputTransformTest {

    private static Batch points(double... xy) {
        return new Batch(xy, new int[xy.length / 2], new int[] {2});
    }

    @Test
    void rotatesPointsCounterClockwiseAboutTheOrigin() {
        Batch out = InputTransform.rotation(90).apply(points(1, 0, 0, 2));
        assertThat(out.features()[0]).isCloseTo(0, within(1e-12));
        assertThat(out.features()[1]).isCloseTo(1, within(1e-12));
        assertThat(out.features()[2]).isCloseTo(-2, within(1e-12));
        assertThat(out.features()[3]).isCloseTo(0, within(1e-12));
    }

    @Test
    void rotatesImagesAboutTheirCentre() {
        // a bright pixel at the top middle of a 3×3 image moves to the left middle after a quarter turn
        double[] image = {0, 1, 0, 0, 0, 0, 0, 0, 0};
        Batch out = InputTransform.rotation(90).apply(new Batch(image, new int[] {0}, new int[] {1, 3, 3}));
        double[] expected = {0, 0, 0, 1, 0, 0, 0, 0, 0};
        for (int i = 0; i < 9; i++) {
            assertThat(out.features()[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void scalesPointsFromTheOriginAndImageContrastAboutTheMean() {
        assertThat(InputTransform.scaling(2).apply(points(0.5, -1)).features()).containsExactly(1, -2);
        Batch image = new Batch(new double[] {0, 1, 0, 1}, new int[] {0}, new int[] {1, 2, 2});
        assertThat(InputTransform.scaling(0.5).apply(image).features()).containsExactly(0.25, 0.75, 0.25, 0.75);
    }

    @Test
    void noiseIsSeededAndLeavesTheInputAlone() {
        Batch in = points(1, 2, 3, 4);
        Batch a = InputTransform.gaussianNoise(0.1, 7).apply(in);
        Batch b = InputTransform.gaussianNoise(0.1, 7).apply(in);
        assertThat(a.features()).containsExactly(b.features());
        assertThat(a.features()).isNotEqualTo(in.features());
        assertThat(in.features()).containsExactly(1, 2, 3, 4);
        assertThat(a.labels()).isSameAs(in.labels());
    }

    @Test
    void thenAppliesInOrder() {
        Batch out = InputTransform.rotation(90).then(InputTransform.scaling(3)).apply(points(1, 0));
        assertThat(out.features()[1]).isCloseTo(3, within(1e-12));
    }

    @Test
    void geometricTransformsRefuseOtherShapes() {
        Batch vectors = new Batch(new double[] {1, 2, 3}, new int[] {0}, new int[] {3});
        assertThat(InputTransform.supports(new int[] {3})).isFalse();
        assertThatThrownBy(() -> InputTransform.rotation(10).apply(vectors)).hasMessageContaining("[3]");
        assertThat(InputTransform.gaussianNoise(0.1, 1).apply(vectors).features()).hasSize(3);
    }
}
