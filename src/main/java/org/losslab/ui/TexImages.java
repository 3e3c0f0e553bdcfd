package org.losslab.ui;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;

/** Formulas typeset with JLaTeXMath and turned into JavaFX images, cached by source. */
final class TexImages {
    private static final int CACHE_SIZE = 64;
    private static final Map<String, Image> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private TexImages() {}

    /**
     * @param size font size in points
     * @throws org.scilab.forge.jlatexmath.ParseException if the TeX does not parse
     */
    static Image render(String tex, float size) {
        String key = size + "|" + tex;
        Image cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        TeXFormula formula = new TeXFormula(tex);
        java.awt.Image awt = formula.createBufferedImage(TeXConstants.STYLE_DISPLAY, size, Color.BLACK, null);
        BufferedImage buffered = awt instanceof BufferedImage bi ? bi : copy(awt);
        Image image = SwingFXUtils.toFXImage(buffered, null);
        CACHE.put(key, image);
        return image;
    }

    private static BufferedImage copy(java.awt.Image awt) {
        BufferedImage bi = new BufferedImage(awt.getWidth(null), awt.getHeight(null), BufferedImage.TYPE_INT_ARGB);
        bi.getGraphics().drawImage(awt, 0, 0, null);
        return bi;
    }
}
