package org.losslab.app;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.losslab.topology.ScalarMap;

/**
 * Reads a 2-D map for the topology commands: a greyscale PNG (values scaled to [0, 1], so 8-bit 0–255 becomes
 * /255 and a 1-bit mask becomes 0/1) or a CSV of numbers, one image row per line. Bad files are refused with a
 * message naming the file.
 */
final class MapFiles {
    private MapFiles() {}

    /**
     * @param role the argument's name in messages, e.g. {@code MAP} or {@code PRED}
     * @throws IllegalArgumentException naming the file if it is missing, unreadable, colour, ragged or not numeric
     */
    static ScalarMap read(String role, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(role + " file not found: " + file);
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".png")) {
                return png(role, file, name);
            }
            if (lower.endsWith(".csv")) {
                return csv(role, file, name);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(role + " " + file + " cannot be read: " + e.getMessage());
        }
        throw new IllegalArgumentException(role + " " + file + " must be a .png or .csv file");
    }

    private static ScalarMap png(String role, Path file, String name) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IllegalArgumentException(role + " " + file + " is not a readable PNG");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        double[] values = new double[h * w];
        if (image.getColorModel() instanceof IndexColorModel palette) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int index = raster.getSample(c, r, 0);
                    int red = palette.getRed(index);
                    if (red != palette.getGreen(index) || red != palette.getBlue(index)) {
                        throw new IllegalArgumentException(role + " " + file + " has a colour pixel at row " + r
                                + ", column " + c + "; a map must be greyscale");
                    }
                    values[r * w + c] = red / 255.0;
                }
            }
        } else if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    values[r * w + c] = raster.getSample(c, r, 0) / max;
                }
            }
        } else {
            throw new IllegalArgumentException(role + " " + file + " is a colour PNG; a map must be greyscale");
        }
        return ScalarMap.of(name, h, w, values);
    }

    private static ScalarMap csv(String role, Path file, String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*|\\s+");
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(role + " " + file + " line " + (i + 1) + ", column " + (c + 1)
                            + ": '" + cells[c] + "' is not a number");
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException(role + " " + file + " line " + (i + 1) + " has " + row.length
                        + " values but the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(role + " " + file + " is empty");
        }
        return ScalarMap.of(name, rows.toArray(new double[0][]));
    }
}
