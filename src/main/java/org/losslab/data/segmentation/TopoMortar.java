package org.losslab.data.segmentation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataException;

/**
 * The bundled TopoMortar brick walls at 256×256 (Valverde et al., "TopoMortar: A dataset to evaluate image
 * segmentation methods focused on topology accuracy", BMVC 2025; MIT licence): RGB photographs, read as grey, with
 * mortar as the foreground. Splits {@code train} (50), {@code val} (20), {@code test-id} (50, in distribution) and
 * {@code test-ood} (50, out of distribution: angles, colours, graffiti, objects, occlusion, shadows). Accurate labels
 * exist for every split; the noisy and pseudo labels for the training and validation splits only.
 *
 * <p>The file {@code betti.csv} lists every image (so no classpath directory listing is needed) with its group and
 * the Betti numbers of its accurate label, which sets read with accurate labels carry as {@link KnownTopology}.
 */
public final class TopoMortar {
    static final String ROOT = "/org/losslab/data/topomortar/";

    /** The splits, in the dataset's order. */
    public static final List<String> SPLITS = List.of("train", "val", "test-id", "test-ood");

    /** Which annotation serves as the mask. */
    public enum LabelKind {
        /** Careful manual labels (all splits). */
        ACCURATE,
        /** Thin labels with annotation errors, as distributed with the dataset (train, val). */
        NOISY,
        /** Thin pseudo-labels, as distributed with the dataset (train, val). */
        PSEUDO;

        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses accurate, noisy or pseudo (any case), naming the choices otherwise. */
        public static LabelKind parse(String text) {
            for (LabelKind k : values()) {
                if (k.folder().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
            throw new DataException("TopoMortar label kind must be accurate, noisy or pseudo, got '" + text + "'");
        }
    }

    /**
     * One image of the record {@code betti.csv}.
     *
     * @param group {@code indistr}, or the out-of-distribution challenge (angles, colors, graffiti, …)
     */
    public record Entry(String split, String id, String group, int betti0, int betti1) {}

    private TopoMortar() {}

    /** Every image of every split, from {@code betti.csv}. */
    public static List<Entry> entries() {
        String name = "classpath:" + ROOT + "betti.csv";
        List<Entry> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open("betti.csv"), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.trim().equals("split,id,group,betti0,betti1")) {
                throw new DataException(name + ": line 1 must be the header split,id,group,betti0,betti1");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(",");
                if (f.length != 5) {
                    throw new DataException(name + ": line " + number + " has " + f.length + " fields, expected 5");
                }
                try {
                    out.add(new Entry(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4])));
                } catch (NumberFormatException e) {
                    throw new DataException(name + ": line " + number + " has Betti numbers that are not whole numbers");
                }
            }
        } catch (IOException e) {
            throw new DataException(name + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** The entries of {@code split}, in file order. */
    public static List<Entry> entries(String split) {
        requireSplit(split);
        return entries().stream().filter(e -> e.split().equals(split)).toList();
    }

    /**
     * Reads a split with the given labels; images become grey values in [0,1], masks 0/1. Names are the image ids
     * (e.g. {@code 001}).
     *
     * @throws DataException for an unknown split, a label kind the split does not have, or a damaged resource
     */
    public static SegmentationSet read(String split, LabelKind labels) {
        requireSplit(split);
        if (labels != LabelKind.ACCURATE && !(split.equals("train") || split.equals("val"))) {
            throw new DataException("TopoMortar split '" + split + "' has only accurate labels; " + labels.folder()
                    + " labels exist for train and val");
        }
        List<Entry> entries = entries(split);
        List<String> names = new ArrayList<>();
        List<KnownTopology> topologies = new ArrayList<>();
        int height = -1;
        int width = -1;
        double[] images = null;
        double[] masks = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String imagePath = split + "/images/" + e.id() + ".jpg";
            String maskPath = split + "/" + labels.folder() + "/" + e.id() + ".png";
            ImageDecoding.Grey image = ImageDecoding.image(ImageDecoding.read(open(imagePath), "classpath:" + ROOT + imagePath));
            ImageDecoding.Grey mask = ImageDecoding.mask(ImageDecoding.read(open(maskPath), "classpath:" + ROOT + maskPath),
                    "classpath:" + ROOT + maskPath);
            if (images == null) {
                height = image.height();
                width = image.width();
                images = new double[entries.size() * height * width];
                masks = new double[entries.size() * height * width];
            }
            if (image.height() != height || image.width() != width || mask.height() != height || mask.width() != width) {
                throw new DataException("TopoMortar " + imagePath + " or its mask is not " + height + "×" + width);
            }
            System.arraycopy(image.values(), 0, images, i * height * width, height * width);
            System.arraycopy(mask.values(), 0, masks, i * height * width, height * width);
            names.add(e.id());
            topologies.add(labels == LabelKind.ACCURATE ? new KnownTopology(e.betti0(), e.betti1()) : null);
        }
        return SegmentationSet.of(split, names, height, width, images, masks, topologies);
    }

    private static void requireSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new DataException("TopoMortar has no split '" + split + "'; use one of " + SPLITS);
        }
    }

    private static InputStream open(String path) {
        InputStream in = TopoMortar.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new DataException("bundled TopoMortar file classpath:" + ROOT + path + " is missing from the application");
        }
        return in;
    }
}
