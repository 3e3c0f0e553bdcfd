package org.losslab.data.segmentation;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.losslab.data.DataException;

/** Decodes image files to grey values in [0,1] and masks to {0,1}; every message names the file. */
final class ImageDecoding {
    private ImageDecoding() {}

    /** A decoded single-channel picture, row-major. */
    record Grey(int height, int width, double[] values) {}

    static BufferedImage read(InputStream in, String name) {
        try (InputStream stream = in) {
            BufferedImage image = ImageIO.read(stream);
            if (image == null) {
                throw new DataException(name + " is not a readable image (empty, or not PNG/JPEG)");
            }
            return image;
        } catch (IOException e) {
            throw new DataException(name + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Grey levels in [0,1]: the single channel, or the Rec. 601 luma of the colour channels; alpha is ignored. */
    static Grey image(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        double[] out = new double[h * w];
        if (image.getColorModel() instanceof IndexColorModel) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int rgb = image.getRGB(c, r);
                    out[r * w + c] = luma((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF) / 255.0;
                }
            }
            return new Grey(h, w, out);
        }
        Raster raster = image.getRaster();
        int colours = image.getColorModel().getNumColorComponents();
        double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = colours >= 3
                        ? luma(raster.getSample(c, r, 0), raster.getSample(c, r, 1), raster.getSample(c, r, 2))
                        : raster.getSample(c, r, 0);
                out[r * w + c] = Math.min(1.0, Math.max(0.0, v / max));
            }
        }
        return new Grey(h, w, out);
    }

    private static double luma(double red, double green, double blue) {
        return 0.299 * red + 0.587 * green + 0.114 * blue;
    }

    /**
     * A binary mask: 0 is background; the foreground is the format's full value (255 for 8 bits, 1 for 1 bit) or 1
     * (label-coded masks that look black). Colour masks must be grey (equal channels).
     *
     * @throws DataException naming the file and the first pixel with any other value
     */
    static Grey mask(BufferedImage image, String name) {
        int h = image.getHeight();
        int w = image.getWidth();
        double[] out = new double[h * w];
        boolean indexed = image.getColorModel() instanceof IndexColorModel;
        Raster raster = image.getRaster();
        int colours = image.getColorModel().getNumColorComponents();
        int max = indexed ? 255 : (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int v;
                if (indexed) {
                    int rgb = image.getRGB(c, r);
                    int red = (rgb >> 16) & 0xFF;
                    if (red != ((rgb >> 8) & 0xFF) || red != (rgb & 0xFF)) {
                        throw notBinary(name, r, c, "colour #" + String.format("%06X", rgb & 0xFFFFFF));
                    }
                    v = red;
                } else {
                    v = raster.getSample(c, r, 0);
                    for (int b = 1; b < Math.min(colours, 3); b++) {
                        if (raster.getSample(c, r, b) != v) {
                            throw notBinary(name, r, c, "a colour (channels differ)");
                        }
                    }
                }
                if (v != 0 && v != max && v != 1) {
                    throw notBinary(name, r, c, "value " + v);
                }
                out[r * w + c] = v == 0 ? 0 : 1;
            }
        }
        return new Grey(h, w, out);
    }

    private static DataException notBinary(String name, int row, int column, String what) {
        return new DataException("mask " + name + " is not binary: pixel at row " + row + ", column " + column + " has "
                + what + "; masks must be 0 (background) and 255 or 1 (foreground)");
    }
}
