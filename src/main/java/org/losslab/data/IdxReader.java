package org.losslab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST, Fashion-MNIST and their relatives: plain or gzip-compressed (detected from the
 * content, not the name).
 *
 * <p>Layout: a big-endian 32-bit magic number ({@value #IMAGES_MAGIC} for images, {@value #LABELS_MAGIC} for labels:
 * two zero bytes, type {@code 0x08} = unsigned byte, number of dimensions), one big-endian 32-bit size per dimension,
 * then the values as unsigned bytes, row-major. Image files have dimensions {@code [count, rows, cols]}, label files
 * {@code [count]}.
 *
 * <p>Every way a download can go wrong gets its own message naming the file: empty, wrong magic (with a hint when the
 * bytes are merely swapped), truncated (bytes expected versus found), extra bytes, and image and label files that
 * disagree on the count.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * The content of one IDX file.
     *
     * @param magic {@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}
     * @param dims sizes of the dimensions, the first being the number of items
     * @param values all values as raw bytes; read them with {@link #unsigned(int)}
     */
    public record IdxData(int magic, int[] dims, byte[] values) {

        /** Number of items (images or labels). */
        public int count() {
            return dims[0];
        }

        public boolean isImages() {
            return magic == IMAGES_MAGIC;
        }

        public boolean isLabels() {
            return magic == LABELS_MAGIC;
        }

        /** Value {@code i} as the unsigned byte it is, 0..255. */
        public int unsigned(int i) {
            return values[i] & 0xFF;
        }

        @Override
        public String toString() {
            return "IdxData[" + (isImages() ? "images " : "labels ") + Arrays.toString(dims) + "]";
        }
    }

    /**
     * Reads an image or label file.
     *
     * @throws DataException if the file is missing, unreadable, empty, not IDX, truncated or has extra bytes
     */
    public static IdxData read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("file not found: " + file, e);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an image or label file from a stream (the caller closes it).
     *
     * @param source the file or resource name, for messages
     */
    public static IdxData read(InputStream raw, String source) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 < 0) {
                throw new DataException(source + " is empty");
            }
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(buffered), 1 << 16) : buffered;
            return parse(in, gzip ? source + " (after gunzip)" : source);
        } catch (EOFException | ZipException e) {
            throw new DataException(source + " is a damaged or truncated gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static IdxData parse(InputStream in, String source) throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got == 0) {
            throw new DataException(source + " is empty");
        }
        if (got < 4) {
            throw new DataException(source + " is truncated: expected at least 4 bytes of header (the magic number), "
                    + "found " + got);
        }
        int magic = bigEndian(head, 0);
        if (magic != IMAGES_MAGIC && magic != LABELS_MAGIC) {
            String hint = Integer.reverseBytes(magic) == IMAGES_MAGIC || Integer.reverseBytes(magic) == LABELS_MAGIC
                    ? " (its bytes are in little-endian order; IDX is big-endian)"
                    : "";
            throw new DataException(source + ": wrong magic number " + hex(magic) + " (" + magic
                    + "): not an IDX image file (" + IMAGES_MAGIC + ") or label file (" + LABELS_MAGIC + ")" + hint);
        }
        int ndims = magic & 0xFF;
        int headerBytes = 4 + 4 * ndims;
        byte[] dimBytes = new byte[4 * ndims];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new DataException(source + " is truncated: expected " + headerBytes + " bytes of header, found "
                    + (4 + got));
        }
        int[] dims = new int[ndims];
        long size = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = bigEndian(dimBytes, 4 * d);
            if (dims[d] < 0) {
                throw new DataException(source + ": dimension " + d + " in the header is negative ("
                        + Integer.toUnsignedString(dims[d]) + " read as unsigned); the file is not valid IDX");
            }
            size *= dims[d];
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataException(source + ": the header announces " + Arrays.toString(dims)
                        + " values, too many to hold in memory");
            }
        }
        byte[] values = new byte[(int) size];
        got = in.readNBytes(values, 0, values.length);
        if (got < values.length) {
            throw new DataException(source + " is truncated: the header announces " + describe(magic, dims)
                    + ", which needs " + fmt(size) + " bytes of data after the " + headerBytes + "-byte header ("
                    + fmt(headerBytes + size) + " bytes in all); found " + fmt(got) + " (" + fmt(headerBytes + got)
                    + " in all)");
        }
        if (in.read() >= 0) {
            long extra = 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
            throw new DataException(source + " has " + fmt(extra) + " extra bytes after offset "
                    + fmt(headerBytes + size) + ", where the " + describe(magic, dims)
                    + " announced by the header end; is it the right file?");
        }
        return new IdxData(magic, dims, values);
    }

    /**
     * Reads a pair of image and label files into a data set: pixels scaled to [0, 1], shape {@code [1, rows, cols]},
     * classes {@code 0 … max label}.
     *
     * @throws DataException for any problem with either file, or if their counts differ
     */
    public static Dataset readDataset(Path images, Path labels, String name) {
        return toDataset(read(images), images.toString(), read(labels), labels.toString(), name,
                "IDX files " + images + " and " + labels);
    }

    /**
     * Pairs an image file with its label file.
     *
     * @param imagesSource name of the image file, for messages
     * @param labelsSource name of the label file, for messages
     */
    public static Dataset toDataset(IdxData images, String imagesSource, IdxData labels, String labelsSource,
            String name, String source) {
        if (!images.isImages()) {
            throw new DataException(imagesSource + " is a label file (magic " + LABELS_MAGIC
                    + "), but an image file (magic " + IMAGES_MAGIC + ") was expected there");
        }
        if (!labels.isLabels()) {
            throw new DataException(labelsSource + " is an image file (magic " + IMAGES_MAGIC
                    + "), but a label file (magic " + LABELS_MAGIC + ") was expected there");
        }
        if (images.count() != labels.count()) {
            throw new DataException("image/label count mismatch: " + imagesSource + " has " + fmt(images.count())
                    + " images but " + labelsSource + " has " + fmt(labels.count()) + " labels");
        }
        if (images.count() == 0) {
            throw new DataException(imagesSource + " holds no images (its header says 0)");
        }
        int n = images.count();
        int rows = images.dims()[1];
        int cols = images.dims()[2];
        byte[] px = images.values();
        double[] features = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            features[i] = (px[i] & 0xFF) / 255.0;
        }
        int[] y = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            max = Math.max(max, y[i]);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return Dataset.adopt(name, new int[] {1, rows, cols}, features, y, max + 1, names, source);
    }

    private static String describe(int magic, int[] dims) {
        if (magic == IMAGES_MAGIC) {
            return fmt(dims[0]) + " images of " + dims[1] + "×" + dims[2];
        }
        return fmt(dims[0]) + " labels";
    }

    private static int bigEndian(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%08X", v);
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
