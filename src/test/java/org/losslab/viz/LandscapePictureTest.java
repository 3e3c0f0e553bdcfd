package org.losslab.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LandscapePictureTest {
    /** loss = 1 + α² + 2β² on [−1, 1]² at 21×21, with a 3-point path ending at (0.5, −0.25). */
    static LandscapePicture bowl(boolean log) {
        int n = 21;
        double[] axis = new double[n];
        for (int i = 0; i < n; i++) {
            axis[i] = -1 + 2.0 * i / (n - 1);
        }
        double[] losses = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                losses[j * n + i] = 1 + axis[i] * axis[i] + 2 * axis[j] * axis[j];
            }
        }
        return new LandscapePicture(axis, axis, losses, new double[] {-0.9, 0, 0.5}, new double[] {0.8, 0.1, -0.25},
                0.83, log, 8, "step 100 · 21×21 in 0.40 s (batched)");
    }

    @Test
    void bilinearLookupIsExactOnGridPointsAndInterpolatesBetween() {
        LandscapePicture p = bowl(false);
        assertThat(p.lossAt(0.5, -0.2)).isCloseTo(1 + 0.25 + 2 * 0.04, within(1e-12)); // a grid point
        // halfway between α = 0.5 and 0.6 at β = 0: the mean of 1.25 and 1.36 (α² is not linear in between)
        assertThat(p.lossAt(0.55, 0)).isCloseTo((1.25 + 1.36) / 2, within(1e-12));
        assertThat(p.lossAt(1.2, 0)).isNaN();
    }

    @Test
    void theScaleSpansTheGridAndTheLogScaleIsLinearInLog10() {
        ValueScale linear = bowl(false).scale();
        assertThat(linear.lo()).isEqualTo(1);
        assertThat(linear.hi()).isCloseTo(4, within(1e-12));
        assertThat(linear.fraction(2.5)).isCloseTo(0.5, within(1e-12));
        ValueScale log = bowl(true).scale();
        assertThat(log.log()).isTrue();
        assertThat(log.fraction(2)).isCloseTo(0.5, within(1e-12)); // log 2 is halfway between log 1 and log 4
        assertThat(new ValueScale(0.003, 12, true).ticks(5)).containsExactly(0.01, 0.1, 1.0, 10.0);
        assertThat(new ValueScale(1, 4, false).ticks(6)).containsExactly(new double[] {1, 1.5, 2, 2.5, 3, 3.5, 4},
                within(1e-12));
        assertThat(ValueScale.spanning(new double[] {-1, 0, 2}, true).log()).as("no positive range: linear").isFalse();
    }

    @Test
    void theHeatmapPutsLargeBetaAtTheTopAndUsesViridis() {
        LandscapePicture p = bowl(false);
        int[] img = p.heatmap(20, 20);
        // centre pixels are at the minimum: the darkest viridis colour is near (0, 0), the top row is brighter
        int centre = img[10 * 20 + 10];
        int topLeft = img[0];
        assertThat(brightness(centre)).isLessThan(brightness(topLeft));
        assertThat(centre).isEqualTo(ValuePalette.colour(p.scale().fraction(p.lossAt(0.05, -0.05))));
    }

    private static int brightness(int argb) {
        return (argb >> 16 & 0xFF) + (argb >> 8 & 0xFF) + (argb & 0xFF);
    }

    @Test
    void theLayoutMapsPlaneToPixelsAndBack() {
        LandscapePicture p = bowl(false);
        LandscapePainter.Layout l = LandscapePainter.layout(p, 600, 500);
        double[] px = l.toPixel(0.25, -0.5);
        double[] back = l.toPlane(px[0], px[1]);
        assertThat(back).containsExactly(new double[] {0.25, -0.5}, within(1e-9));
        assertThat(l.toPixel(-1, 1)).containsExactly(l.plotX(), l.plotY());
        assertThat(l.toPlane(l.plotX() - 1, l.plotY())).isNull();
    }

    @Test
    void theSvgHasOnePathPerContourInItsGroupAndTheDistanceLabel() {
        LandscapePicture p = bowl(false);
        SvgPlotter svg = new SvgPlotter(640, 520);
        LandscapePainter.paint(svg, p, 640, 520);
        String doc = svg.svg();
        Matcher group = Pattern.compile("<g id=\"contours\">(.*?)</g>", Pattern.DOTALL).matcher(doc);
        assertThat(group.find()).isTrue();
        int paths = group.group(1).split("<path ", -1).length - 1;
        // levels 1 + m/3, m = 1…8, on 1 + α² + 2β² over [−1, 1]²: 3 whole ellipses, 3 cut by α = ±1 into two arcs,
        // 2 cut by all four sides into four arcs
        assertThat(paths).isEqualTo(p.contours().size()).isEqualTo(3 + 3 * 2 + 2 * 4);
        assertThat(doc).contains("0.83 off the plane").contains("data:image/png;base64,").contains("α (direction 1)");
        assertThat(doc).startsWith("<?xml").endsWith("</svg>\n");
    }

    @Test
    void thePngHasTheSignatureAndDimensions() {
        AwtPlotter png = new AwtPlotter(320, 240);
        LandscapePainter.paint(png, bowl(true), 320, 240);
        byte[] bytes = png.png();
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(java.nio.ByteBuffer.wrap(bytes, 16, 8).getInt()).isEqualTo(320);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 20, 4).getInt()).isEqualTo(240);
        // the current point's ring is drawn in its colour somewhere on the map
        int[] pixels = png.pixels();
        LandscapePainter.Layout l = LandscapePainter.layout(bowl(true), 320, 240);
        double[] c = l.toPixel(0.5, -0.25);
        int ring = pixels[(int) Math.round(c[1]) * 320 + (int) Math.round(c[0] + 6.5)];
        // anti-aliased, so not exactly the ring colour, but clearly its red on the bluish-green map
        assertThat(ring >> 16 & 0xFF).isGreaterThan(170);
        assertThat(ring >> 8 & 0xFF).isLessThan(120);
    }

    @Test
    void csvListsEveryGridPoint() {
        String csv = GridCsv.format(new double[] {-1, 1}, new double[] {0, 2}, new double[] {1, 2, 3, Double.NaN});
        assertThat(csv).isEqualTo("alpha,beta,loss\n-1.0,0.0,1.0\n1.0,0.0,2.0\n-1.0,2.0,3.0\n1.0,2.0,NaN\n");
    }
}
