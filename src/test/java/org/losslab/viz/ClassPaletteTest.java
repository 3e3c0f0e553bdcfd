package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassPaletteTest {

    @Test
    void classesGetDistinctColoursThatRepeatAfterTen() {
        assertThat(ClassPalette.colour(0)).isNotEqualTo(ClassPalette.colour(1));
        assertThat(ClassPalette.colour(10)).isEqualTo(ClassPalette.colour(0));
    }

    @Test
    void areaIsLighterWhereTheModelIsUnsure() {
        int sure = ClassPalette.area(0, 1.0, 3);
        int unsure = ClassPalette.area(0, 1.0 / 3, 3);
        assertThat(ClassPalette.luma(unsure)).isGreaterThan(ClassPalette.luma(sure));
        // Even the strongest tint is lighter than the point colour, so points stay visible on top.
        assertThat(ClassPalette.luma(sure)).isGreaterThan(ClassPalette.luma(ClassPalette.colour(0)));
        assertThat(ClassPalette.area(1, Double.NaN, 2) >>> 24).isEqualTo(0xFF);
    }

    @Test
    void mixBlendsEachChannel() {
        assertThat(ClassPalette.mix(0xFF000000, 0xFFFFFFFF, 0.5)).isEqualTo(0xFF808080);
        assertThat(ClassPalette.mix(0xFF102030, 0xFF405060, 0)).isEqualTo(0xFF102030);
    }
}
