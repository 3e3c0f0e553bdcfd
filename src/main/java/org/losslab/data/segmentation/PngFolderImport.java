package org.losslab.data.segmentation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.losslab.data.DataException;

/**
 * Reads a user's segmentation data from a folder laid out as
 *
 * <pre>
 * root/
 *   images/  a.png  b.png  …   grey or colour (read as grey, values scaled to [0,1])
 *   masks/   a.png  b.png  …   binary: 0 = background, 255 (or 1) = foreground
 * </pre>
 *
 * An image and its mask share the file name. All images must have the same size, at least 2×2, and each mask the
 * size of its image. Names of the set are the file names without {@code .png}, in sorted order. Other files are
 * ignored. Every problem is a {@link DataException} naming the file.
 */
public final class PngFolderImport {
    public static final String IMAGES = "images";
    public static final String MASKS = "masks";

    private PngFolderImport() {}

    /**
     * @param root the folder holding {@code images/} and {@code masks/}
     * @param split the split name the set carries (e.g. {@code train})
     */
    public static SegmentationSet read(Path root, String split) {
        Path imageDir = root.resolve(IMAGES);
        Path maskDir = root.resolve(MASKS);
        TreeMap<String, Path> images = pngs(imageDir, "images");
        TreeMap<String, Path> masks = pngs(maskDir, "masks");
        if (images.isEmpty()) {
            throw new DataException("no PNG images in " + imageDir + " (expected images/*.png with masks/*.png of the same names)");
        }
        for (String name : images.keySet()) {
            if (!masks.containsKey(name)) {
                throw new DataException("image " + images.get(name) + " has no mask: expected " + maskDir.resolve(name + ".png"));
            }
        }
        for (String name : masks.keySet()) {
            if (!images.containsKey(name)) {
                throw new DataException("mask " + masks.get(name) + " has no image: expected " + imageDir.resolve(name + ".png"));
            }
        }
        List<String> names = new ArrayList<>(images.keySet());
        int height = -1;
        int width = -1;
        Path first = null;
        double[] imageValues = null;
        double[] maskValues = null;
        for (int i = 0; i < names.size(); i++) {
            Path imageFile = images.get(names.get(i));
            Path maskFile = masks.get(names.get(i));
            ImageDecoding.Grey image = ImageDecoding.image(ImageDecoding.read(open(imageFile), imageFile.toString()));
            if (image.height() < 2 || image.width() < 2) {
                throw new DataException("image " + imageFile + " is " + image.height() + "×" + image.width()
                        + "; segmentation needs images of at least 2×2 pixels");
            }
            if (imageValues == null) {
                height = image.height();
                width = image.width();
                first = imageFile;
                imageValues = new double[names.size() * height * width];
                maskValues = new double[names.size() * height * width];
            } else if (image.height() != height || image.width() != width) {
                throw new DataException("image " + imageFile + " is " + image.height() + "×" + image.width() + " but "
                        + first + " is " + height + "×" + width + "; all images of a set must have the same size");
            }
            ImageDecoding.Grey mask = ImageDecoding.mask(ImageDecoding.read(open(maskFile), maskFile.toString()),
                    maskFile.toString());
            if (mask.height() != height || mask.width() != width) {
                throw new DataException("mask " + maskFile + " is " + mask.height() + "×" + mask.width()
                        + " but its image " + imageFile + " is " + height + "×" + width);
            }
            System.arraycopy(image.values(), 0, imageValues, i * height * width, height * width);
            System.arraycopy(mask.values(), 0, maskValues, i * height * width, height * width);
        }
        return SegmentationSet.of(split, names, height, width, imageValues, maskValues, null);
    }

    private static TreeMap<String, Path> pngs(Path dir, String role) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("folder " + dir + " is missing: a segmentation folder holds " + IMAGES + "/ and "
                    + MASKS + "/ with PNG files of the same names (" + role + " go in " + dir.getFileName() + "/)");
        }
        TreeMap<String, Path> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String file = f.getFileName().toString();
                if (file.toLowerCase(Locale.ROOT).endsWith(".png")) {
                    found.put(file.substring(0, file.length() - 4), f);
                }
            });
        } catch (IOException e) {
            throw new DataException("folder " + dir + " could not be listed: " + e.getMessage(), e);
        }
        return found;
    }

    private static InputStream open(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new DataException(file + " is an empty file, not a PNG image");
            }
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new DataException(file + " could not be opened: " + e.getMessage(), e);
        }
    }
}
