package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The landscape picture: low loss dark, high loss bright, β upwards, the path's end marked. */
class LandscapeImageTest {

    private static final double[] AXIS = {-1, 0, 1};

    /** A bowl α² + β² + 0.1, lowest in the middle. */
    private static double[] bowl() {
        double[] losses = new double[9];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                losses[j * 3 + i] = AXIS[i] * AXIS[i] + AXIS[j] * AXIS[j] + 0.1;
            }
        }
        return losses;
    }

    @Test
    void theMinimumIsDarkestAndTheCornersBrightest() {
        BufferedImage image = LandscapeImage.render(AXIS, AXIS, bowl(), new double[0], new double[0], 101, true);
        int centre = image.getRGB(48 + 50, 18 + 50);
        int corner = image.getRGB(48 + 1, 18 + 1);
        assertThat(centre).isEqualTo(ValuePalette.colour(0));
        assertThat(brightness(corner)).isGreaterThan(brightness(centre) + 200);
    }

    @Test
    void betaGrowsUpwardsAndThePathEndsInARedDot() {
        double[] losses = new double[9];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                losses[j * 3 + i] = 1 + j;
            }
        }
        BufferedImage image = LandscapeImage.render(AXIS, AXIS, losses, new double[] {-0.5, 0.5},
                new double[] {-0.5, -0.5}, 101, false);
        assertThat(image.getRGB(48 + 10, 18)).isEqualTo(ValuePalette.colour(1));
        assertThat(image.getRGB(48 + 10, 18 + 100)).isEqualTo(ValuePalette.colour(0));
        int dot = image.getRGB(48 + 75, 18 + 75);
        assertThat((dot >> 16) & 0xFF).isGreaterThan(200);
        assertThat((dot >> 8) & 0xFF).isLessThan(80);
    }

    @Test
    void refusesAGridOfTheWrongSize() {
        assertThatThrownBy(() -> LandscapeImage.render(AXIS, AXIS, new double[8], new double[0], new double[0], 50,
                false)).hasMessageContaining("got 8 for 3×3");
    }

    private static int brightness(int argb) {
        return ((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF);
    }
}
